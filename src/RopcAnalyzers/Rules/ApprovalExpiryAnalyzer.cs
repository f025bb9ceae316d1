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
                if (!RopcOptions.TryParseDate(written, out var expires))
                {
                    declared.ReportDiagnostic(Diagnostic.Create(Descriptors.MalformedApprovalExpiry, location, approval.TargetDisplayName, written));
                    return;
                }

                // The approval stands through its Expires day: it has expired once the reference date is later.
                if (expires < RopcOptions.ReferenceDate(declared.Options, location.SourceTree))
                {
                    declared.ReportDiagnostic(Diagnostic.Create(Descriptors.ExpiredApproval, location, approval.TargetDisplayName, expires.ToString(RopcOptions.DateFormat, CultureInfo.InvariantCulture)));
                }
            });
        }
    }
}
