using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Options;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC009: authorization-server code that accepts or turns on grant_type=password, outside code approved with
    /// [TrustedLegacyRopc]. Run by <see cref="RopcUseAnalyzer"/>: sites in code from its operation pass,
    /// declarations (password validators, OWIN overrides) from its symbol action.
    /// </summary>
    internal static class ServerPasswordGrantRule
    {
        public static void Analyze(ServerPasswordGrantSite site, TrustedLegacyApproval? approval, in UseSiteContext context)
        {
            if (approval is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ServerEnablesPasswordGrant, site.Location, site.Description));
            }
        }

        public static void AnalyzeDeclaration(SymbolAnalysisContext context, RuleSwitches switches)
        {
            if (ServerPasswordGrantRecognizer.TryRecognizeDeclaration(context.Symbol, out var site)
                && TrustedLegacyApproval.Covering(context.Symbol) is null)
            {
                switches.Report(Diagnostic.Create(Descriptors.ServerEnablesPasswordGrant, site.Location, site.Description), context.ReportDiagnostic, context.CancellationToken);
            }
        }
    }
}
