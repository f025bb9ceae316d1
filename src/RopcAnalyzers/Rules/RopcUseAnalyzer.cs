using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Options;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// The one pass over the code for every rule that judges ROPC uses: each operation is offered to the client
    /// recognizer and the server recognizer once, and what they find is handed to the rules, each in its own file:
    /// ROPC001 <see cref="UnapprovedRopcRequestRule"/>, ROPC002 <see cref="PasswordPersistenceRule"/>, ROPC007
    /// <see cref="CleartextTokenEndpointRule"/>, ROPC008 <see cref="HardCodedPasswordRule"/>, ROPC009
    /// <see cref="ServerPasswordGrantRule"/>, and, through the approval coverage, ROPC005 <see cref="StaleApprovalRule"/>
    /// and ROPC006 <see cref="BroadApprovalRule"/>.
    /// </summary>
    /// <remarks>
    /// One analyzer rather than one per rule because of cost: separate analyzers each registered the same operation
    /// kinds and re-ran the same recognizer over every operation of the compilation. Only the operations of the code
    /// blocks that spell a candidate use (<see cref="UseCandidates"/>: the grant or password, a catalogued API, a wrapper,
    /// a grant-holding member; in a string literal only, where <see cref="GrantLiterals"/> suffice) are offered to the
    /// recognizers, unless the project asks for every operation (<see cref="RopcOptions.SearchEveryOperationKey"/>).
    /// The actions are registered at each type's start, and only for types that spell a candidate use or an approval,
    /// so the rules that aggregate per type (ROPC002, ROPC005, ROPC006) report at the type's end. The compiler skips an analyzer only when all of its rules are off, so each
    /// rule is asked whether the project switched it off (<see cref="RuleSwitches"/>) before it runs or reports.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RopcUseAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.UnapprovedRopcRequest,
            Descriptors.PasswordPersisted,
            Descriptors.StaleApproval,
            Descriptors.BroadApproval,
            Descriptors.CleartextTokenEndpoint,
            Descriptors.HardCodedPassword,
            Descriptors.ServerEnablesPasswordGrant);

        public override void Initialize(AnalysisContext context)
        {
            // Security rules: generated code sends passwords just as well (service references, Refit clients), and uses
            // in a generated partial of an approved type count for the approval rules.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                var serverLibrariesReachable = ServerPasswordGrantRecognizer.LibrariesReachableFrom(compilation);
                var pass = new Pass(
                    RopcRecognizer.Create(start.Options, compilation),
                    ApprovalCoverage.Create(compilation, serverLibrariesReachable),
                    new RuleSwitches(compilation));
                var persistence = new PasswordPersistenceRule(compilation, pass.Recognizer);
                var cancellationToken = start.CancellationToken;
                var candidates = UseCandidates.For(start.Options, compilation, pass.Recognizer, cancellationToken);
                var spelling = pass.Coverage is null ? null : ApprovalSpelling.Of(compilation, pass.Recognizer.Scan!.TextOf, cancellationToken);
                var kinds = RopcRecognizer.SiteOperationKinds.AddRange(ServerPasswordGrantRecognizer.SiteOperationKindsFor(compilation)).Distinct().ToImmutableArray();
                start.RegisterSymbolStartAction(
                    typeStart =>
                    {
                        // Actions registered at a type's start see the code of that type's own members only (nested types
                        // have their own start), and its end action runs after all of them. A type that spells neither a
                        // candidate use nor an approval gets no action at all.
                        var type = (INamedTypeSymbol)typeStart.Symbol;
                        var mayUse = candidates is null || candidates.AnyIn(type, typeStart.CancellationToken);
                        var mayApprove = spelling is not null && spelling.MayApprove(type, typeStart.CancellationToken);
                        if (!mayUse && !mayApprove)
                        {
                            return;
                        }

                        // A type that spells only an approval still gets its end action: a stale approval is reported there.
                        var state = new TypeState(persistence, mayApprove ? pass.Coverage?.ForType(type) : null);
                        if (mayUse)
                        {
                            UseCandidates.RegisterOperationAction(candidates, typeStart, operationContext => pass.AnalyzeOperation(operationContext, state), kinds);
                        }

                        if (state.Coverage is { } coverage)
                        {
                            typeStart.RegisterSyntaxNodeAction(
                                nodeContext =>
                                {
                                    if (ApprovalDeclarations.AttributedFunction(nodeContext.Node, nodeContext.SemanticModel, nodeContext.CancellationToken) is { } function)
                                    {
                                        coverage.OnAttributedFunction(function);
                                    }
                                },
                                ApprovalDeclarations.FunctionSyntaxKinds);
                        }

                        typeStart.RegisterSymbolEndAction(end =>
                        {
                            void Report(Diagnostic diagnostic) => pass.Switches.Report(diagnostic, end.ReportDiagnostic, end.CancellationToken);
                            persistence.Report(state.Findings, Report);
                            if (pass.Coverage is not null && mayApprove && type.ContainingType is null)
                            {
                                pass.Coverage.Judge(type, JudgeApproval, Report);
                            }
                        });
                    },
                    SymbolKind.NamedType);

                if (serverLibrariesReachable)
                {
                    start.RegisterSymbolAction(symbolContext => ServerPasswordGrantRule.AnalyzeDeclaration(symbolContext, pass.Switches), SymbolKind.NamedType, SymbolKind.Method);
                }

                if (pass.Coverage is not null)
                {
                    start.RegisterSyntaxNodeAction(nodeContext => StaleApprovalRule.AnalyzeAssemblyOrModuleAttributes(nodeContext, pass.Switches), SyntaxKind.AttributeList);
                }
            });
        }

        private static void JudgeApproval(ApprovalUsage usage, Action<Diagnostic> reportDiagnostic)
        {
            StaleApprovalRule.Judge(usage, reportDiagnostic);
            BroadApprovalRule.Judge(usage, reportDiagnostic);
        }

        /// <summary>What one type's code records for the rules that report at the type's end.</summary>
        private sealed class TypeState
        {
            public TypeState(PasswordPersistenceRule persistence, ApprovalCoverage.TypeCoverage? coverage)
            {
                Persistence = persistence;
                Findings = persistence.StartType();
                Coverage = coverage;
            }

            public PasswordPersistenceRule Persistence { get; }

            public PasswordPersistenceRule.TypeFindings Findings { get; }

            public ApprovalCoverage.TypeCoverage? Coverage { get; }
        }

        /// <summary>The per-compilation state of the pass.</summary>
        private sealed class Pass
        {
            public Pass(RopcRecognizer recognizer, ApprovalCoverage? coverage, RuleSwitches switches)
            {
                Recognizer = recognizer;
                Coverage = coverage;
                Switches = switches;
            }

            public RopcRecognizer Recognizer { get; }

            public ApprovalCoverage? Coverage { get; }

            public RuleSwitches Switches { get; }

            public void AnalyzeOperation(OperationAnalysisContext context, TypeState state)
            {
                var operation = context.Operation;
                if (FindUse(operation, context.CancellationToken, out var request, out var serverSite))
                {
                    OnUse(new UseSiteContext(operation, context.ContainingSymbol, context.Options, context.ReportDiagnostic, context.CancellationToken), request, serverSite, state);
                }
            }

            private bool FindUse(IOperation operation, CancellationToken cancellationToken, out RopcRequest? request, out ServerPasswordGrantSite? serverSite)
            {
                var kind = operation.Kind;
                request = null;
                serverSite = null;
                if (SiteKinds.IsClientSite(kind))
                {
                    Recognizer.TryRecognize(operation, cancellationToken, out request);
                }

                if (SiteKinds.IsServerSite(kind))
                {
                    ServerPasswordGrantRecognizer.TryRecognize(operation, cancellationToken, out serverSite);
                }

                return request is not null || serverSite is not null;
            }

            private void OnUse(in UseSiteContext context, RopcRequest? request, ServerPasswordGrantSite? serverSite, TypeState state)
            {
                // A call of the project's own wrapper is judged for what it passes on; the request it reaches is the use.
                var isWrapperCall = request is { Kind: RopcRequestKind.WrapperCall };
                var approval = isWrapperCall && serverSite is null ? null : ApprovalOfUse(context, state.Coverage);
                var tree = context.Operation.Syntax.SyntaxTree;
                var cancellationToken = context.CancellationToken;
                if (request is not null)
                {
                    if (!isWrapperCall && !Switches.IsOff(RuleIdentifiers.UnapprovedRopcRequest, tree, cancellationToken))
                    {
                        UnapprovedRopcRequestRule.Analyze(request, approval, context);
                    }

                    if (!Switches.IsOff(RuleIdentifiers.PasswordPersisted, tree, cancellationToken))
                    {
                        state.Persistence.Analyze(request, state.Findings, context);
                    }

                    if (!Switches.IsOff(RuleIdentifiers.CleartextTokenEndpoint, tree, cancellationToken))
                    {
                        CleartextTokenEndpointRule.Analyze(request, context);
                    }

                    if (!Switches.IsOff(RuleIdentifiers.HardCodedPassword, tree, cancellationToken))
                    {
                        HardCodedPasswordRule.Analyze(request, context);
                    }
                }

                if (serverSite is not null && !Switches.IsOff(RuleIdentifiers.ServerEnablesPasswordGrant, tree, cancellationToken))
                {
                    ServerPasswordGrantRule.Analyze(serverSite, approval, context);
                }
            }

            /// <summary>The nearest approval of the ROPC use at the context's operation, recorded as a use it covers.</summary>
            private static TrustedLegacyApproval? ApprovalOfUse(in UseSiteContext context, ApprovalCoverage.TypeCoverage? coverage)
            {
                var approval = TrustedLegacyApproval.Find(context.Operation, context.ContainingSymbol);
                if (approval is not null)
                {
                    coverage?.OnUse(approval, context.ContainingSymbol);
                }

                return approval;
            }
        }

        /// <summary>The operation kinds each recognizer looks at, looked up by kind.</summary>
        private static class SiteKinds
        {
            private static readonly bool[] Client = Table(RopcRecognizer.SiteOperationKinds);
            private static readonly bool[] Server = Table(ServerPasswordGrantRecognizer.SiteOperationKinds);

            public static bool IsClientSite(OperationKind kind) => (uint)kind < (uint)Client.Length && Client[(int)kind];

            public static bool IsServerSite(OperationKind kind) => (uint)kind < (uint)Server.Length && Server[(int)kind];

            private static bool[] Table(ImmutableArray<OperationKind> kinds)
            {
                var table = new bool[kinds.Max(kind => (int)kind) + 1];
                foreach (var kind in kinds)
                {
                    table[(int)kind] = true;
                }

                return table;
            }
        }
    }
}
