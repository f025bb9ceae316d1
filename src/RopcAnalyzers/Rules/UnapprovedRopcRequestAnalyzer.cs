using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>ROPC001: an ROPC token request outside code approved with [TrustedLegacyRopc].</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnapprovedRopcRequestAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnapprovedRopcRequest);

        public override void Initialize(AnalysisContext context)
        {
            // A security rule: generated code sends passwords just as well (service references, Refit clients).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var recognizer = RopcRecognizer.Create(start.Options, start.Compilation);
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        if (!recognizer.TryRecognize(operationContext.Operation, operationContext.CancellationToken, out var request)
                            || TrustedLegacyApproval.Find(operationContext.Operation, operationContext.ContainingSymbol) is not null)
                        {
                            return;
                        }

                        operationContext.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.UnapprovedRopcRequest,
                            request.Location,
                            DiagnosticProperties.For(request),
                            request.Description));
                    },
                    RopcRecognizer.SiteOperationKinds);
            });
        }
    }
}
