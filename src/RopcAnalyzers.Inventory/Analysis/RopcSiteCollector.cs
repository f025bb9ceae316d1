using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Inventory.Analysis
{
    /// <summary>An ROPC site as the recognizer saw it, with the approval that covers it (if any).</summary>
    internal sealed record CollectedSite(RopcRequest Request, TrustedLegacyApproval? Approval, ISymbol? ContainingSymbol);

    /// <summary>
    /// Runs beside the RopcAnalyzers analyzers in the same analyzer driver pass and records every ROPC site,
    /// approved or not, and every [TrustedLegacyRopc] approval. It asks the one recognizer and the one approval
    /// lookup exactly as ROPC001 does, so the inventory and the build never disagree on what a site is.
    /// One instance serves one compilation.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Not exported: only the inventory tool creates it, beside the package's analyzers.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("MicrosoftCodeAnalysisReleaseTracking", "RS2008:Enable analyzer release tracking", Justification = "Its one descriptor is never reported, so there is no rule to release.")]
    internal sealed class RopcSiteCollector : DiagnosticAnalyzer
    {
        /// <summary>
        /// Never reported. The analyzer driver skips an analyzer whose descriptors are all disabled by
        /// configuration, so the collector carries one descriptor that configuration cannot turn off.
        /// </summary>
        public static readonly DiagnosticDescriptor NeverReported = new(
            "ROPCINVENTORY",
            "ROPC inventory site collector",
            "Not reported",
            "RopcInventory",
            DiagnosticSeverity.Hidden,
            isEnabledByDefault: true,
            customTags: WellKnownDiagnosticTags.NotConfigurable);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(NeverReported);

        public ConcurrentBag<CollectedSite> Sites { get; } = new();

        public ConcurrentBag<TrustedLegacyApproval> Approvals { get; } = new();

        public override void Initialize(AnalysisContext context)
        {
            // The same choice as ROPC001: generated code sends passwords just as well.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var recognizer = RopcRecognizer.Create(start.Options, start.Compilation);
                start.RegisterOperationAction(
                    operationContext =>
                    {
                        // A call of the project's own wrapper is an indirect use: its request is the site (ROPC001 agrees).
                        if (recognizer.TryRecognize(operationContext.Operation, operationContext.CancellationToken, out var request)
                            && request.Kind != RopcRequestKind.WrapperCall)
                        {
                            var approval = TrustedLegacyApproval.Find(operationContext.Operation, operationContext.ContainingSymbol);
                            Sites.Add(new CollectedSite(request, approval, operationContext.ContainingSymbol));
                        }
                    },
                    RopcRecognizer.SiteOperationKinds);

                start.RegisterOperationAction(
                    operationContext =>
                    {
                        ISymbol? function = operationContext.Operation switch
                        {
                            ILocalFunctionOperation localFunction => localFunction.Symbol,
                            IAnonymousFunctionOperation lambda => lambda.Symbol,
                            _ => null,
                        };

                        if (function is not null)
                        {
                            Record(function);
                        }
                    },
                    OperationKind.LocalFunction,
                    OperationKind.AnonymousFunction);

                start.RegisterSymbolAction(symbolContext => Record(symbolContext.Symbol), SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property);
            });
        }

        private void Record(ISymbol symbol)
        {
            if (TrustedLegacyApproval.On(symbol) is { } approval)
            {
                Approvals.Add(approval);
            }
        }
    }
}
