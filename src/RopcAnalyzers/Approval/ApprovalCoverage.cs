using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Approval
{
    /// <summary>What one approval covers, once its whole outermost type has been analysed.</summary>
    internal sealed class ApprovalUsage
    {
        public ApprovalUsage(TrustedLegacyApproval approval, bool coversAnyUse, bool coversTheTargetItself, ImmutableArray<ISymbol> usingMembers)
        {
            Approval = approval;
            CoversAnyUse = coversAnyUse;
            CoversTheTargetItself = coversTheTargetItself;
            UsingMembers = usingMembers;
        }

        public TrustedLegacyApproval Approval { get; }

        /// <summary>Whether this approval is the nearest one of at least one ROPC use (client request or server site).</summary>
        public bool CoversAnyUse { get; }

        /// <summary>Whether a use is the approved type's own declaration (a class that implements a password validator).</summary>
        public bool CoversTheTargetItself { get; }

        /// <summary>For an approval on a type: its direct members (methods, properties, nested types, ...) that contain the uses it covers.</summary>
        public ImmutableArray<ISymbol> UsingMembers { get; }
    }

    /// <summary>
    /// Works out which approvals cover which ROPC uses, for the rules that judge approvals by what they cover
    /// (ROPC005 stale, ROPC006 broad). A use is a site the client recognizer or the server recognizer accepts;
    /// it belongs to its nearest approval (<see cref="TrustedLegacyApproval.Find"/>). The state is kept per
    /// outermost type (symbol-start actions) and judged at its symbol end, after its members and nested types:
    /// nothing outlives the compilation and, unlike a compilation-end action, diagnostics appear in the editor.
    /// </summary>
    internal static class ApprovalCoverage
    {
        public static void Register(AnalysisContext context, Action<ApprovalUsage, Action<Diagnostic>> judge)
        {
            context.RegisterCompilationStartAction(start =>
            {
                if (!TrustedLegacyApproval.IsDeclaredIn(start.Compilation))
                {
                    return;
                }

                var recognizer = RopcRecognizer.Create(start.Options, start.Compilation);
                var operationKinds = OperationKinds();

                // Operation actions registered at a type's start see the code of that type's own members only, so every
                // type (nested ones too) registers them and records into the state of its outermost type; the outermost
                // type's end comes after all of its nested types' callbacks.
                var coverageByOutermostType = new ConcurrentDictionary<INamedTypeSymbol, TypeCoverage>(SymbolEqualityComparer.Default);
                start.RegisterSymbolStartAction(
                    typeStart =>
                    {
                        var type = (INamedTypeSymbol)typeStart.Symbol;
                        var outermost = type;
                        while (outermost.ContainingType is { } containing)
                        {
                            outermost = containing;
                        }

                        var state = coverageByOutermostType.GetOrAdd(outermost, _ => new TypeCoverage());
                        if (MayContainApprovedCode(type, typeStart.CancellationToken))
                        {
                            typeStart.RegisterOperationAction(operationContext => state.OnOperation(operationContext, recognizer), operationKinds);
                        }

                        if (SymbolEqualityComparer.Default.Equals(type, outermost))
                        {
                            typeStart.RegisterSymbolEndAction(end =>
                            {
                                coverageByOutermostType.TryRemove(outermost, out _);
                                state.Judge(outermost, judge, end.ReportDiagnostic);
                            });
                        }
                    },
                    SymbolKind.NamedType);
            });
        }

        private static ImmutableArray<OperationKind> OperationKinds()
        {
            var kinds = new HashSet<OperationKind>(RopcRecognizer.SiteOperationKinds);
            kinds.UnionWith(ServerPasswordGrantRecognizer.SiteOperationKinds);
            kinds.Add(OperationKind.LocalFunction);
            kinds.Add(OperationKind.AnonymousFunction);
            return kinds.ToImmutableArray();
        }

        /// <summary>
        /// Whether code in <paramref name="type"/>'s own members can be covered by an approval: one on the type, a
        /// containing type or a member, or an attributed local function or lambda in its declarations (found in the
        /// syntax, without binding). Most types have none, and their code is then not looked at.
        /// </summary>
        private static bool MayContainApprovedCode(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (TrustedLegacyApproval.Covering(type) is not null)
            {
                return true;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is not INamedTypeSymbol && TrustedLegacyApproval.On(member) is not null)
                {
                    return true;
                }
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                foreach (var node in declaration.DescendantNodes(child => child == declaration || child is not BaseTypeDeclarationSyntax))
                {
                    if (node is AttributeListSyntax { Parent: LocalFunctionStatementSyntax or LambdaExpressionSyntax })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The member of <paramref name="type"/> that contains code of <paramref name="symbol"/> (a property for its accessors).</summary>
        internal static ISymbol? MemberOf(INamedTypeSymbol type, ISymbol? symbol)
        {
            for (; symbol is not null; symbol = symbol.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol.ContainingSymbol, type))
                {
                    return symbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated : symbol;
                }
            }

            return null;
        }

        private sealed class TypeCoverage
        {
            /// <summary>Per approved symbol, the members of it that contain its uses; the symbol itself stands for uses that are its own declaration.</summary>
            private readonly ConcurrentDictionary<ISymbol, ConcurrentDictionary<ISymbol, bool>> usesByTarget = new(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<ISymbol, TrustedLegacyApproval> functionApprovals = new(SymbolEqualityComparer.Default);

            public void OnOperation(OperationAnalysisContext context, RopcRecognizer recognizer)
            {
                var operation = context.Operation;
                if (ApprovalDeclarations.FunctionSymbol(operation) is { } function)
                {
                    if (ApprovalDeclarations.HasAttributeLists(operation.Syntax) && TrustedLegacyApproval.On(function) is { } functionApproval)
                    {
                        functionApprovals.TryAdd(function, functionApproval);
                    }

                    return;
                }

                // Approvals are rare: look for one before asking the recognizers.
                if (TrustedLegacyApproval.Find(operation, context.ContainingSymbol) is not { } approval
                    || !(recognizer.TryRecognize(operation, context.CancellationToken, out _)
                         || ServerPasswordGrantRecognizer.TryRecognize(operation, context.CancellationToken, out _)))
                {
                    return;
                }

                Record(approval.Target, context.ContainingSymbol);
            }

            public void Judge(INamedTypeSymbol outermost, Action<ApprovalUsage, Action<Diagnostic>> judge, Action<Diagnostic> reportDiagnostic)
            {
                var approvals = new List<TrustedLegacyApproval>(functionApprovals.Values);
                CollectDeclarations(outermost, approvals);
                foreach (var approval in approvals)
                {
                    var coversAnyUse = usesByTarget.TryGetValue(approval.Target, out var uses) && !uses.IsEmpty;
                    var members = ImmutableArray.CreateBuilder<ISymbol>();
                    var itself = false;
                    if (uses is not null)
                    {
                        foreach (var member in uses.Keys)
                        {
                            if (SymbolEqualityComparer.Default.Equals(member, approval.Target))
                            {
                                itself = true;
                            }
                            else
                            {
                                members.Add(member);
                            }
                        }
                    }

                    judge(new ApprovalUsage(approval, coversAnyUse, itself, members.ToImmutable()), reportDiagnostic);
                }
            }

            /// <summary>Every approval on the type, its members and nested types; records the uses that are declarations.</summary>
            private void CollectDeclarations(INamedTypeSymbol type, List<TrustedLegacyApproval> approvals)
            {
                AddDeclaration(type, approvals);
                foreach (var member in type.GetMembers())
                {
                    if (member is INamedTypeSymbol nested)
                    {
                        CollectDeclarations(nested, approvals);
                    }
                    else if (member is not IMethodSymbol { PartialDefinitionPart: not null })
                    {
                        AddDeclaration(member, approvals);
                    }
                }
            }

            private void AddDeclaration(ISymbol symbol, List<TrustedLegacyApproval> approvals)
            {
                if (TrustedLegacyApproval.On(symbol) is { } approval)
                {
                    approvals.Add(approval);
                }

                if (ServerPasswordGrantRecognizer.TryRecognizeDeclaration(symbol, out _) && TrustedLegacyApproval.Covering(symbol) is { } covering)
                {
                    Record(covering.Target, symbol);
                }
            }

            private void Record(ISymbol target, ISymbol? useSymbol)
            {
                var member = (target is INamedTypeSymbol type && !SymbolEqualityComparer.Default.Equals(target, useSymbol) ? MemberOf(type, useSymbol) : null) ?? target;
                usesByTarget.GetOrAdd(target, _ => new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default)).TryAdd(member, true);
            }
        }
    }
}
