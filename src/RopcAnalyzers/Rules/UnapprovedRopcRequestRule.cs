using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>ROPC001: an ROPC token request outside code approved with [TrustedLegacyRopc]. Run by <see cref="RopcUseAnalyzer"/>.</summary>
    internal static class UnapprovedRopcRequestRule
    {
        public static void Analyze(RopcRequest request, TrustedLegacyApproval? approval, in UseSiteContext context)
        {
            if (approval is not null)
            {
                return;
            }

            // A call that chooses the password grant for the project's own wrapper shows the form it reaches.
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnapprovedRopcRequest,
                request.Location,
                request.ChainLocations,
                DiagnosticProperties.For(request),
                request.Description));
        }
    }
}
