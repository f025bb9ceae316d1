using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>Questions the migrations ask about a replacement type: does it have the member the old code uses?</summary>
    internal static class SymbolMatching
    {
        /// <summary>The members named <paramref name="name"/> of <paramref name="type"/> and its base classes.</summary>
        public static IEnumerable<ISymbol> MembersIncludingInherited(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    yield return member;
                }
            }
        }

        /// <summary>A public method of <paramref name="type"/> (or inherited) with the name and parameter types of <paramref name="method"/>.</summary>
        public static bool HasSameMethod(INamedTypeSymbol type, IMethodSymbol method)
        {
            foreach (var member in MembersIncludingInherited(type, method.Name))
            {
                if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false } candidate && SameParameters(candidate, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is, derives from or implements (any construction of) <paramref name="other"/>.</summary>
        public static bool IsOrInherits(INamedTypeSymbol type, INamedTypeSymbol other)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, other.OriginalDefinition))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, other.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SameParameters(IMethodSymbol a, IMethodSymbol b)
        {
            if (a.Parameters.Length != b.Parameters.Length || a.TypeParameters.Length != b.TypeParameters.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Parameters.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(a.Parameters[i].Type, b.Parameters[i].Type) || a.Parameters[i].RefKind != b.Parameters[i].RefKind)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
