using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RopcAnalyzers.Tests.Robustness
{
    /// <summary>One damaged version of a source and how it was made.</summary>
    public sealed record SourceCut(string Description, string Text);

    /// <summary>
    /// Damages a source the way an editor sees it while someone types: every prefix that ends at a token (and
    /// some that end inside one), a closing brace, parenthesis or bracket deleted, a semicolon missing, a token
    /// deleted. The points are sampled with a seed derived from the source's name, so a run is reproducible.
    /// </summary>
    public static class SourceCuts
    {
        public static IReadOnlyList<SourceCut> Sample(string name, string source, int count)
        {
            var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Where(token => !token.IsKind(SyntaxKind.EndOfFileToken)).ToList();
            if (tokens.Count == 0)
            {
                return Array.Empty<SourceCut>();
            }

            var random = new Random(StableHash(name));
            var cuts = new List<SourceCut>();
            var closers = tokens.Where(token => token.IsKind(SyntaxKind.CloseBraceToken) || token.IsKind(SyntaxKind.CloseParenToken) || token.IsKind(SyntaxKind.CloseBracketToken)).ToList();
            var semicolons = tokens.Where(token => token.IsKind(SyntaxKind.SemicolonToken)).ToList();

            // Half of the budget goes to typing prefixes, spread evenly over the file with a random offset.
            var prefixes = Math.Max(1, count / 2);
            for (var i = 0; i < prefixes; i++)
            {
                var index = Math.Min(tokens.Count - 1, ((i * tokens.Count) / prefixes) + random.Next(Math.Max(1, tokens.Count / prefixes)));
                var token = tokens[index];
                if (i % 3 == 2 && token.Span.Length > 1)
                {
                    var inside = token.SpanStart + 1 + random.Next(token.Span.Length - 1);
                    cuts.Add(new SourceCut($"typed up to inside '{token.Text}' (position {inside})", source.Substring(0, inside)));
                }
                else
                {
                    cuts.Add(new SourceCut($"typed up to '{token.Text}' (position {token.Span.End})", source.Substring(0, token.Span.End)));
                }
            }

            var remaining = count - prefixes;
            for (var i = 0; i < remaining; i++)
            {
                var (kind, candidates) = (i % 3) switch
                {
                    0 when closers.Count > 0 => ("closing", closers),
                    1 when semicolons.Count > 0 => ("semicolon", semicolons),
                    _ => ("token", tokens),
                };

                var token = candidates[random.Next(candidates.Count)];
                cuts.Add(new SourceCut($"{kind} '{token.Text}' deleted at position {token.SpanStart}", source.Remove(token.SpanStart, token.Span.Length)));
            }

            return cuts;
        }

        /// <summary>A hash that does not change between runs (string.GetHashCode does).</summary>
        public static int StableHash(string text)
        {
            unchecked
            {
                var hash = (int)2166136261;
                foreach (var c in text)
                {
                    hash = (hash ^ c) * 16777619;
                }

                return hash & int.MaxValue;
            }
        }
    }
}
