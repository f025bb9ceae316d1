using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RopcAnalyzers.Configuration;
using RopcAnalyzers.Options;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC001, ROPC008 and ROPC009 in the project's JSON configuration files (appsettings*.json by default, passed
    /// as AdditionalFiles by the package's MSBuild files), and ROPC003, ROPC004, ROPC005 and ROPC010 on the
    /// "TrustedLegacyRopc" objects that approve them; ROPC011 for a file that is not valid JSON. Each file is read
    /// once per compilation, by an additional-file action, which the compiler and the IDE both run.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigurationFileAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The AdditionalFiles metadata that the package's targets set on the configuration files (CompilerVisibleItemMetadata).</summary>
        internal const string ConfigurationFileMetadataKey = "build_metadata.AdditionalFiles.RopcAnalyzersConfigurationFile";

        /// <summary>
        /// The MSBuild property the package's targets make visible: when it is there, only the files marked with
        /// <see cref="ConfigurationFileMetadataKey"/> are read; without the package's targets (the analyzer
        /// referenced directly), additional files named appsettings*.json are.
        /// </summary>
        internal const string AnalyzeConfigurationPropertyKey = "build_property.RopcAnalyzersAnalyzeConfiguration";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.UnapprovedRopcRequest,
            Descriptors.HardCodedPassword,
            Descriptors.ServerEnablesPasswordGrant,
            Descriptors.ApprovalWithoutJustification,
            Descriptors.ExpiredApproval,
            Descriptors.MalformedApprovalExpiry,
            Descriptors.StaleApproval,
            Descriptors.UnreadableConfigurationFile);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var switches = new RuleSwitches(start.Compilation);
                start.RegisterAdditionalFileAction(fileContext =>
                {
                    if (IsConfigurationFile(fileContext.AdditionalFile, fileContext.Options))
                    {
                        Analyze(fileContext, diagnostic => switches.Report(diagnostic, fileContext.ReportDiagnostic, fileContext.CancellationToken));
                    }
                });
            });
        }

        internal static bool IsConfigurationFile(AdditionalText file, AnalyzerOptions options)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            if (provider.GetOptions(file).TryGetValue(ConfigurationFileMetadataKey, out var marked) && marked.Trim().Length > 0)
            {
                return string.Equals(marked.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            }

            if (provider.GlobalOptions.TryGetValue(AnalyzeConfigurationPropertyKey, out _))
            {
                return false;
            }

            var name = Path.GetFileName(file.Path);
            return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        }

        private static void Analyze(AdditionalFileAnalysisContext context, Action<Diagnostic> report)
        {
            var file = context.AdditionalFile;
            if (file.GetText(context.CancellationToken) is not { } source)
            {
                return;
            }

            var text = source.ToString();
            var fileName = Path.GetFileName(file.Path);
            if (!JsonReader.TryRead(text, out var root, out var error))
            {
                report(Diagnostic.Create(Descriptors.UnreadableConfigurationFile, At(file, source, new TextSpan(error.Position, error.Position < text.Length ? 1 : 0)), fileName, error.Message));
                return;
            }

            if (root is null)
            {
                return;
            }

            context.CancellationToken.ThrowIfCancellationRequested();
            var found = ConfigurationRopc.Find(root, fileName);
            foreach (var finding in found.Findings)
            {
                // An approval silences the ROPC use whatever its state: a wrong approval is reported at the approval.
                if (finding.Approval is null)
                {
                    report(Diagnostic.Create(finding.Descriptor, At(file, source, finding.Value.Span), finding.Subject));
                }
            }

            foreach (var approval in found.Approvals)
            {
                Judge(approval, text, () => RopcOptions.ReferenceDate(context.Options, file), span => At(file, source, span), report);
            }
        }

        /// <summary>The approval rules, as for the attribute: the same checks of the justification and the expiry.</summary>
        private static void Judge(ConfigurationApproval approval, string text, Func<DateTime> referenceDate, Func<TextSpan, Location> at, Action<Diagnostic> report)
        {
            var nameLocation = at(approval.Property.NameSpan);
            if (!approval.CoversAnyUse)
            {
                report(Diagnostic.Create(Descriptors.StaleApproval, nameLocation, approval.TargetPath));
            }

            var justification = ConfigurationApproval.Scalar(approval.Justification, text);
            if (ApprovalJustificationAnalyzer.Problem(justification) is { } problem)
            {
                var location = approval.Justification is { } written ? at(written.Span) : nameLocation;
                report(Diagnostic.Create(Descriptors.ApprovalWithoutJustification, location, approval.TargetPath, problem));
            }

            if (approval.Expires is { } expires && ConfigurationApproval.Scalar(expires, text) is { } expiresText
                && ApprovalExpiryAnalyzer.Judge(expiresText, referenceDate, at(expires.Span), approval.TargetPath) is { } expiry)
            {
                report(expiry);
            }
        }

        private static Location At(AdditionalText file, SourceText source, TextSpan span)
            => Location.Create(file.Path, span, source.Lines.GetLinePositionSpan(span));
    }
}
