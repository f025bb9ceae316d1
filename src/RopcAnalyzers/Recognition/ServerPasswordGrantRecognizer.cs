using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>One place where an authorization server accepts or turns on the password grant.</summary>
    public sealed class ServerPasswordGrantSite
    {
        internal ServerPasswordGrantSite(IOperation? operation, ISymbol? declaration, Location location, string description)
        {
            Operation = operation;
            Declaration = declaration;
            Location = location;
            Description = description;
        }

        /// <summary>The configuration call, value or branch, for sites in code; null for declarations.</summary>
        public IOperation? Operation { get; }

        /// <summary>The type or method, for sites that are declarations (a password validator, an OWIN override).</summary>
        public ISymbol? Declaration { get; }

        public Location Location { get; }

        /// <summary>What was found, as shown to users, e.g. "OpenIddict server AllowPasswordFlow()".</summary>
        public string Description { get; }
    }

    /// <summary>
    /// Decides whether code makes an authorization server accept grant_type=password (ROPC009; the same sites
    /// count as ROPC uses for approvals). Sites: OpenIddict server configuration and permissions, IdentityServer
    /// and Duende.IdentityServer client grant types and password validators, OWIN's
    /// GrantResourceOwnerCredentials, and hand-written token endpoints that branch on grant_type "password".
    /// Library members are matched by namespace, type and name, as the client recognizer does.
    /// </summary>
    public static class ServerPasswordGrantRecognizer
    {
        /// <summary>Every operation kind that can be a server site.</summary>
        public static readonly ImmutableArray<OperationKind> SiteOperationKinds = ImmutableArray.Create(
            OperationKind.Invocation,
            OperationKind.Binary,
            OperationKind.CaseClause,
            OperationKind.ConstantPattern,
            OperationKind.Literal,
            OperationKind.FieldReference,
            OperationKind.PropertyReference,
            OperationKind.SimpleAssignment);

        /// <summary>
        /// The kinds worth registering for <paramref name="compilation"/>: property references can be sites only
        /// through IdentityServer's GrantTypes, and they are among the commonest operations.
        /// </summary>
        public static ImmutableArray<OperationKind> SiteOperationKindsFor(Compilation compilation)
            => RopcApi.NamespaceExists(compilation, "IdentityServer4.Models") || RopcApi.NamespaceExists(compilation, "Duende.IdentityServer.Models")
                ? SiteOperationKinds
                : SiteOperationKinds.Remove(OperationKind.PropertyReference);

        /// <summary>
        /// Whether <paramref name="compilation"/> can see an authorization-server library the recognizer knows (IdentityServer,
        /// OpenIddict, ASOS, OWIN's OAuth server); without one, the only server sites are hand-written token endpoints.
        /// </summary>
        public static bool LibrariesReachableFrom(Compilation compilation)
            => RopcApi.NamespaceExists(compilation, "IdentityServer4")
               || RopcApi.NamespaceExists(compilation, "Duende.IdentityServer")
               || RopcApi.NamespaceExists(compilation, "OpenIddict")
               || RopcApi.NamespaceExists(compilation, "AspNet.Security.OpenIdConnect")
               || RopcApi.NamespaceExists(compilation, OwinNamespace);

        /// <summary>OpenIddict's permission for the password grant (OpenIddictConstants.Permissions.GrantTypes.Password).</summary>
        internal const string OpenIddictPasswordPermission = "gt:password";

        private const string EndpointBranchDescription = "A token endpoint that branches on grant_type \"password\"";
        private const string OwinNamespace = "Microsoft.Owin.Security.OAuth";

        public static bool TryRecognize(IOperation operation, CancellationToken cancellationToken, [NotNullWhen(true)] out ServerPasswordGrantSite? site)
        {
            var description = operation switch
            {
                IInvocationOperation invocation => RecognizeInvocation(invocation, cancellationToken),
                IBinaryOperation binary => RecognizeComparison(binary, cancellationToken),
                ISingleValueCaseClauseOperation caseClause => RecognizeCaseClause(caseClause, cancellationToken),
                IConstantPatternOperation pattern => RecognizePattern(pattern, cancellationToken, out operation),
                ILiteralOperation or IFieldReferenceOperation => RecognizeGrantValue(operation, cancellationToken),
                IPropertyReferenceOperation property => RecognizeGrantTypesProperty(property),
                ISimpleAssignmentOperation assignment => RecognizeOwinDelegate(assignment),
                _ => null,
            };

            site = description is null ? null : new ServerPasswordGrantSite(operation, declaration: null, operation.Syntax.GetLocation(), description);
            return site is not null;
        }

        /// <summary>Types that implement IdentityServer's password validator, and methods that implement OWIN's password grant.</summary>
        public static bool TryRecognizeDeclaration(ISymbol symbol, [NotNullWhen(true)] out ServerPasswordGrantSite? site)
        {
            var description = symbol switch
            {
                INamedTypeSymbol type => RecognizeValidator(type),
                IMethodSymbol method => RecognizeOwinOverride(method),
                _ => null,
            };

            site = description is null || symbol.Locations.IsEmpty ? null : new ServerPasswordGrantSite(operation: null, symbol, symbol.Locations[0], description);
            return site is not null;
        }

        private static string? RecognizeInvocation(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "AllowPasswordFlow" when method.ContainingType is { Name: "OpenIddictServerBuilder" } builder
                    && RopcApi.NamespaceIs(builder.ContainingNamespace, "Microsoft.Extensions.DependencyInjection"):
                    return "OpenIddict server AllowPasswordFlow()";

                case "IsPasswordGrantType" when method.ContainingType is { } extensions:
                    if (RopcApi.NamespaceIs(extensions.ContainingNamespace, "OpenIddict.Abstractions"))
                    {
                        return "OpenIddict IsPasswordGrantType()";
                    }

                    return RopcApi.NamespaceIs(extensions.ContainingNamespace, "AspNet.Security.OpenIdConnect.Primitives")
                           || RopcApi.NamespaceIs(extensions.ContainingNamespace, "AspNet.Security.OpenIdConnect.Extensions")
                        ? "ASOS IsPasswordGrantType()"
                        : null;

                case "Equals":
                    // grantType.Equals("password", ...), string.Equals(form["grant_type"], "password", ...), Equals(body["grant_type"], "password"),
                    // StringValues.Equals(...), StringComparer.Ordinal.Equals(grantType, "password")
                    return ComparesGrantTypeWithPassword(invocation, cancellationToken) ? EndpointBranchDescription : null;

                default:
                    return null;
            }
        }

        private static string? RecognizeComparison(IBinaryOperation binary, CancellationToken cancellationToken)
        {
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            {
                return null;
            }

            if (ComparesGrantTypeWithPassword(binary.LeftOperand, binary.RightOperand, cancellationToken))
            {
                return EndpointBranchDescription;
            }

            // string.Compare(grantType, "password", StringComparison.OrdinalIgnoreCase) == 0
            var compared = IsZero(binary.RightOperand) ? binary.LeftOperand : IsZero(binary.LeftOperand) ? binary.RightOperand : null;
            return StringValues.Unwrap(compared) is IInvocationOperation { TargetMethod.Name: "Compare" or "CompareOrdinal" or "CompareTo" } compare
                   && ComparesGrantTypeWithPassword(compare, cancellationToken)
                ? EndpointBranchDescription
                : null;
        }

        private static bool IsZero(IOperation operand)
            => operand.ConstantValue is { HasValue: true, Value: 0 };

        /// <summary>switch (form["grant_type"]) { case "password": ... }</summary>
        private static string? RecognizeCaseClause(ISingleValueCaseClauseOperation caseClause, CancellationToken cancellationToken)
            => caseClause.Parent is ISwitchCaseOperation { Parent: ISwitchOperation @switch }
               && IsPasswordValue(caseClause.Value, cancellationToken)
               && IsGrantType(@switch.Value, thorough: true, cancellationToken)
                ? EndpointBranchDescription
                : null;

        /// <summary>grantType is "password", request is { GrantType: "password" }, switch expression arms and pattern case labels.</summary>
        private static string? RecognizePattern(IConstantPatternOperation pattern, CancellationToken cancellationToken, out IOperation site)
        {
            site = pattern;
            if (!IsPasswordValue(pattern.Value, cancellationToken))
            {
                return null;
            }

            var parent = pattern.Parent;
            while (parent is IBinaryPatternOperation or INegatedPatternOperation)
            {
                parent = parent.Parent;
            }

            var matched = parent switch
            {
                IIsPatternOperation isPattern => isPattern.Value,
                ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } => switchExpression.Value,
                IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation @switch } } => @switch.Value,
                IPropertySubpatternOperation subpattern => subpattern.Member,
                _ => null,
            };

            if (!IsGrantType(matched, thorough: true, cancellationToken))
            {
                return null;
            }

            site = parent is IIsPatternOperation or IPatternCaseClauseOperation or IPropertySubpatternOperation ? parent : pattern;
            return EndpointBranchDescription;
        }

        /// <summary>"gt:password" in OpenIddict permissions, and "password" put into a server's allowed grant types.</summary>
        private static string? RecognizeGrantValue(IOperation value, CancellationToken cancellationToken)
        {
            if (value is IFieldReferenceOperation { Field: { Name: "Password" } field } && IsOpenIddictPasswordPermission(field))
            {
                return IsCheck(value) ? null : "OpenIddict permission Permissions.GrantTypes.Password";
            }

            // Every literal and field reference comes here: the cheap constant checks go first.
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                if (text == OpenIddictPasswordPermission && value is ILiteralOperation)
                {
                    return IsCheck(value) ? null : $"OpenIddict permission \"{OpenIddictPasswordPermission}\"";
                }

                if (!RopcRecognizer.IsPasswordGrantValue(text))
                {
                    return null;
                }
            }
            else if (value is not IFieldReferenceOperation { Field: { IsReadOnly: true, Type.SpecialType: SpecialType.System_String } })
            {
                return null;
            }

            if (GrantTypesCollectionOf(value) is not { } collection || !IsPasswordValue(value, cancellationToken))
            {
                return null;
            }

            return collection.Name == "AllowedGrantTypes"
                ? "AllowedGrantTypes containing \"password\""
                : "OpenIddict server GrantTypes containing \"password\"";
        }

        /// <summary>IdentityServer4 / Duende.IdentityServer GrantTypes.ResourceOwnerPassword and ResourceOwnerPasswordAndClientCredentials.</summary>
        private static string? RecognizeGrantTypesProperty(IPropertyReferenceOperation reference)
        {
            var property = reference.Property;
            if (property.Name is not ("ResourceOwnerPassword" or "ResourceOwnerPasswordAndClientCredentials")
                || property.ContainingType is not { Name: "GrantTypes" } grantTypes)
            {
                return null;
            }

            var product = IdentityServerProduct(grantTypes.ContainingNamespace, "Models");
            return product is null ? null : $"{product} GrantTypes.{property.Name}";
        }

        private static string? RecognizeOwinDelegate(ISimpleAssignmentOperation assignment)
            => assignment.Target is IPropertyReferenceOperation { Property: { Name: "OnGrantResourceOwnerCredentials" } property }
               && RopcApi.NamespaceIs(property.ContainingType?.ContainingNamespace, OwinNamespace)
                ? "OWIN OnGrantResourceOwnerCredentials"
                : null;

        /// <summary>
        /// A class that implements IResourceOwnerPasswordValidator, unless it inherits the implementation from a base
        /// class of the application (reported there). Library types themselves (IdentityServer's namespaces) are not sites.
        /// </summary>
        private static string? RecognizeValidator(INamedTypeSymbol type)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                || ValidatorProduct(type) is not { } product
                || IdentityServerProduct(type.ContainingNamespace, area: null) is not null)
            {
                return null;
            }

            return type.BaseType is { } baseType && ValidatorProduct(baseType) is not null && IdentityServerProduct(baseType.ContainingNamespace, area: null) is null
                ? null
                : $"{product} IResourceOwnerPasswordValidator implementation";
        }

        private static string? ValidatorProduct(INamedTypeSymbol type)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == "IResourceOwnerPasswordValidator" && IdentityServerProduct(implemented.ContainingNamespace, "Validation") is { } product)
                {
                    return product;
                }
            }

            return null;
        }

        private static string? RecognizeOwinOverride(IMethodSymbol method)
        {
            const string GrantMethod = "GrantResourceOwnerCredentials";
            if (method.Name != GrantMethod && method.ExplicitInterfaceImplementations.IsEmpty)
            {
                // Every method comes here: the name settles almost all of them.
                return null;
            }

            if (method.ContainingType is null || RopcApi.NamespaceIs(method.ContainingType.ContainingNamespace, OwinNamespace))
            {
                // OWIN's own declarations (or test stand-ins of them).
                return null;
            }

            foreach (var implemented in method.ExplicitInterfaceImplementations)
            {
                if (implemented.Name == GrantMethod && RopcApi.NamespaceIs(implemented.ContainingType.ContainingNamespace, OwinNamespace))
                {
                    return "OWIN GrantResourceOwnerCredentials implementation";
                }
            }

            if (method.Name != GrantMethod)
            {
                return null;
            }

            if (method.IsOverride)
            {
                var root = method;
                while (root.OverriddenMethod is { } overridden)
                {
                    root = overridden;
                }

                return RopcApi.NamespaceIs(root.ContainingType.ContainingNamespace, OwinNamespace)
                    ? "OWIN GrantResourceOwnerCredentials override"
                    : null;
            }

            foreach (var implemented in method.ContainingType.AllInterfaces)
            {
                if (implemented.Name == "IOAuthAuthorizationServerProvider" && RopcApi.NamespaceIs(implemented.ContainingNamespace, OwinNamespace))
                {
                    return "OWIN GrantResourceOwnerCredentials implementation";
                }
            }

            return null;
        }

        /// <summary>
        /// Whether an Equals or Compare call compares the grant type with "password": its first two arguments
        /// (string.Equals(a, b, comparison), comparer.Equals(a, b)), or its instance and first argument (a.Equals(b, comparison)).
        /// </summary>
        private static bool ComparesGrantTypeWithPassword(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var arguments = invocation.Arguments;
            if (arguments.Length >= 2 && arguments[1].Value.Type?.TypeKind != TypeKind.Enum)
            {
                return ComparesGrantTypeWithPassword(arguments[0].Value, arguments[1].Value, cancellationToken);
            }

            return invocation.Instance is not null && arguments.Length >= 1
                   && ComparesGrantTypeWithPassword(invocation.Instance, arguments[0].Value, cancellationToken);
        }

        private static bool ComparesGrantTypeWithPassword(IOperation? left, IOperation? right, CancellationToken cancellationToken)
            => ComparesGrantType(left, right, cancellationToken) || ComparesGrantType(right, left, cancellationToken);

        /// <summary>
        /// Every equality comparison comes here. Against a constant "password" the grant type is looked for thoroughly
        /// (see <see cref="IsGrantType"/>); against anything else, its cheap name checks go before resolving the other value.
        /// </summary>
        private static bool ComparesGrantType(IOperation? grant, IOperation? password, CancellationToken cancellationToken)
            => StringValues.Unwrap(password) is { ConstantValue.HasValue: true }
                ? IsPasswordValue(password, cancellationToken) && IsGrantType(grant, thorough: true, cancellationToken)
                : IsGrantType(grant, thorough: false, cancellationToken) && IsPasswordValue(password, cancellationToken);

        private static bool IsPasswordValue(IOperation? operation, CancellationToken cancellationToken)
            => StringValues.TryResolve(operation, cancellationToken, out var value) && RopcRecognizer.IsPasswordGrantValue(value);

        /// <summary>
        /// An expression that holds the posted grant type: a GrantType/grant_type member, form["grant_type"],
        /// form.Get("grant_type"), form.TryGetValue("grant_type", out ...), or a local or parameter named grantType;
        /// through ToString(), Convert.ToString(), FirstOrDefault(), [0], Trim(), case conversions, casts and ?. access.
        /// <paramref name="thorough"/>: also a local with another name that only ever receives the grant type, and a
        /// member or parameter bound to the "grant_type" key by an attribute ([FromForm(Name = "grant_type")],
        /// [JsonPropertyName("grant_type")]); these cost a walk of the body or the attributes, and are looked for only
        /// once the value compared is known to be the password grant.
        /// </summary>
        private static bool IsGrantType(IOperation? operation, bool thorough, CancellationToken cancellationToken)
        {
            for (var depth = 0; depth < 8; depth++)
            {
                switch (StringValues.Unwrap(operation))
                {
                    case IConditionalAccessOperation conditional:
                        operation = conditional.WhenNotNull;
                        continue;

                    case IConditionalAccessInstanceOperation instance:
                        operation = ConditionalAccessOf(instance)?.Operation;
                        continue;

                    case IPropertyReferenceOperation { Arguments.Length: 1 } indexer when indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32:
                        // form["grant_type"][0]: one of the posted values
                        operation = indexer.Instance;
                        continue;

                    case IArrayElementReferenceOperation element:
                        operation = element.ArrayReference;
                        continue;

                    case IPropertyReferenceOperation { Arguments.Length: 1 } indexer:
                        return IsGrantTypeKey(indexer.Arguments[0].Value);

                    case IPropertyReferenceOperation property:
                        return IsGrantTypeName(property.Property.Name) || (thorough && IsBoundToGrantTypeKey(property.Property));

                    case IFieldReferenceOperation field:
                        return !field.Field.IsConst && (IsGrantTypeName(field.Field.Name) || (thorough && IsBoundToGrantTypeKey(field.Field)));

                    case ILocalReferenceOperation local:
                        return IsGrantTypeName(local.Local.Name) || (thorough && ReceivesOnlyGrantType(local, cancellationToken));

                    case IParameterReferenceOperation parameter:
                        return IsGrantTypeName(parameter.Parameter.Name) || (thorough && IsBoundToGrantTypeKey(parameter.Parameter));

                    case IInvocationOperation invocation when invocation.TargetMethod.Name is "ToString" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim" or "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault":
                        // value.ToString(), Convert.ToString(value), Enumerable.First(values)
                        operation = invocation.Instance ?? (invocation.TargetMethod.IsStatic && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                        continue;

                    case IInvocationOperation invocation:
                        foreach (var argument in invocation.Arguments)
                        {
                            if (IsGrantTypeKey(argument.Value))
                            {
                                return true;
                            }
                        }

                        return false;

                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The conditional access whose value <paramref name="instance"/> stands for (the nearest one it is in the WhenNotNull part of).</summary>
        private static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
        {
            IOperation child = instance;
            for (var parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation conditional && conditional.WhenNotNull == child)
                {
                    return conditional;
                }
            }

            return null;
        }

        /// <summary>
        /// A local that receives the grant type under another name (var grant = form["grant_type"];
        /// form.TryGetValue("grant_type", out var grant)): every value it receives, but constants, reads the grant type.
        /// </summary>
        private static bool ReceivesOnlyGrantType(ILocalReferenceOperation reference, CancellationToken cancellationToken)
        {
            var local = reference.Local;
            var receivesGrantType = false;
            foreach (var descendant in OperationTree.Root(reference).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                IOperation? received;
                switch (descendant)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        received = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
                        break;

                    case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local):
                        var target = other.Parent is IDeclarationExpressionOperation declaration ? declaration : (IOperation)other;
                        if (target.Parent is ISimpleAssignmentOperation assignment && assignment.Target == target)
                        {
                            received = assignment.Value;
                        }
                        else if (target.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Out, Parent: IInvocationOperation call })
                        {
                            received = call;
                        }
                        else if (OperationTree.IsWrittenTo(target))
                        {
                            // ref arguments, ++, compound assignments: a value of its own
                            return false;
                        }
                        else
                        {
                            continue;
                        }

                        break;

                    default:
                        continue;
                }

                if (received is null || StringValues.Unwrap(received)!.ConstantValue.HasValue)
                {
                    continue;
                }

                if (!IsGrantType(received, thorough: false, cancellationToken))
                {
                    return false;
                }

                receivesGrantType = true;
            }

            return receivesGrantType;
        }

        /// <summary>A bound model member or handler parameter whose attribute names the "grant_type" key ([FromForm(Name = "grant_type")], [JsonPropertyName("grant_type")]).</summary>
        private static bool IsBoundToGrantTypeKey(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (argument.Kind == TypedConstantKind.Primitive && argument.Value is string key && IsGrantTypeName(key))
                    {
                        return true;
                    }
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Value.Kind == TypedConstantKind.Primitive && named.Value.Value is string key && IsGrantTypeName(key))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsGrantTypeKey(IOperation key)
            => key.ConstantValue is { HasValue: true, Value: string text } && IsGrantTypeName(text);

        private static bool IsGrantTypeName(string name)
            => FormPairs.Normalize(name) == "granttype";

        /// <summary>The AllowedGrantTypes (any client model) or OpenIddictServerOptions.GrantTypes collection that <paramref name="element"/> is put into.</summary>
        private static IPropertySymbol? GrantTypesCollectionOf(IOperation element)
        {
            var parent = OperationTree.ParentSkippingConversions(element);
            IOperation? collection = parent switch
            {
                // new[] { "password" }, new string[] { ... }
                IArrayInitializerOperation { Parent: IArrayCreationOperation array } => array,

                // AllowedGrantTypes = { "password" }, new List<string> { "password" }, client.AllowedGrantTypes.Add("password")
                IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" } add } => add.IsImplicit
                    ? add.Parent is IObjectOrCollectionInitializerOperation initializer ? initializer.Parent : null
                    : StringValues.Unwrap(add.Instance),
                _ => null,
            };

            var target = collection switch
            {
                IMemberInitializerOperation memberInitializer => memberInitializer.InitializedMember,
                IPropertyReferenceOperation property => property,
                IArrayCreationOperation or IObjectCreationOperation => OperationTree.ParentSkippingConversions(collection) is ISimpleAssignmentOperation assignment ? assignment.Target : null,
                _ => null,
            };

            if (target is not IPropertyReferenceOperation { Property: { } grantTypes })
            {
                return null;
            }

            if (grantTypes.Name == "AllowedGrantTypes")
            {
                return grantTypes;
            }

            return grantTypes.Name == "GrantTypes" && grantTypes.ContainingType is { Name: "OpenIddictServerOptions" } options
                   && RopcApi.NamespaceIs(options.ContainingNamespace, "OpenIddict.Server")
                ? grantTypes
                : null;
        }

        private static bool IsOpenIddictPasswordPermission(IFieldSymbol field)
            => field.ContainingType is { Name: "GrantTypes", ContainingType: { Name: "Permissions", ContainingType: { Name: "OpenIddictConstants" } constants } }
               && RopcApi.NamespaceIs(constants.ContainingNamespace, "OpenIddict.Abstractions");

        /// <summary>A permission that is compared, looked up or removed rather than granted.</summary>
        private static bool IsCheck(IOperation value)
        {
            var parent = OperationTree.ParentSkippingConversions(value);
            return parent switch
            {
                IBinaryOperation or IPatternOperation or ICaseClauseOperation => true,
                IArgumentOperation { Parent: IInvocationOperation invocation } => invocation.TargetMethod.Name.StartsWith("Has", StringComparison.Ordinal)
                    || invocation.TargetMethod.Name is "Contains" or "Remove" or "Equals" or "IndexOf",
                _ => false,
            };
        }

        /// <summary>
        /// "IdentityServer" or "Duende.IdentityServer" for the namespace IdentityServer4.{area} or
        /// Duende.IdentityServer.{area}; with no area, for any namespace of those products.
        /// </summary>
        private static string? IdentityServerProduct(INamespaceSymbol? ns, string? area)
        {
            for (; ns is { IsGlobalNamespace: false }; ns = area is null ? ns.ContainingNamespace : null)
            {
                if (RopcApi.NamespaceIs(ns, area is null ? "IdentityServer4" : "IdentityServer4." + area))
                {
                    return "IdentityServer";
                }

                if (RopcApi.NamespaceIs(ns, area is null ? "Duende.IdentityServer" : "Duende.IdentityServer." + area))
                {
                    return "Duende.IdentityServer";
                }
            }

            return null;
        }
    }
}
