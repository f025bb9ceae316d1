using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// Reads the source of a whole compilation for the analysis that crosses methods, types and files
    /// (<see cref="RequestReach"/>, <see cref="GrantValues"/>): finds tokens by their text without binding, then binds
    /// only the few nodes it found. One instance serves one compilation; its semantic models are shared by its users.
    /// </summary>
    internal sealed class SourceScan
    {
        private readonly Compilation compilation;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = new();

        // The text of each tree, so that a search walks the tokens of only the trees whose text contains what it seeks.
        private readonly ConcurrentDictionary<SyntaxTree, string> texts = new();
        private readonly ConcurrentDictionary<(SyntaxTree Tree, string Word, StringComparison Comparison), int[]> occurrences = new();

        public SourceScan(Compilation compilation)
        {
            this.compilation = compilation;
        }

        public Compilation Compilation => compilation;

        /// <summary>
        /// The semantic model of a tree of the compilation. Analysis that follows values into other files needs the model of
        /// those files; under the analyzer driver the compilation hands out its cached models, so this binds nothing twice.
        /// </summary>
        public SemanticModel ModelOf(SyntaxTree tree)
        {
            if (models.TryGetValue(tree, out var model))
            {
                return model;
            }

#pragma warning disable RS0030, RS1030 // Whole-program analysis: the files a value flows through are not the file being analysed.
            return models.GetOrAdd(tree, compilation.GetSemanticModel(tree, ignoreAccessibility: false));
#pragma warning restore RS0030, RS1030
        }

        /// <summary>
        /// The tokens of the compilation's source whose text contains one of <paramref name="words"/> and that
        /// <paramref name="select"/> accepts, tree by tree. Found from the text of each tree, without walking its tokens:
        /// only the tokens at the places the words occur are looked up.
        /// </summary>
        public IEnumerable<SyntaxToken> TokensContaining(IReadOnlyList<string> words, StringComparison comparison, Func<SyntaxToken, bool> select, CancellationToken cancellationToken)
        {
            if (words.Count == 0)
            {
                yield break;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var token in TokensContaining(tree, words, comparison, select, cancellationToken))
                {
                    yield return token;
                }
            }
        }

        /// <summary>The tokens of <paramref name="tree"/> whose text contains one of <paramref name="words"/> and that <paramref name="select"/> accepts.</summary>
        public IEnumerable<SyntaxToken> TokensContaining(SyntaxTree tree, IReadOnlyList<string> words, StringComparison comparison, Func<SyntaxToken, bool> select, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SyntaxNode? root = null;
            var last = default(SyntaxToken);
            foreach (var word in words)
            {
                foreach (var position in Occurrences(tree, word, comparison, cancellationToken))
                {
                    root ??= tree.GetRoot(cancellationToken);
                    var token = root.FindToken(position);
                    if (token != last && token.Span.Contains(position) && select(token))
                    {
                        last = token;
                        yield return token;
                    }
                }
            }
        }

        /// <summary>
        /// Where <paramref name="word"/> occurs in the text of <paramref name="tree"/> (comments included), found once per
        /// compilation: the wrapper search, the grant-holder search and the candidate places all look for the same words.
        /// </summary>
        private int[] Occurrences(SyntaxTree tree, string word, StringComparison comparison, CancellationToken cancellationToken)
        {
            var key = (tree, word, comparison);
            if (occurrences.TryGetValue(key, out var positions))
            {
                return positions;
            }

            var text = TextOf(tree, cancellationToken);
            var found = new List<int>();
            for (var position = text.IndexOf(word, comparison); position >= 0; position = text.IndexOf(word, position + word.Length, comparison))
            {
                found.Add(position);
            }

            return occurrences.GetOrAdd(key, found.ToArray());
        }

        /// <summary>The identifiers spelled <paramref name="names"/> (the name of a member, a method or a type), anywhere in source.</summary>
        public IEnumerable<SyntaxToken> Identifiers(ICollection<string> names, CancellationToken cancellationToken)
            => TokensContaining(
                new List<string>(names),
                StringComparison.Ordinal,
                token => token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText),
                cancellationToken);

        /// <summary>The text of <paramref name="tree"/>, read once per compilation.</summary>
        public string TextOf(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!texts.TryGetValue(tree, out var text))
            {
                text = texts.GetOrAdd(tree, tree.GetText(cancellationToken).ToString());
            }

            return text;
        }

        /// <summary>The text of a string literal token (regular, verbatim, raw, UTF-8 or a part of an interpolated string), or null.</summary>
        public static string? LiteralText(SyntaxToken token)
            => token.Kind() switch
            {
                SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.InterpolatedStringTextToken
                    or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                    or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken => token.ValueText,
                _ => null,
            };

        /// <summary>
        /// The expression a key literal is paired with in source: the next argument (Add("k", v), new("k", v)), the next
        /// element of a collection initializer ({ "k", v }), or the right side of an indexer assignment (["k"] = v,
        /// form["k"] = v); null for a key in any other place.
        /// </summary>
        public static ExpressionSyntax? ValueBesideKey(SyntaxToken key)
        {
            if (key.Parent is not LiteralExpressionSyntax literal)
            {
                return null;
            }

            switch (literal.Parent)
            {
                case ArgumentSyntax { Parent: BaseArgumentListSyntax arguments } argument:
                    var index = arguments.Arguments.IndexOf(argument);
                    if (argument.Parent is BracketedArgumentListSyntax { Parent: { } indexed } && indexed.Parent is AssignmentExpressionSyntax assignment && assignment.Left == indexed)
                    {
                        return assignment.Right;
                    }

                    if (argument.Parent is BracketedArgumentListSyntax { Parent: ImplicitElementAccessSyntax element } && element.Parent is AssignmentExpressionSyntax initializerAssignment)
                    {
                        return initializerAssignment.Right;
                    }

                    return index >= 0 && index + 1 < arguments.Arguments.Count ? arguments.Arguments[index + 1].Expression : null;

                case InitializerExpressionSyntax initializer:
                    var position = initializer.Expressions.IndexOf(literal);
                    return position >= 0 && position + 1 < initializer.Expressions.Count ? initializer.Expressions[position + 1] : null;

                default:
                    return null;
            }
        }

        /// <summary>
        /// The call or creation whose method an identifier names: the invocation of M in M(...), x.M(...), x?.M(...),
        /// M&lt;T&gt;(...), or the creation of T in new T(...), new N.T(...).
        /// </summary>
        public static ExpressionSyntax? CallNamedBy(SyntaxToken identifier)
        {
            SyntaxNode? name = identifier.Parent as SimpleNameSyntax;
            if (name is null)
            {
                return null;
            }

            if (name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name
                || name.Parent is MemberBindingExpressionSyntax
                || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name
                || name.Parent is AliasQualifiedNameSyntax)
            {
                name = name.Parent;
            }

            return name.Parent switch
            {
                InvocationExpressionSyntax invocation when invocation.Expression == name => invocation,
                ObjectCreationExpressionSyntax creation when creation.Type == name => creation,
                _ => null,
            };
        }

        /// <summary>The member a function belongs to: lambdas and local functions count as part of the method they are written in.</summary>
        public static ISymbol? ContainingMember(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol;
        }

        /// <summary>How a member is named to users in a chain of calls: "AuthHelper.GetTokenAsync", "new ApiClient", "Program (top-level)".</summary>
        public static string DisplayName(ISymbol member)
        {
            var typeName = member.ContainingType?.Name ?? string.Empty;
            return member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Constructor } => "new " + typeName,
                IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } => typeName + " (top-level)",
                IMethodSymbol { AssociatedSymbol: { } property } => typeName + "." + property.Name,
                _ => typeName.Length == 0 ? member.Name : typeName + "." + member.Name,
            };
        }
    }
}
