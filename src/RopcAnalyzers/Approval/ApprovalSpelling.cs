using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RopcAnalyzers.Approval
{
    /// <summary>
    /// Which files of a compilation can carry an approval, from their text: an approval is written as
    /// [TrustedLegacyRopc], [TrustedLegacyRopcAttribute], or under an alias, which the file itself declares
    /// (using X = ...TrustedLegacyRopcAttribute) or a global using of the project does. A type whose files spell none
    /// of these has no approval, and its attributes need not be bound to learn that.
    /// </summary>
    internal sealed class ApprovalSpelling
    {
        private readonly Func<SyntaxTree, CancellationToken, string> textOf;
        private readonly List<string> spellings = new() { TrustedLegacyApproval.AttributeName.Substring(0, TrustedLegacyApproval.AttributeName.Length - "Attribute".Length) };
        private readonly ConcurrentDictionary<SyntaxTree, bool> spelledIn = new();

        private ApprovalSpelling(Compilation compilation, Func<SyntaxTree, CancellationToken, string> textOf, CancellationToken cancellationToken)
        {
            this.textOf = textOf;

            // Global usings come first in a file: the aliases are found without reading any file's text.
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax root)
                {
                    continue;
                }

                foreach (var directive in root.Usings)
                {
                    if (directive.GlobalKeyword.RawKind != 0 && directive.Alias is { } alias && directive.Name?.ToString().IndexOf(spellings[0], StringComparison.Ordinal) >= 0)
                    {
                        spellings.Add(alias.Name.Identifier.ValueText);
                    }
                }
            }
        }

        /// <summary>The spelling of <paramref name="compilation"/>, reading each file's text with <paramref name="textOf"/> (shared with other readers), or with its own reader.</summary>
        public static ApprovalSpelling Of(Compilation compilation, Func<SyntaxTree, CancellationToken, string>? textOf, CancellationToken cancellationToken)
            => new(compilation, textOf ?? ((tree, token) => tree.GetText(token).ToString()), cancellationToken);

        /// <summary>Whether a declaration of <paramref name="symbol"/>, or of the types that contain it, can carry an approval.</summary>
        public bool MayApprove(ISymbol symbol, CancellationToken cancellationToken)
        {
            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    if (Spells(reference.SyntaxTree, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="tree"/> spells the approval attribute or one of its global aliases.</summary>
        public bool Spells(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (spelledIn.TryGetValue(tree, out var spells))
            {
                return spells;
            }

            var text = textOf(tree, cancellationToken);
            spells = false;
            foreach (var spelling in spellings)
            {
                if (text.IndexOf(spelling, StringComparison.Ordinal) >= 0)
                {
                    spells = true;
                    break;
                }
            }

            return spelledIn.GetOrAdd(tree, spells);
        }
    }
}
