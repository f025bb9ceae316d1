using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>
    /// ROPC006: moves a type's [TrustedLegacyRopc], with its justification, owner and expiry, onto the one member
    /// that uses ROPC (the diagnostic's additional location names it), in whichever file that member is declared.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NarrowBroadApprovalCodeFixProvider))]
    [Shared]
    public sealed class NarrowBroadApprovalCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "ROPC006.NarrowBroadApproval";

        private const string QualifiedAttributeName = "global::RopcAnalyzers.TrustedLegacyRopc";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.BroadApproval);

        // Each fix touches one type's attribute and one of its members: independent edits that a batch merges.
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0] is not { IsInSource: true } memberLocation)
                {
                    continue;
                }

                var attribute = await ApprovalAttributeEdits.FindAttributeAsync(context.Document, diagnostic.Location, context.CancellationToken).ConfigureAwait(false);
                if (attribute is null || context.Document.Project.Solution.GetDocument(memberLocation.SourceTree) is not { } memberDocument)
                {
                    continue;
                }

                var memberRoot = await memberDocument.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var member = memberRoot?.FindToken(memberLocation.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>();
                if (member is null)
                {
                    continue;
                }

                var memberName = member switch
                {
                    BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                    MethodDeclarationSyntax method => method.Identifier.ValueText,
                    ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
                    PropertyDeclarationSyntax property => property.Identifier.ValueText,
                    IndexerDeclarationSyntax => "this[]",
                    _ => memberLocation.SourceTree!.GetText(context.CancellationToken).ToString(memberLocation.SourceSpan),
                };

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Move [TrustedLegacyRopc] to '{memberName}'",
                        cancellationToken => MoveAsync(context.Document, attribute, memberDocument, member, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Solution> MoveAsync(Document typeDocument, AttributeSyntax attribute, Document memberDocument, MemberDeclarationSyntax member, CancellationToken cancellationToken)
        {
            var editor = new SolutionEditor(typeDocument.Project.Solution);
            var moved = attribute;
            if (memberDocument.Id != typeDocument.Id)
            {
                // The other file may not have 'using RopcAnalyzers;': write the full name and let the simplifier shorten it.
                moved = attribute.WithName(SyntaxFactory.ParseName(QualifiedAttributeName).WithAdditionalAnnotations(Simplifier.Annotation));
            }

            // The member first: removing the type's attribute then works on the type as already edited.
            ApprovalAttributeEdits.AddAbove(await editor.GetDocumentEditorAsync(memberDocument.Id, cancellationToken).ConfigureAwait(false), member, moved);
            ApprovalAttributeEdits.Remove(await editor.GetDocumentEditorAsync(typeDocument.Id, cancellationToken).ConfigureAwait(false), attribute);
            return editor.GetChangedSolution();
        }
    }
}
