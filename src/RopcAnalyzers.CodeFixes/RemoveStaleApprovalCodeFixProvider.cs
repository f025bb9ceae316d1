using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>ROPC005: removes a [TrustedLegacyRopc] that covers no ROPC use.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveStaleApprovalCodeFixProvider))]
    [Shared]
    public sealed class RemoveStaleApprovalCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "ROPC005.RemoveStaleApproval";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.StaleApproval);

        // Each fix removes one attribute: independent edits that a batch merges.
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var attribute = await ApprovalAttributeEdits.FindAttributeAsync(context.Document, diagnostic.Location, context.CancellationToken).ConfigureAwait(false);
                if (attribute is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove the stale [TrustedLegacyRopc] approval",
                        cancellationToken => RemoveAsync(context.Document, attribute, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            ApprovalAttributeEdits.Remove(editor, attribute);
            return editor.GetChangedDocument();
        }
    }
}
