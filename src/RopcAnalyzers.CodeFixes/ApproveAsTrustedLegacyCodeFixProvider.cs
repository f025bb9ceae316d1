using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;
using RopcAnalyzers.Approval;
using RopcAnalyzers.CodeFixes.Support;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>
    /// ROPC001 fix "Approve as trusted legacy": puts [TrustedLegacyRopc("placeholder")] on the smallest
    /// declaration around the request that the attribute may mark (local function, method, constructor,
    /// accessor of an event, property or indexer), or on the containing class or struct when the request is in
    /// a field initializer. The placeholder justification keeps ROPC003 reporting until a person writes a reason.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ApproveAsTrustedLegacyCodeFixProvider)), Shared]
    public sealed class ApproveAsTrustedLegacyCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "ROPC001.ApproveAsTrustedLegacy";

        private const string AttributeMetadataName = TrustedLegacyApproval.AttributeNamespace + "." + TrustedLegacyApproval.AttributeName;

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnapprovedRopcRequest);

        // Two requests in one method must add one attribute, so the Fix All groups the sites by declaration first.
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var compilation = await document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || compilation is null || FindAttributeType(compilation) is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (FindTarget(root, diagnostic.Location.SourceSpan) is not { } target)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Approve '{DisplayName(target)}' as trusted legacy ROPC (write the justification)",
                        cancellationToken => ApproveAsync(document, new[] { target }, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>
        /// The declaration an approval for the site at <paramref name="span"/> goes on, or null where no attribute
        /// can cover it (top-level statements, interface and enum members).
        /// </summary>
        internal static SyntaxNode? FindTarget(SyntaxNode root, TextSpan span)
        {
            var supportsLocalFunctionAttributes = root.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp9 };
            for (var current = root.FindNode(span, getInnermostNodeForTie: true); current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case LocalFunctionStatementSyntax when supportsLocalFunctionAttributes:
                    case BaseMethodDeclarationSyntax:
                    case PropertyDeclarationSyntax:
                    case IndexerDeclarationSyntax:
                    case AccessorDeclarationSyntax { Parent.Parent: EventDeclarationSyntax }:
                    case ClassDeclarationSyntax:
                    case StructDeclarationSyntax:
                    case RecordDeclarationSyntax:
                        return current;

                    case InterfaceDeclarationSyntax:
                    case EnumDeclarationSyntax:
                    case GlobalStatementSyntax:
                        return null;
                }
            }

            return null;
        }

        private static INamedTypeSymbol? FindAttributeType(Compilation compilation)
            => compilation.GetTypeByMetadataName(AttributeMetadataName) is { } type && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)
                ? type
                : null;

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            var targets = new List<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (FindTarget(root, diagnostic.Location.SourceSpan) is { } target && !targets.Contains(target))
                {
                    targets.Add(target);
                }
            }

            return targets.Count == 0 ? null : await ApproveAsync(document, targets, context.CancellationToken).ConfigureAwait(false);
        }

        private static async Task<Document> ApproveAsync(Document document, IReadOnlyCollection<SyntaxNode> targets, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || compilation is null || FindAttributeType(compilation) is not { } attributeType)
            {
                return document;
            }

            // The fully qualified name carries the add-import and simplifier annotations: the clean-up adds
            // "using RopcAnalyzers;" when it is missing and shortens the name to [TrustedLegacyRopc(...)].
            var attributeName = (NameSyntax)CodeTemplate.TypeExpression(SyntaxGenerator.GetGenerator(document), attributeType);
            var attributeList = AttributeInsertion.WithStringArgument(attributeName, TrustedLegacyApproval.JustificationPlaceholder);

            var newRoot = root.ReplaceNodes(targets, (original, rewritten) => AttributeInsertion.Add(rewritten, attributeList));
            return document.WithSyntaxRoot(newRoot);
        }

        private static string DisplayName(SyntaxNode target) => target switch
        {
            LocalFunctionStatementSyntax localFunction => localFunction.Identifier.ValueText,
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
            DestructorDeclarationSyntax destructor => "~" + destructor.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            IndexerDeclarationSyntax => "this[]",
            AccessorDeclarationSyntax { Parent.Parent: EventDeclarationSyntax eventDeclaration } accessor => eventDeclaration.Identifier.ValueText + "." + accessor.Keyword.ValueText,
            BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
            OperatorDeclarationSyntax op => "operator " + op.OperatorToken.ValueText,
            ConversionOperatorDeclarationSyntax conversion => "operator " + conversion.Type,
            _ => target.Kind().ToString(),
        };
    }
}
