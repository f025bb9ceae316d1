using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>
    /// Adds an attribute list to a declaration on its own line, above the declaration and below any attributes
    /// it already has, leaving the rest of the user's formatting untouched (no formatter run over their code).
    /// </summary>
    internal static class AttributeInsertion
    {
        public static TDeclaration Add<TDeclaration>(TDeclaration declaration, AttributeListSyntax attributeList)
            where TDeclaration : SyntaxNode
        {
            var lists = AttributeListsOf(declaration);
            var newLine = NewLineOf(declaration);
            if (lists.Count == 0)
            {
                // The declaration's leading trivia (blank lines, doc comment, indentation) moves above the attribute;
                // the declaration keeps only its indentation.
                var leading = declaration.GetLeadingTrivia();
                var indentation = IndentationOf(leading);
                var added = attributeList.WithLeadingTrivia(leading).WithTrailingTrivia(newLine);
                return (TDeclaration)WithAttributeLists(declaration.WithLeadingTrivia(indentation), SyntaxFactory.SingletonList(added));
            }

            var last = lists.Last();
            var onOwnLine = last.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);
            var inserted = onOwnLine
                ? attributeList.WithLeadingTrivia(IndentationOf(last.GetLeadingTrivia())).WithTrailingTrivia(newLine)
                : attributeList.WithLeadingTrivia().WithTrailingTrivia(SyntaxFactory.Space);
            return (TDeclaration)WithAttributeLists(declaration, lists.Add(inserted));
        }

        /// <summary>[Name("argument")]: one attribute with one string argument.</summary>
        public static AttributeListSyntax WithStringArgument(NameSyntax name, string argument)
            => SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(
                    name,
                    SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(argument))))))));

        public static SyntaxList<AttributeListSyntax> AttributeListsOf(SyntaxNode declaration) => declaration switch
        {
            MemberDeclarationSyntax member => member.AttributeLists,
            LocalFunctionStatementSyntax localFunction => localFunction.AttributeLists,
            AccessorDeclarationSyntax accessor => accessor.AttributeLists,
            _ => default,
        };

        /// <summary>The line break the document already uses (the tests and most repositories are consistent).</summary>
        public static SyntaxTrivia NewLineOf(SyntaxNode node)
        {
            var root = node.SyntaxTree.TryGetRoot(out var treeRoot) ? treeRoot : node;
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.CarriageReturnLineFeed;
        }

        /// <summary>The whitespace that starts the declaration's own line: what follows the last line break.</summary>
        public static SyntaxTriviaList IndentationOf(SyntaxTriviaList leading)
        {
            var result = SyntaxFactory.TriviaList();
            for (var i = leading.Count - 1; i >= 0; i--)
            {
                var trivia = leading[i];
                if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    break;
                }

                result = result.Insert(0, trivia);
            }

            return result;
        }

        private static SyntaxNode WithAttributeLists(SyntaxNode declaration, SyntaxList<AttributeListSyntax> lists) => declaration switch
        {
            MemberDeclarationSyntax member => member.WithAttributeLists(lists),
            LocalFunctionStatementSyntax localFunction => localFunction.WithAttributeLists(lists),
            AccessorDeclarationSyntax accessor => accessor.WithAttributeLists(lists),
            _ => declaration,
        };
    }
}
