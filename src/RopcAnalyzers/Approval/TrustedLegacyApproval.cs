using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Approval
{
    /// <summary>One [TrustedLegacyRopc] attribute and the member or type it is placed on.</summary>
    public sealed class TrustedLegacyApproval
    {
        public const string AttributeNamespace = "RopcAnalyzers";
        public const string AttributeName = "TrustedLegacyRopcAttribute";
        public const string AttributeShortName = "TrustedLegacyRopc";
        public const string OwnerPropertyName = "Owner";
        public const string ExpiresPropertyName = "Expires";

        /// <summary>
        /// The justification that the approval code fix inserts for a person to replace. ROPC003 reports it (and any
        /// justification that starts with "TODO") as no justification at all.
        /// </summary>
        public const string JustificationPlaceholder = "TODO: why is this client trusted to collect the user's password?";

        private static readonly SymbolDisplayFormat TargetDisplayFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

        private TrustedLegacyApproval(AttributeData attribute, ISymbol target)
        {
            Attribute = attribute;
            Target = target;
            foreach (var argument in attribute.ConstructorArguments)
            {
                Justification = argument.Value as string;
                break;
            }

            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case OwnerPropertyName:
                        Owner = named.Value.Value as string;
                        break;
                    case ExpiresPropertyName:
                        Expires = named.Value.Value as string;
                        break;
                }
            }
        }

        public AttributeData Attribute { get; }

        /// <summary>The member, local function, lambda or type the attribute is on.</summary>
        public ISymbol Target { get; }

        public string? Justification { get; }

        public string? Owner { get; }

        /// <summary>The expiry date as written (ISO 8601 expected); parsing it is the expiry rule's job.</summary>
        public string? Expires { get; }

        public Location Location => Attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Location.None;

        /// <summary>The target as shown in messages: "LegacyLogin.LogInAsync", "LegacyLogin", "lambda expression".</summary>
        public string TargetDisplayName => DisplayName(Target);

        /// <summary>A member or type as shown in approval messages: "LegacyLogin.LogInAsync", "LegacyLogin".</summary>
        public static string DisplayName(ISymbol symbol) => symbol.ToDisplayString(TargetDisplayFormat);

        /// <summary>Whether <paramref name="attribute"/> is the trusted-legacy attribute, by full name (a team may declare its own copy).</summary>
        public static bool IsApprovalAttribute(AttributeData attribute)
            => IsApprovalAttributeClass(attribute.AttributeClass);

        /// <summary>Whether <paramref name="attributeClass"/> is RopcAnalyzers.TrustedLegacyRopcAttribute (the shipped source or a team's own copy).</summary>
        public static bool IsApprovalAttributeClass(INamedTypeSymbol? attributeClass)
            => attributeClass is { Name: AttributeName, ContainingType: null }
               && attributeClass.ContainingNamespace is { Name: AttributeNamespace } ns
               && ns.ContainingNamespace is { IsGlobalNamespace: true };

        /// <summary>
        /// Whether the approval attribute exists for <paramref name="compilation"/> at all (declared in it or in a
        /// reference). Without it no approval can be written, so the approval rules have nothing to look at.
        /// </summary>
        public static bool IsDeclaredIn(Compilation compilation)
            => !compilation.GetTypesByMetadataName(AttributeNamespace + "." + AttributeName).IsEmpty;

        /// <summary>The approval placed directly on <paramref name="symbol"/>, if any.</summary>
        public static TrustedLegacyApproval? On(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (IsApprovalAttribute(attribute))
                {
                    return new TrustedLegacyApproval(attribute, symbol);
                }
            }

            return null;
        }

        /// <summary>
        /// The nearest approval that covers <paramref name="operation"/>: on an enclosing local function or lambda,
        /// then on the containing member (and, for accessors, their property), then on the containing types outwards.
        /// </summary>
        public static TrustedLegacyApproval? Find(IOperation operation, ISymbol? containingSymbol)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                var function = current switch
                {
                    ILocalFunctionOperation localFunction => (ISymbol)localFunction.Symbol,
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    _ => null,
                };

                if (function is not null && On(function) is { } functionApproval)
                {
                    return functionApproval;
                }
            }

            return Covering(containingSymbol);
        }

        /// <summary>
        /// The nearest approval that covers code declared by <paramref name="symbol"/> (a type that implements an
        /// interface, a method that overrides one): on the symbol itself (and, for accessors, their property or
        /// event), then on the containing members and types outwards.
        /// </summary>
        public static TrustedLegacyApproval? Covering(ISymbol? symbol)
        {
            for (; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                if (On(symbol) is { } approval)
                {
                    return approval;
                }

                if (symbol is IMethodSymbol { AssociatedSymbol: { } associated } && On(associated) is { } propertyApproval)
                {
                    return propertyApproval;
                }
            }

            return null;
        }
    }
}
