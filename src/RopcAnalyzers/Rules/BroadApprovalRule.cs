using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RopcAnalyzers.Approval;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC006: a [TrustedLegacyRopc] on a type whose covered ROPC uses are all inside one member, which could carry
    /// the approval itself. The diagnostic's additional location is that member's name (for the code fix).
    /// Run by <see cref="RopcUseAnalyzer"/>, which works out what each approval covers (<see cref="ApprovalCoverage"/>).
    /// </summary>
    internal static class BroadApprovalRule
    {
        public static void Judge(ApprovalUsage usage, Action<Diagnostic> reportDiagnostic)
        {
            var approval = usage.Approval;
            if (approval.Target is not INamedTypeSymbol type
                || usage.CoversTheTargetItself
                || usage.UsingMembers.Length != 1
                || usage.UsingMembers[0] is not { } member
                || !CanCarryApproval(member, approval.Attribute.AttributeClass))
            {
                return;
            }

            reportDiagnostic(Diagnostic.Create(
                Descriptors.BroadApproval,
                approval.Location,
                additionalLocations: new[] { member.Locations[0] },
                TrustedLegacyApproval.DisplayName(type),
                TrustedLegacyApproval.DisplayName(member)));
        }

        /// <summary>
        /// Whether <paramref name="member"/> has a declaration of its own that the attribute may be written on
        /// (its AttributeUsage allows the member's kind): methods, constructors, properties, nested classes and structs.
        /// Fields and events are left alone (the shipped attribute cannot go there, and a field declaration may
        /// declare several fields); so are primary constructors and implicitly declared members.
        /// </summary>
        private static bool CanCarryApproval(ISymbol member, INamedTypeSymbol? attributeClass)
        {
            AttributeTargets kind;
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }:
                    kind = AttributeTargets.Constructor;
                    break;
                case IMethodSymbol:
                    kind = AttributeTargets.Method;
                    break;
                case IPropertySymbol:
                    kind = AttributeTargets.Property;
                    break;
                case INamedTypeSymbol { TypeKind: TypeKind.Class }:
                    kind = AttributeTargets.Class;
                    break;
                case INamedTypeSymbol { TypeKind: TypeKind.Struct }:
                    kind = AttributeTargets.Struct;
                    break;
                default:
                    return false;
            }

            if (member.IsImplicitlyDeclared || member.Locations.IsEmpty || !member.Locations[0].IsInSource || member.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            if (kind == AttributeTargets.Constructor && member.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax)
            {
                return false;
            }

            return (ValidOn(attributeClass) & kind) != 0;
        }

        /// <summary>The targets the attribute class allows ([AttributeUsage], inherited from base attribute classes; All when none is written).</summary>
        private static AttributeTargets ValidOn(INamedTypeSymbol? attributeClass)
        {
            for (var current = attributeClass; current is not null; current = current.BaseType)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (attribute.AttributeClass is { Name: nameof(AttributeUsageAttribute), ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is int validOn)
                    {
                        return (AttributeTargets)validOn;
                    }
                }
            }

            return AttributeTargets.All;
        }
    }
}
