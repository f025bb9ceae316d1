using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>ROPC009: authorization-server code that accepts or turns on grant_type=password, outside code approved with [TrustedLegacyRopc].</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ServerPasswordGrantAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ServerEnablesPasswordGrant);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                operationContext =>
                {
                    if (ServerPasswordGrantRecognizer.TryRecognize(operationContext.Operation, operationContext.CancellationToken, out var site)
                        && TrustedLegacyApproval.Find(operationContext.Operation, operationContext.ContainingSymbol) is null)
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(Descriptors.ServerEnablesPasswordGrant, site.Location, site.Description));
                    }
                },
                ServerPasswordGrantRecognizer.SiteOperationKinds);

            context.RegisterSymbolAction(
                symbolContext =>
                {
                    if (ServerPasswordGrantRecognizer.TryRecognizeDeclaration(symbolContext.Symbol, out var site)
                        && TrustedLegacyApproval.Covering(symbolContext.Symbol) is null)
                    {
                        symbolContext.ReportDiagnostic(Diagnostic.Create(Descriptors.ServerEnablesPasswordGrant, site.Location, site.Description));
                    }
                },
                SymbolKind.NamedType,
                SymbolKind.Method);
        }
    }
}
