using System;
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

    /// <summary>A call of a wrapper (<see cref="RopcRequestKind.WrapperCall"/>) that reaches the request at <see cref="RopcRequest.ReachedRequestLocation"/>.</summary>
    internal sealed record CollectedIndirectUse(RopcRequest Call, ISymbol? ContainingSymbol);

    /// <summary>
    /// Runs beside the RopcAnalyzers analyzers in the same analyzer driver pass and records every ROPC site,
    /// approved or not, and every [TrustedLegacyRopc] approval. It asks the one recognizer and the one approval
    /// lookup exactly as ROPC001 does, so the inventory and the build never disagree on what a site is.
    /// Unlike ROPC001 it is given the wrappers of the projects this one references, so it also records the calls of
    /// their wrappers as indirect uses of their requests; and it hands this project's wrappers on, as soon as they are
    /// learned, to the projects that reference it. One instance serves one compilation.
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

        private readonly RopcWrapperExports referencedWrappers;
        private readonly Action<RopcWrapperExports>? publishWrappers;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(NeverReported);

        public ConcurrentBag<CollectedSite> Sites { get; } = new();

        public ConcurrentBag<TrustedLegacyApproval> Approvals { get; } = new();

        public ConcurrentBag<CollectedIndirectUse> IndirectUses { get; } = new();

        /// <param name="referencedWrappers">The wrappers of the projects this one references.</param>
        /// <param name="publishWrappers">Called once with this project's wrappers (its own and the referenced ones it sees).</param>
        public RopcSiteCollector(RopcWrapperExports? referencedWrappers = null, Action<RopcWrapperExports>? publishWrappers = null)
        {
            this.referencedWrappers = referencedWrappers ?? RopcWrapperExports.Empty;
            this.publishWrappers = publishWrappers;
        }

        public override void Initialize(AnalysisContext context)
        {
            // The same choice as ROPC001: generated code sends passwords just as well.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var recognizer = RopcRecognizer.Create(start.Options, start.Compilation, referencedWrappers);

                // Learned now rather than at the first call: the projects that reference this one wait for them.
                publishWrappers?.Invoke(recognizer.ExportWrappers(start.CancellationToken));

                // The code blocks the build searches, and only those (UseCandidates): the inventory and ROPC001 find the same sites.
                var candidates = UseCandidates.For(start.Options, start.Compilation, recognizer, start.CancellationToken);
                start.RegisterSymbolStartAction(
                    typeStart =>
                    {
                        if (candidates is null || candidates.AnyIn((INamedTypeSymbol)typeStart.Symbol, typeStart.CancellationToken))
                        {
                            UseCandidates.RegisterOperationAction(candidates, typeStart, CollectSite, RopcRecognizer.SiteOperationKinds);
                        }
                    },
                    SymbolKind.NamedType);

                void CollectSite(OperationAnalysisContext operationContext)
                {
                    if (!recognizer.TryRecognize(operationContext.Operation, operationContext.CancellationToken, out var request))
                    {
                        return;
                    }

                    // A call of a wrapper is an indirect use: its request is the site (ROPC001 agrees).
                    if (request.Kind == RopcRequestKind.WrapperCall)
                    {
                        if (request.ReachedRequestLocation is not null)
                        {
                            IndirectUses.Add(new CollectedIndirectUse(request, operationContext.ContainingSymbol));
                        }

                        return;
                    }

                    var approval = TrustedLegacyApproval.Find(operationContext.Operation, operationContext.ContainingSymbol);
                    Sites.Add(new CollectedSite(request, approval, operationContext.ContainingSymbol));
                }

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
