using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Options;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC005: a [TrustedLegacyRopc] that is the nearest approval of no ROPC use (client request or server site)
    /// in the member or type it is on, and one written at assembly or module level, which approves nothing.
    /// Run by <see cref="RopcUseAnalyzer"/>, which works out what each approval covers (<see cref="ApprovalCoverage"/>).
    /// </summary>
    internal static class StaleApprovalRule
    {
        public static void Judge(ApprovalUsage usage, Action<Diagnostic> reportDiagnostic)
        {
            if (!usage.CoversAnyUse)
            {
                reportDiagnostic(Diagnostic.Create(Descriptors.StaleApproval, usage.Approval.Location, usage.Approval.TargetDisplayName));
            }
        }

        /// <summary>
        /// [assembly: TrustedLegacyRopc(...)] (possible only with a team's own copy of the attribute, or as a compiler
        /// error with the shipped one): approvals are looked up on members and types, never on the assembly, so it
        /// approves nothing.
        /// </summary>
        public static void AnalyzeAssemblyOrModuleAttributes(SyntaxNodeAnalysisContext context, RuleSwitches switches)
        {
            var list = (AttributeListSyntax)context.Node;
            var target = list.Target?.Identifier;
            if (target is null || !(target.Value.IsKind(SyntaxKind.AssemblyKeyword) || target.Value.IsKind(SyntaxKind.ModuleKeyword)))
            {
                return;
            }

            foreach (var attribute in list.Attributes)
            {
                if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol { ContainingType: var attributeClass }
                    && TrustedLegacyApproval.IsApprovalAttributeClass(attributeClass))
                {
                    var name = target.Value.IsKind(SyntaxKind.AssemblyKeyword) ? "assembly " + context.Compilation.AssemblyName : "module " + context.Compilation.SourceModule.Name;
                    switches.Report(Diagnostic.Create(Descriptors.StaleApproval, attribute.GetLocation(), name), context.ReportDiagnostic, context.CancellationToken);
                }
            }
        }
    }
}
