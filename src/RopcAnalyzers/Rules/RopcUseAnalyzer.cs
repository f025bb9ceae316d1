using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
    /// kinds and re-ran the same recognizer over every operation of the compilation. The operation action is
    /// registered at each type's start, so the rules that aggregate per type (ROPC002, ROPC005, ROPC006) report at
    /// the type's end. The compiler skips an analyzer only when all of its rules are off, so each rule is asked
    /// whether the project switched it off (<see cref="RuleSwitches"/>) before it runs or reports.
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
                var recognizer = RopcRecognizer.Create(start.Options, start.Compilation);
                var persistence = new PasswordPersistenceRule(start.Compilation, recognizer);
                var coverage = ApprovalCoverage.Create(start.Compilation);
                var switches = new RuleSwitches(start.Compilation);
                var kinds = RopcRecognizer.SiteOperationKinds.AddRange(ServerPasswordGrantRecognizer.SiteOperationKindsFor(start.Compilation)).Distinct().ToImmutableArray();
                var kindsAndFunctions = kinds.Add(OperationKind.LocalFunction).Add(OperationKind.AnonymousFunction);
                start.RegisterSymbolStartAction(
                    typeStart =>
                    {
                        // Operation actions registered at a type's start see the code of that type's own members only
                        // (nested types have their own start), and its end action runs after all of them.
                        var type = (INamedTypeSymbol)typeStart.Symbol;
                        var findings = persistence.StartType();
                        var typeCoverage = coverage?.ForType(type);
                        typeStart.RegisterOperationAction(
                            operationContext => AnalyzeOperation(operationContext, recognizer, switches, persistence, findings, typeCoverage),
                            typeCoverage is null ? kinds : kindsAndFunctions);
                        typeStart.RegisterSymbolEndAction(end =>
                        {
                            void Report(Diagnostic diagnostic) => switches.Report(diagnostic, end.ReportDiagnostic, end.CancellationToken);
                            persistence.Report(findings, Report);
                            if (coverage is not null && type.ContainingType is null)
                            {
                                coverage.Judge(type, JudgeApproval, Report);
                            }
                        });
                    },
                    SymbolKind.NamedType);

                start.RegisterSymbolAction(symbolContext => ServerPasswordGrantRule.AnalyzeDeclaration(symbolContext, switches), SymbolKind.NamedType, SymbolKind.Method);
                if (coverage is not null)
                {
                    start.RegisterSyntaxNodeAction(nodeContext => StaleApprovalRule.AnalyzeAssemblyOrModuleAttributes(nodeContext, switches), SyntaxKind.AttributeList);
                }
            });
        }

        private static void AnalyzeOperation(
            OperationAnalysisContext context,
            RopcRecognizer recognizer,
            RuleSwitches switches,
            PasswordPersistenceRule persistence,
            PasswordPersistenceRule.TypeFindings findings,
            ApprovalCoverage.TypeCoverage? coverage)
        {
            var operation = context.Operation;
            var kind = operation.Kind;
            if (kind is OperationKind.LocalFunction or OperationKind.AnonymousFunction)
            {
                coverage?.OnFunction(operation);
                return;
            }

            var cancellationToken = context.CancellationToken;
            if (SiteKinds.IsClientSite(kind) && recognizer.TryRecognize(operation, cancellationToken, out var request))
            {
                var approval = ApprovalOfUse(context, coverage);

                var tree = operation.Syntax.SyntaxTree;
                if (!switches.IsOff(RuleIdentifiers.UnapprovedRopcRequest, tree, cancellationToken))
                {
                    UnapprovedRopcRequestRule.Analyze(request, approval, context);
                }

                if (!switches.IsOff(RuleIdentifiers.PasswordPersisted, tree, cancellationToken))
                {
                    persistence.Analyze(request, findings, context);
                }

                if (!switches.IsOff(RuleIdentifiers.CleartextTokenEndpoint, tree, cancellationToken))
                {
                    CleartextTokenEndpointRule.Analyze(request, context);
                }

                if (!switches.IsOff(RuleIdentifiers.HardCodedPassword, tree, cancellationToken))
                {
                    HardCodedPasswordRule.Analyze(request, context);
                }
            }

            if (SiteKinds.IsServerSite(kind) && ServerPasswordGrantRecognizer.TryRecognize(operation, cancellationToken, out var site))
            {
                var approval = ApprovalOfUse(context, coverage);

                if (!switches.IsOff(RuleIdentifiers.ServerEnablesPasswordGrant, operation.Syntax.SyntaxTree, cancellationToken))
                {
                    ServerPasswordGrantRule.Analyze(site, approval, context);
                }
            }
        }

        /// <summary>The nearest approval of the ROPC use at the context's operation, recorded as a use it covers.</summary>
        private static TrustedLegacyApproval? ApprovalOfUse(in OperationAnalysisContext context, ApprovalCoverage.TypeCoverage? coverage)
        {
            var approval = TrustedLegacyApproval.Find(context.Operation, context.ContainingSymbol);
            if (approval is not null)
            {
                coverage?.OnUse(approval, context.ContainingSymbol);
            }

            return approval;
        }

        private static void JudgeApproval(ApprovalUsage usage, Action<Diagnostic> reportDiagnostic)
        {
            StaleApprovalRule.Judge(usage, reportDiagnostic);
            BroadApprovalRule.Judge(usage, reportDiagnostic);
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
