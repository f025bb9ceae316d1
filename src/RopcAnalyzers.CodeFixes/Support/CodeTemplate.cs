using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>
    /// Generated code written as C# text in which every type is a marker bound to its symbol. After parsing, each
    /// marker becomes the fully qualified type carrying the add-import and simplifier annotations, so the code-action
    /// clean-up adds the missing usings and shortens the names only where that keeps their meaning (a user type called
    /// TokenClient or RequestUrl stays distinct).
    /// </summary>
    internal sealed class CodeTemplate
    {
        private const string MarkerPrefix = "__RopcType";
        private readonly List<ITypeSymbol> types = new();
        private readonly SyntaxGenerator generator;

        public CodeTemplate(SyntaxGenerator generator)
        {
            this.generator = generator;
        }

        /// <summary>The marker that stands for <paramref name="type"/> in the template text.</summary>
        public string Type(ITypeSymbol type)
        {
            var index = types.IndexOf(type);
            if (index < 0)
            {
                index = types.Count;
                types.Add(type);
            }

            return MarkerPrefix + index.ToString(CultureInfo.InvariantCulture) + "__";
        }

        public static SyntaxNode TypeExpression(SyntaxGenerator generator, ITypeSymbol type)
            => generator.TypeExpression(type, addImport: true).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation);

        public ExpressionSyntax ParseExpression(string text) => Bind(SyntaxFactory.ParseExpression(text));

        public MemberDeclarationSyntax? ParseMember(string text)
            => SyntaxFactory.ParseMemberDeclaration(text) is { } member ? Bind(member) : null;

        private TNode Bind<TNode>(TNode node)
            where TNode : SyntaxNode
        {
            var markers = new Dictionary<IdentifierNameSyntax, ITypeSymbol>();
            foreach (var descendant in node.DescendantNodesAndSelf())
            {
                if (descendant is IdentifierNameSyntax identifier && TypeOf(identifier.Identifier.ValueText) is { } type)
                {
                    markers.Add(identifier, type);
                }
            }

            return node.ReplaceNodes(markers.Keys, (original, _) =>
            {
                var type = (ExpressionSyntax)TypeExpression(generator, markers[original]);

                // Before a member access (OidcConstants.TokenErrors.SlowDown) the parser reads a nested type as member
                // accesses, not as a qualified name: build the same tree the user's next parse will.
                return (original.Parent is MemberAccessExpressionSyntax access && access.Expression == original ? AsExpression(type) : type).WithTriviaFrom(original);
            });
        }

        /// <summary>The type a marker stands for; null for any other identifier (carried user code may contain anything).</summary>
        private ITypeSymbol? TypeOf(string identifier)
            => identifier.StartsWith(MarkerPrefix, StringComparison.Ordinal)
               && identifier.EndsWith("__", StringComparison.Ordinal)
               && int.TryParse(identifier.Substring(MarkerPrefix.Length, identifier.Length - MarkerPrefix.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
               && index < types.Count
                ? types[index]
                : null;

        private static ExpressionSyntax AsExpression(ExpressionSyntax name)
            => name is QualifiedNameSyntax qualified
                ? qualified.CopyAnnotationsTo(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AsExpression(qualified.Left), qualified.Right))!
                : name;
    }
}
