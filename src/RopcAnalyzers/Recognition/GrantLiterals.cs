using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Options;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// Finding ROPC uses from their string literals. Without an OAuth library, the only uses left are hand-written:
    /// a form, body or server branch that spells out "grant_type" or "password" (or the Auth0 password-realm grant)
    /// in a string literal of the same code block, or takes it from a named constant. When a compilation has no named
    /// constant of that kind (<see cref="SufficeFor"/>), <see cref="UseCandidates"/> counts the grant words only in
    /// string literals, so that a block that merely names a password (a user store, a hasher) is not searched.
    /// </summary>
    internal static class GrantLiterals
    {
        /// <summary>Namespaces whose public constants spell out the password grant or the grant_type key.</summary>
        private static readonly string[] GrantConstantNamespaces =
        {
            "Microsoft.IdentityModel.Protocols.OpenIdConnect",
            "IdentityModel",
            "Duende.IdentityModel",
            "OpenIddict.Abstractions",
        };

        /// <summary>Whether a string written in source can be part of an ROPC use: it mentions the password grant or the grant_type key.</summary>
        public static bool MayMarkUse(string text)
            => text.IndexOf(RopcRecognizer.PasswordGrant, StringComparison.OrdinalIgnoreCase) >= 0
               || text.IndexOf("grant", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>
        /// Whether every ROPC use <paramref name="compilation"/> can contain has a <see cref="MayMarkUse"/> literal in its
        /// code block, as far as can be told without looking at every operation: the project did not ask for every
        /// operation to be searched (<see cref="RopcOptions.SearchEveryOperationKey"/>); no catalogued API (library or
        /// configured wrapper) and no authorization-server or SqlClient library can be called; no referenced library
        /// spells out the grant in a constant; no constant, static readonly field or get-only property declared in
        /// source holds such a string under a name (its own or its type's) that mentions the grant or a password; and
        /// no member is named after the grant_type key (a DTO).
        /// </summary>
        public static bool SufficeFor(AnalyzerOptions? options, Compilation compilation, RopcRecognizer recognizer, CancellationToken cancellationToken)
        {
            if ((options is not null && RopcOptions.SearchEveryOperation(options, compilation))
                || !recognizer.Catalog.IsEmpty
                || ServerPasswordGrantRecognizer.LibrariesReachableFrom(compilation)
                || SqlClientPassword.IsReachableFrom(compilation))
            {
                return false;
            }

            foreach (var ns in GrantConstantNamespaces)
            {
                if (RopcApi.NamespaceExists(compilation, ns))
                {
                    return false;
                }
            }

            // The names come from the declaration table without creating a symbol (the predicate collects them and
            // declines every one); only the few members so named are then looked at.
            var names = new HashSet<string>(StringComparer.Ordinal);
            compilation.ContainsSymbolsWithName(
                name =>
                {
                    if (MayMarkUse(name))
                    {
                        names.Add(name);
                    }

                    return false;
                },
                SymbolFilter.TypeAndMember,
                cancellationToken);

            foreach (var name in names)
            {
                foreach (var symbol in compilation.GetSymbolsWithName(name, SymbolFilter.TypeAndMember, cancellationToken))
                {
                    if (symbol is INamedTypeSymbol type)
                    {
                        foreach (var member in type.GetMembers())
                        {
                            if (HoldsGrantText(member, cancellationToken))
                            {
                                return false;
                            }
                        }
                    }
                    else if (HoldsGrantText(symbol, cancellationToken)
                             || (symbol is IFieldSymbol or IPropertySymbol && FormPairs.KeyMatches(symbol.Name, RopcRecognizer.GrantTypeKey)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The code block the operation actions of a <see cref="SyntaxNode"/> belong to: a method, constructor, accessor,
        /// operator or top-level program (whose operation is the whole body), or a field, property, enum member or
        /// parameter initializer or expression body; the node itself elsewhere (an attribute argument). Local functions and
        /// lambdas belong to the member they are written in.
        /// </summary>
        public static SyntaxNode CodeBlockOf(SyntaxNode node)
        {
            for (var current = node; current.Parent is { } parent; current = parent)
            {
                switch (parent)
                {
                    case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                        return parent;
                    case GlobalStatementSyntax:
                        return parent.Parent ?? parent;
                    case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax }:
                    case ParameterSyntax:
                    case MemberDeclarationSyntax or AttributeArgumentSyntax:
                        return current;
                }
            }

            return node;
        }

        /// <summary>
        /// The outermost expression that <paramref name="node"/> is part of, for code blocks without an operation of their
        /// own: the arguments of a primary constructor's base type, a delegate's or indexer's parameter default.
        /// </summary>
        public static SyntaxNode OutermostExpressionOf(SyntaxNode node)
        {
            var current = node;
            while (current.Parent is ExpressionSyntax or InterpolationSyntax or InterpolatedStringContentSyntax
                   || current.Parent is ArgumentSyntax { Parent.Parent: ExpressionSyntax }
                   || current.Parent is ArgumentListSyntax { Parent: ExpressionSyntax })
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>
        /// The operation of the code block <paramref name="node"/> is written in (<see cref="CodeBlockOf"/>), or of its
        /// outermost expression where the block has no operation of its own; null where neither has one.
        /// </summary>
        public static IOperation? OperationOfCodeBlock(SemanticModel semanticModel, SyntaxNode node, CancellationToken cancellationToken, out SyntaxNode codeBlock)
        {
            codeBlock = CodeBlockOf(node);
            var root = semanticModel.GetOperation(codeBlock, cancellationToken);
            if (root is null)
            {
                codeBlock = OutermostExpressionOf(node);
                root = semanticModel.GetOperation(codeBlock, cancellationToken);
            }

            return root;
        }

        private static bool HoldsGrantText(ISymbol member, CancellationToken cancellationToken)
        {
            switch (member)
            {
                case IFieldSymbol { Type.SpecialType: SpecialType.System_String, HasConstantValue: true } constant:
                    return constant.ConstantValue is string value && MayMarkUse(value);
                case IFieldSymbol { Type.SpecialType: SpecialType.System_String, IsReadOnly: true } field:
                    return StringValues.TryGetLiteralInitializer(field, cancellationToken, out var fieldValue) && MayMarkUse(fieldValue);
                case IPropertySymbol { Type.SpecialType: SpecialType.System_String, IsReadOnly: true, Parameters.IsEmpty: true } property:
                    return StringValues.TryGetLiteralInitializer(property, cancellationToken, out var propertyValue) && MayMarkUse(propertyValue);
                default:
                    return false;
            }
        }
    }
}
