using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Options;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC004: a [TrustedLegacyRopc] whose Expires date is before the reference date (today, or
    /// ropc_analyzers.reference_date). ROPC010: an Expires that is not a yyyy-MM-dd date, which would never expire.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ApprovalExpiryAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ExpiredApproval, Descriptors.MalformedApprovalExpiry);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            ApprovalDeclarations.Register(context, declared =>
            {
                var approval = declared.Approval;
                if (approval.Expires is not { } written)
                {
                    // No Expires (or Expires = null): the approval has no end date.
                    return;
                }

                var syntax = ApprovalDeclarations.Syntax(approval, declared.CancellationToken);
                var location = ApprovalDeclarations.Argument(syntax, TrustedLegacyApproval.ExpiresPropertyName)?.GetLocation() ?? syntax?.GetLocation() ?? approval.Location;
                if (Judge(written, () => RopcOptions.ReferenceDate(declared.Options, location.SourceTree), location, approval.TargetDisplayName) is { } diagnostic)
                {
                    declared.ReportDiagnostic(diagnostic);
                }
            });
        }

        /// <summary>
        /// ROPC010 when <paramref name="written"/> is not a date, ROPC004 when it is before the reference date, else
        /// null: for attributes, and for the approvals written in configuration files (<see cref="ConfigurationFileAnalyzer"/>).
        /// </summary>
        internal static Diagnostic? Judge(string written, System.Func<System.DateTime> referenceDate, Location location, string targetDisplayName)
        {
            if (!RopcOptions.TryParseDate(written, out var expires))
            {
                return Diagnostic.Create(Descriptors.MalformedApprovalExpiry, location, targetDisplayName, written);
            }

            // The approval stands through its Expires day: it has expired once the reference date is later.
            return expires < referenceDate()
                ? Diagnostic.Create(Descriptors.ExpiredApproval, location, targetDisplayName, expires.ToString(RopcOptions.DateFormat, CultureInfo.InvariantCulture))
                : null;
        }
    }
}
