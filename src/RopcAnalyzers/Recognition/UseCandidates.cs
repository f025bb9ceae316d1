using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RopcAnalyzers.Options;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// The places in a compilation's source where an ROPC use can be, found from what the code spells: a token that
    /// mentions the password or the grant ("password", "grant_type", PasswordTokenRequest, AcquireTokenByUsernamePassword,
    /// GrantTypes.ResourceOwnerPassword), the name of a catalogued API that mentions neither (UserCredential), the name of
    /// one of the compilation's own wrappers (<see cref="RequestReach"/>), or the name of a field or property that holds
    /// a grant text. The rules hand the operations of only the code blocks that contain such a place to the recognizers:
    /// most code blocks of a project that references an OAuth library never use it for ROPC, and the operation walk is
    /// most of what the package costs. Where grant literals suffice (<see cref="GrantLiterals.SufficeFor"/>), a word
    /// counts only in a string literal.
    /// </summary>
    public sealed class UseCandidates
    {
        private static readonly string[] GrantWords = { RopcRecognizer.PasswordGrant, "grant" };

        private readonly RopcRecognizer recognizer;
        private readonly SourceScan scan;
        private readonly bool literalsOnly;
        private readonly object gate = new();
        private readonly ConcurrentDictionary<SyntaxTree, int[]> placesByTree = new();
        private HashSet<string>? names;
        private List<string>? nameList;

        private UseCandidates(RopcRecognizer recognizer, bool literalsOnly)
        {
            this.recognizer = recognizer;
            scan = recognizer.Scan ?? throw new ArgumentException("The recognizer of a compilation is needed.", nameof(recognizer));
            this.literalsOnly = literalsOnly;
        }

        /// <summary>
        /// The candidates of the compilation <paramref name="recognizer"/> was created for, or null where the project asks
        /// for every operation to be searched (<see cref="RopcOptions.SearchEveryOperationKey"/>). Nothing is read until a
        /// type is asked about: the editor runs a compilation's start actions for each keystroke, and for its syntax-only
        /// pass too.
        /// </summary>
        public static UseCandidates? For(AnalyzerOptions options, Compilation compilation, RopcRecognizer recognizer, CancellationToken cancellationToken)
            => RopcOptions.SearchEveryOperation(options, compilation)
                ? null
                : new UseCandidates(recognizer, GrantLiterals.SufficeFor(options, compilation, recognizer, cancellationToken));

        /// <summary>The candidates of <paramref name="recognizer"/>'s compilation, whatever the options say (for tests).</summary>
        internal static UseCandidates Of(RopcRecognizer recognizer, bool grantLiteralsSuffice) => new(recognizer, grantLiteralsSuffice);

        /// <summary>
        /// Registers <paramref name="action"/> for the operations of <paramref name="kinds"/> in the code blocks of the type
        /// <paramref name="typeStart"/> started: every block when <paramref name="candidates"/> is null, else only the blocks
        /// that hold a candidate place (the operations of a block are offered exactly as operation actions would be).
        /// </summary>
        public static void RegisterOperationAction(UseCandidates? candidates, SymbolStartAnalysisContext typeStart, Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds)
        {
            if (candidates is null)
            {
                typeStart.RegisterOperationAction(action, kinds);
                return;
            }

            typeStart.RegisterOperationBlockStartAction(blockStart =>
            {
                foreach (var block in blockStart.OperationBlocks)
                {
                    if (candidates.AnyIn(block.Syntax.SyntaxTree, block.Syntax.Span, blockStart.CancellationToken))
                    {
                        blockStart.RegisterOperationAction(action, kinds);
                        return;
                    }
                }
            });
        }

        /// <summary>The names that make a place: the compilation's wrappers (learned here if they were not yet), the catalogued APIs that mention neither word, the grant-text holders.</summary>
        private HashSet<string> Names(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref names) is { } known)
            {
                return known;
            }

            lock (gate)
            {
                if (names is { } learned)
                {
                    return learned;
                }

                var found = new HashSet<string>(recognizer.Reach(cancellationToken).CallNames, StringComparer.Ordinal);
                found.UnionWith(recognizer.Catalog.NamesWithout(GrantWords));
                found.UnionWith(GrantTextHolders(scan, cancellationToken));
                nameList = new List<string>(found);
                Volatile.Write(ref names, found);
                return found;
            }
        }

        /// <summary>Whether the declarations of <paramref name="type"/> (its nested types included) contain a candidate place.</summary>
        public bool AnyIn(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (AnyIn(reference.SyntaxTree, reference.Span, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="span"/> of <paramref name="tree"/> contains a candidate place.</summary>
        public bool AnyIn(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
        {
            var places = PlacesIn(tree, cancellationToken);
            return First(places, span) < places.Length;
        }

        /// <summary>The index of the first place inside <paramref name="span"/>, or the length of <paramref name="places"/> when none is.</summary>
        private static int First(int[] places, TextSpan span)
        {
            var index = Array.BinarySearch(places, span.Start);
            if (index < 0)
            {
                index = ~index;
            }

            return index < places.Length && places[index] < span.End ? index : places.Length;
        }

        private int[] PlacesIn(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (placesByTree.TryGetValue(tree, out var places))
            {
                return places;
            }

            var candidateNames = Names(cancellationToken);
            var found = new List<int>();
            foreach (var token in scan.TokensContaining(tree, GrantWords, StringComparison.OrdinalIgnoreCase, MentionsTheGrant, cancellationToken))
            {
                found.Add(token.SpanStart);
            }

            foreach (var token in scan.TokensContaining(tree, nameList!, StringComparison.Ordinal, token => token.IsKind(SyntaxKind.IdentifierToken) && candidateNames.Contains(token.ValueText), cancellationToken))
            {
                found.Add(token.SpanStart);
            }

            found.Sort();
            return placesByTree.GetOrAdd(tree, found.ToArray());
        }

        private bool MentionsTheGrant(SyntaxToken token)
            => !literalsOnly || (SourceScan.LiteralText(token) is { } text && GrantLiterals.MayMarkUse(text));

        /// <summary>
        /// The fields and properties whose initializer or expression body spells a grant text in a string literal
        /// (Keys.Grant = "grant_type", Flows.Legacy => "password"), whatever their name: a block can take the grant from them.
        /// </summary>
        private static IEnumerable<string> GrantTextHolders(SourceScan scan, CancellationToken cancellationToken)
        {
            foreach (var token in scan.TokensContaining(GrantWords, StringComparison.OrdinalIgnoreCase, token => SourceScan.LiteralText(token) is { } text && GrantLiterals.MayMarkUse(text), cancellationToken))
            {
                SyntaxNode? node = token.Parent;
                while (node?.Parent is BinaryExpressionSyntax or ParenthesizedExpressionSyntax or InterpolatedStringExpressionSyntax or InterpolatedStringContentSyntax)
                {
                    node = node.Parent;
                }

                var holder = node?.Parent switch
                {
                    EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } field } => field.Identifier.ValueText,
                    EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
                    ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
                    ReturnStatementSyntax or ArrowExpressionClauseSyntax { Parent: AccessorDeclarationSyntax } => (node.Parent.FirstAncestorOrSelf<PropertyDeclarationSyntax>())?.Identifier.ValueText,
                    _ => null,
                };

                if (holder is { Length: > 0 })
                {
                    yield return holder;
                }
            }
        }
    }
}
