using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Approval
{
    /// <summary>One approval found in source, with what a rule needs to report on it.</summary>
    internal readonly struct DeclaredApproval
    {
        public DeclaredApproval(TrustedLegacyApproval approval, AnalyzerOptions options, Action<Diagnostic> reportDiagnostic, CancellationToken cancellationToken)
        {
            Approval = approval;
            Options = options;
            ReportDiagnostic = reportDiagnostic;
            CancellationToken = cancellationToken;
        }

        public TrustedLegacyApproval Approval { get; }

        public AnalyzerOptions Options { get; }

        public Action<Diagnostic> ReportDiagnostic { get; }

        public CancellationToken CancellationToken { get; }
    }

    /// <summary>
    /// Finds every [TrustedLegacyRopc] written in source, wherever <see cref="TrustedLegacyApproval.Find"/> looks for one:
    /// types, methods (accessors and constructors too), properties, fields and events (for a team's own copy of
    /// the attribute that allows them), local functions and lambdas.
    /// </summary>
    internal static class ApprovalDeclarations
    {
        public static void Register(AnalysisContext context, Action<DeclaredApproval> onApproval)
        {
            context.RegisterCompilationStartAction(start =>
            {
                if (!TrustedLegacyApproval.IsDeclaredIn(start.Compilation))
                {
                    return;
                }

                // One action per type rather than per member: most types spell no approval, and that is seen from their files' text.
                var spelling = ApprovalSpelling.Of(start.Compilation, textOf: null, start.CancellationToken);
                start.RegisterSymbolAction(
                    symbolContext =>
                    {
                        var type = (INamedTypeSymbol)symbolContext.Symbol;
                        if (!spelling.MayApprove(type, symbolContext.CancellationToken))
                        {
                            return;
                        }

                        void Consider(ISymbol symbol)
                        {
                            if (TrustedLegacyApproval.On(symbol) is { } approval)
                            {
                                onApproval(new DeclaredApproval(approval, symbolContext.Options, symbolContext.ReportDiagnostic, symbolContext.CancellationToken));
                            }
                        }

                        Consider(type);
                        foreach (var member in type.GetMembers())
                        {
                            // Nested types have their own action; a partial method's two parts share their attributes.
                            if (member is not (INamedTypeSymbol or IMethodSymbol { PartialDefinitionPart: not null }))
                            {
                                Consider(member);
                            }
                        }
                    },
                    SymbolKind.NamedType);

                start.RegisterSyntaxNodeAction(
                    nodeContext =>
                    {
                        if (AttributedFunction(nodeContext.Node, nodeContext.SemanticModel, nodeContext.CancellationToken) is { } function
                            && TrustedLegacyApproval.On(function) is { } approval)
                        {
                            onApproval(new DeclaredApproval(approval, nodeContext.Options, nodeContext.ReportDiagnostic, nodeContext.CancellationToken));
                        }
                    },
                    FunctionSyntaxKinds);
            });
        }

        /// <summary>The syntax of local functions and lambdas, the functions that can carry attributes inside a member.</summary>
        public static readonly ImmutableArray<SyntaxKind> FunctionSyntaxKinds = ImmutableArray.Create(
            SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression,
            SyntaxKind.SimpleLambdaExpression);

        /// <summary>
        /// The local function or lambda declared by <paramref name="node"/>, when it is written with attributes: most are not,
        /// and that is seen without binding.
        /// </summary>
        public static IMethodSymbol? AttributedFunction(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken) => node switch
        {
            LocalFunctionStatementSyntax { AttributeLists.Count: > 0 } localFunction => semanticModel.GetDeclaredSymbol(localFunction, cancellationToken) as IMethodSymbol,
            LambdaExpressionSyntax { AttributeLists.Count: > 0 } lambda => semanticModel.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol,
            _ => null,
        };

        /// <summary>The syntax of the attribute, when it is in source.</summary>
        public static AttributeSyntax? Syntax(TrustedLegacyApproval approval, CancellationToken cancellationToken)
            => approval.Attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        /// <summary>
        /// The expression written for the named argument <paramref name="name"/> (Expires = "..."), or for the first
        /// positional argument when <paramref name="name"/> is null; null when the attribute does not write it.
        /// </summary>
        public static ExpressionSyntax? Argument(AttributeSyntax? attribute, string? name)
        {
            if (attribute?.ArgumentList is not { } arguments)
            {
                return null;
            }

            foreach (var argument in arguments.Arguments)
            {
                var argumentName = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
                if (name is null ? argument.NameEquals is null : argumentName == name)
                {
                    return argument.Expression;
                }
            }

            return null;
        }
    }
}
