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

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnapprovedRopcRequest,
                request.Location,
                DiagnosticProperties.For(request),
                request.Description));
        }
    }
}
