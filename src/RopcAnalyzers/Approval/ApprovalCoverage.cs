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
    /// it belongs to its nearest approval (<see cref="TrustedLegacyApproval.Find"/>). <see cref="Rules.RopcUseAnalyzer"/>
    /// finds the uses in its one pass over the code and records them here, per outermost type (symbol-start
    /// actions); each outermost type is judged at its symbol end, after its members and nested types: nothing
    /// outlives the compilation and, unlike a compilation-end action, diagnostics appear in the editor.
    /// </summary>
    internal sealed class ApprovalCoverage
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeCoverage> coverageByOutermostType = new(SymbolEqualityComparer.Default);

        private readonly bool serverDeclarationsPossible;

        private ApprovalCoverage(bool serverDeclarationsPossible)
        {
            this.serverDeclarationsPossible = serverDeclarationsPossible;
        }

        /// <summary>
        /// The coverage of one compilation; null when the approval attribute does not exist in it (no approval can be
        /// written). Declarations are recognised as uses only when <paramref name="serverLibrariesReachable"/>.
        /// </summary>
        public static ApprovalCoverage? Create(Compilation compilation, bool serverLibrariesReachable)
            => TrustedLegacyApproval.IsDeclaredIn(compilation) ? new ApprovalCoverage(serverLibrariesReachable) : null;

        /// <summary>The state that the code of <paramref name="type"/>'s own members records into: that of its outermost type.</summary>
        public TypeCoverage ForType(INamedTypeSymbol type)
        {
            var outermost = type;
            while (outermost.ContainingType is { } containing)
            {
                outermost = containing;
            }

            return coverageByOutermostType.GetOrAdd(outermost, _ => new TypeCoverage(serverDeclarationsPossible));
        }

        /// <summary>At the end of an outermost type: hands every approval written in it, with what it covers, to <paramref name="judge"/>.</summary>
        public void Judge(INamedTypeSymbol outermost, Action<ApprovalUsage, Action<Diagnostic>> judge, Action<Diagnostic> reportDiagnostic)
        {
            var state = coverageByOutermostType.TryRemove(outermost, out var recorded) ? recorded : new TypeCoverage(serverDeclarationsPossible);
            state.Judge(outermost, judge, reportDiagnostic);
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

        internal sealed class TypeCoverage
        {
            /// <summary>Per approved symbol, the members of it that contain its uses; the symbol itself stands for uses that are its own declaration.</summary>
            private readonly ConcurrentDictionary<ISymbol, ConcurrentDictionary<ISymbol, bool>> usesByTarget = new(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<ISymbol, TrustedLegacyApproval> functionApprovals = new(SymbolEqualityComparer.Default);
            private readonly bool serverDeclarationsPossible;

            public TypeCoverage(bool serverDeclarationsPossible)
            {
                this.serverDeclarationsPossible = serverDeclarationsPossible;
            }

            /// <summary>A local function or lambda written with attributes (<see cref="ApprovalDeclarations.AttributedFunction"/>): remembers the approval on it, if any.</summary>
            public void OnAttributedFunction(IMethodSymbol function)
            {
                if (TrustedLegacyApproval.On(function) is { } approval)
                {
                    functionApprovals.TryAdd(function, approval);
                }
            }

            /// <summary>An ROPC use in the code of <paramref name="containingSymbol"/>, covered by <paramref name="approval"/>.</summary>
            public void OnUse(TrustedLegacyApproval approval, ISymbol? containingSymbol) => Record(approval.Target, containingSymbol);

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

                if (serverDeclarationsPossible && ServerPasswordGrantRecognizer.TryRecognizeDeclaration(symbol, out _) && TrustedLegacyApproval.Covering(symbol) is { } covering)
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
