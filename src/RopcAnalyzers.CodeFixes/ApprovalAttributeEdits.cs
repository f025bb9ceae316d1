using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>Edits of a [TrustedLegacyRopc] attribute shared by the approval-hygiene fixes (ROPC005 remove, ROPC006 move).</summary>
    internal static class ApprovalAttributeEdits
    {
        /// <summary>The attribute a diagnostic is reported on (ROPC005 and ROPC006 report the whole attribute).</summary>
        public static async Task<AttributeSyntax?> FindAttributeAsync(Document document, Location location, CancellationToken cancellationToken)
        {
            if (!location.IsInSource)
            {
                return null;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root?.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
        }

        /// <summary>
        /// Removes the attribute. When it is alone in its [ ] list, the list goes too and its leading trivia (blank
        /// lines, doc comments, indentation) passes to the code after it, so the declaration keeps its layout.
        /// </summary>
        public static void Remove(SyntaxEditor editor, AttributeSyntax attribute)
        {
            if (attribute.Parent is not AttributeListSyntax { Attributes.Count: 1 } list || list.Parent is not { } owner)
            {
                editor.RemoveNode(attribute);
                return;
            }

            var index = AttributeListsOf(owner).IndexOf(list);
            if (index < 0)
            {
                editor.RemoveNode(attribute);
                return;
            }

            // Computed from the current owner, so that edits already made inside it (ROPC006 adds to a member) are kept.
            editor.ReplaceNode(owner, (current, _) => WithoutAttributeList(current, index));
        }

        /// <summary>Writes <paramref name="attribute"/> in a list of its own above <paramref name="member"/>'s other attributes and modifiers.</summary>
        public static void AddAbove(SyntaxEditor editor, MemberDeclarationSyntax member, AttributeSyntax attribute)
        {
            editor.ReplaceNode(member, (current, _) =>
            {
                var declaration = (MemberDeclarationSyntax)current;
                var firstToken = declaration.GetFirstToken();
                var leading = firstToken.LeadingTrivia;
                var newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute.WithoutTrivia()))
                    .WithLeadingTrivia(leading)
                    .WithTrailingTrivia(EndOfLineOf(member));
                declaration = declaration.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(Indentation(leading)));
                return declaration.WithAttributeLists(declaration.AttributeLists.Insert(0, newList));
            });
        }

        private static SyntaxNode WithoutAttributeList(SyntaxNode owner, int index)
        {
            var lists = AttributeListsOf(owner);
            if (index >= lists.Count)
            {
                return owner;
            }

            var list = lists[index];
            var next = list.GetLastToken().GetNextToken();
            if (next.RawKind == 0 || !owner.FullSpan.Contains(next.SpanStart))
            {
                return owner.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia) ?? owner;
            }

            // The list's leading trivia, then whatever the next token had before it other than indentation (a comment).
            var leading = list.GetLeadingTrivia().AddRange(next.LeadingTrivia.SkipWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)));
            var withTrivia = owner.ReplaceToken(next, next.WithLeadingTrivia(leading));
            return withTrivia.RemoveNode(AttributeListsOf(withTrivia)[index], SyntaxRemoveOptions.KeepNoTrivia) ?? owner;
        }

        private static SyntaxList<AttributeListSyntax> AttributeListsOf(SyntaxNode owner) => owner switch
        {
            MemberDeclarationSyntax member => member.AttributeLists,
            LocalFunctionStatementSyntax localFunction => localFunction.AttributeLists,
            LambdaExpressionSyntax lambda => lambda.AttributeLists,
            _ => default,
        };

        /// <summary>The whitespace after the last line break of some leading trivia: the indentation of the line.</summary>
        private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
        {
            var start = leading.Count;
            while (start > 0 && leading[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                start--;
            }

            return SyntaxFactory.TriviaList(leading.Skip(start));
        }

        /// <summary>The line break the document already uses.</summary>
        private static SyntaxTrivia EndOfLineOf(SyntaxNode node)
        {
            foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.CarriageReturnLineFeed;
        }
    }
}
