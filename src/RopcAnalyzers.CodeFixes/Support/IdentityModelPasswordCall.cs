using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>A value of the original request, as source text that means the same in a new method of the same type.</summary>
    internal sealed class CarriedValue
    {
        public CarriedValue(string text, ImmutableArray<IParameterSymbol> parameters)
        {
            Text = text;
            Parameters = parameters;
        }

        public string Text { get; }

        /// <summary>Parameters of the password-grant method the text uses: the new method takes them too.</summary>
        public ImmutableArray<IParameterSymbol> Parameters { get; }
    }

    /// <summary>
    /// An IdentityModel or Duende.IdentityModel password-grant call that the migration fixes can rewrite:
    /// <c>invoker.RequestPasswordTokenAsync(new PasswordTokenRequest { ... })</c> or
    /// <c>new TokenClient(invoker, new TokenClientOptions { ... }).RequestPasswordTokenAsync(user, password, scope)</c>,
    /// inside an ordinary method, with every value the new flows need written where a new method of the same type
    /// can repeat it (constants, fields, properties, the method's own parameters; never its locals).
    /// </summary>
    internal sealed class IdentityModelPasswordCall
    {
        private const string ApiName = "RequestPasswordTokenAsync";

        // Members of the request (or TokenClientOptions) that authenticate the client at the token endpoint.
        private static readonly ImmutableHashSet<string> ClientAuthenticationMembers = ImmutableHashSet.Create(
            "ClientSecret", "ClientCredentialStyle", "AuthorizationHeaderStyle", "ClientAssertion");

        private IdentityModelPasswordCall(
            MethodDeclarationSyntax method,
            IMethodSymbol methodSymbol,
            IdentityModelTypes types,
            ITypeSymbol responseTask,
            CarriedValue invoker,
            CarriedValue address,
            CarriedValue clientId,
            CarriedValue? scope,
            ImmutableArray<CarriedValue> clientAuthentication,
            bool postBodyByDefault,
            CarriedValue? resource,
            ImmutableHashSet<string> reservedNames)
        {
            Method = method;
            MethodSymbol = methodSymbol;
            Types = types;
            ResponseTask = responseTask;
            Invoker = invoker;
            Address = address;
            ClientId = clientId;
            Scope = scope;
            ClientAuthentication = clientAuthentication;
            PostBodyByDefault = postBodyByDefault;
            Resource = resource;
            ReservedNames = reservedNames;
        }

        /// <summary>The method that sends the password grant: it is kept (callers still compile) and marked obsolete.</summary>
        public MethodDeclarationSyntax Method { get; }

        public IMethodSymbol MethodSymbol { get; }

        public IdentityModelTypes Types { get; }

        /// <summary>Task&lt;TokenResponse&gt; of the library in use.</summary>
        public ITypeSymbol ResponseTask { get; }

        /// <summary>The HttpMessageInvoker (usually an HttpClient) the request is sent with.</summary>
        public CarriedValue Invoker { get; }

        /// <summary>The token endpoint.</summary>
        public CarriedValue Address { get; }

        public CarriedValue ClientId { get; }

        public CarriedValue? Scope { get; }

        /// <summary>Member assignments such as "ClientSecret = secret" and "ClientCredentialStyle = ClientCredentialStyle.PostBody".</summary>
        public ImmutableArray<CarriedValue> ClientAuthentication { get; }

        /// <summary>The client was a TokenClient without an explicit ClientCredentialStyle: its default, PostBody, must be written out.</summary>
        public bool PostBodyByDefault { get; }

        /// <summary>"Resource = ..." (RFC 8707 resource indicators), which the token request of the code flow carries too.</summary>
        public CarriedValue? Resource { get; }

        /// <summary>Every identifier the carried values use and the method's parameter names: generated names avoid them.</summary>
        public ImmutableHashSet<string> ReservedNames { get; }

        public static IdentityModelPasswordCall? TryCreate(SemanticModel model, RopcRequest request, CancellationToken cancellationToken)
        {
            if (request.Library is not (RopcLibrary.IdentityModel or RopcLibrary.DuendeIdentityModel)
                || request.ApiName != ApiName
                || request.Site is not IInvocationOperation invocation
                || invocation.Type is not INamedTypeSymbol responseTask
                || request.EndpointAddress is null
                || request.ClientId is null
                || invocation.Syntax.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || method.TypeParameterList is not null
                || method.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax)
                || model.GetDeclaredSymbol(method, cancellationToken) is not { MethodKind: MethodKind.Ordinary, IsOverride: false, ExplicitInterfaceImplementations.IsEmpty: true } methodSymbol
                || IsObsolete(methodSymbol)
                || IdentityModelTypes.For(model.Compilation, invocation.TargetMethod.ContainingType) is not { } types)
            {
                return null;
            }

            var carrier = new Carrier(methodSymbol);
            IOperation? invokerOperation;
            IObjectCreationOperation? settings;
            IOperation? scopeOperation = null;
            var tokenClientDefaults = false;
            if (invocation.TargetMethod.IsExtensionMethod)
            {
                // http.RequestPasswordTokenAsync(new PasswordTokenRequest { ... }): the request object holds everything.
                invokerOperation = invocation.Arguments.FirstOrDefault()?.Value;
                settings = request.RequestObjectCreation;
                if (settings is null || !IsUsedOnlyBy(invocation, settings, cancellationToken))
                {
                    return null;
                }
            }
            else
            {
                // new TokenClient(http, new TokenClientOptions { ... }).RequestPasswordTokenAsync(user, password, scope):
                // the options hold the endpoint and the client; the call holds the scope.
                if (invocation.Instance is not { } instance
                    || RequestParts.ResolveCreation(instance, cancellationToken) is not { } client
                    || RopcSites.Argument(client.Arguments, "client")?.Value is not { } clientArgument
                    || !IsInvoker(StringValues.Unwrap(clientArgument)?.Type, types)
                    || RopcSites.Argument(invocation.Arguments, "parameters") is not null)
                {
                    return null;
                }

                invokerOperation = clientArgument;
                settings = StringValues.Unwrap(RopcSites.Argument(client.Arguments, "options")?.Value) as IObjectCreationOperation;
                scopeOperation = RopcSites.Argument(invocation.Arguments, "scope")?.Value;
                tokenClientDefaults = true;
            }

            if (settings is null || !settings.Arguments.IsEmpty || settings.Initializer is null || invokerOperation is null)
            {
                return null;
            }

            var clientAuthentication = ImmutableArray.CreateBuilder<CarriedValue>();
            CarriedValue? resource = null;
            var styleSet = false;
            foreach (var member in settings.Initializer.Initializers)
            {
                var (name, syntax) = member switch
                {
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target, Syntax: AssignmentExpressionSyntax assignment } => (target.Property.Name, assignment),
                    IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation target, Syntax: AssignmentExpressionSyntax assignment } => (target.Property.Name, assignment),
                    _ => (null, null),
                };

                switch (name)
                {
                    case "Address" or "ClientId":
                        // Taken from the recognizer's parts below.
                        break;
                    case "UserName" or "Password":
                        // The resource owner's credentials are exactly what the new flows stop collecting.
                        break;
                    case "Scope" when member is ISimpleAssignmentOperation scopeAssignment:
                        scopeOperation = scopeAssignment.Value;
                        break;
                    case "Resource" when !tokenClientDefaults:
                        resource = carrier.Carry(member, syntax!);
                        break;
                    case not null when ClientAuthenticationMembers.Contains(name):
                        styleSet |= name == "ClientCredentialStyle";
                        var carried = carrier.Carry(member, syntax!);
                        if (carried is null)
                        {
                            return null;
                        }

                        clientAuthentication.Add(carried);
                        break;
                    default:
                        // Parameters, DPoP proofs, HTTP message settings...: no safe place for them in the new requests.
                        return null;
                }
            }

            var invoker = carrier.Carry(invokerOperation);
            var address = carrier.Carry(request.EndpointAddress);
            var clientId = carrier.Carry(request.ClientId);
            var scope = scopeOperation is null ? null : carrier.Carry(scopeOperation);
            if (invoker is null || address is null || clientId is null || (scopeOperation is not null && scope is null) || carrier.Failed)
            {
                return null;
            }

            // TokenClientOptions sends the client credentials in the body by default, a request object in the
            // Authorization header: the new requests must say PostBody to authenticate the client as before.
            var postBodyByDefault = tokenClientDefaults && !styleSet;
            return new IdentityModelPasswordCall(
                method, methodSymbol, types, responseTask, invoker, address, clientId, scope, clientAuthentication.ToImmutable(), postBodyByDefault, resource, carrier.ReservedNames());
        }

        /// <summary>
        /// An obsolete method is already on its way out, typically migrated by this fix: the migration is not offered
        /// again (the new methods would be written twice). Overrides and explicit interface implementations are not
        /// offered either: [Obsolete] on them only raises CS0809 and callers through the base would not see it.
        /// </summary>
        private static bool IsObsolete(IMethodSymbol method)
            => method.GetAttributes().Any(attribute => attribute.AttributeClass is { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } });

        private static bool IsInvoker(ITypeSymbol? type, IdentityModelTypes types)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, types.HttpMessageInvoker))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The request object goes straight into the call, or through a local that nothing else touches (a property
        /// set after the initializer would otherwise be lost).
        /// </summary>
        private static bool IsUsedOnlyBy(IInvocationOperation invocation, IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            if (creation.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return true;
            }

            var references = 0;
            foreach (var descendant in OperationTree.Root(invocation).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                {
                    references++;
                }
            }

            return references == 1;
        }

        /// <summary>Turns operations of the original method into text for a sibling method, or records why it cannot.</summary>
        private sealed class Carrier
        {
            private readonly IMethodSymbol method;
            private readonly HashSet<string> identifiers = new();

            public Carrier(IMethodSymbol method)
            {
                this.method = method;
                foreach (var parameter in method.Parameters)
                {
                    identifiers.Add(parameter.Name);
                }
            }

            public bool Failed { get; private set; }

            public ImmutableHashSet<string> ReservedNames() => identifiers.ToImmutableHashSet();

            public CarriedValue? Carry(IOperation operation) => Carry(operation, operation.Syntax);

            public CarriedValue? Carry(IOperation operation, SyntaxNode syntax)
            {
                if (syntax.ContainsDiagnostics)
                {
                    Failed = true;
                    return null;
                }

                var parameters = ImmutableArray.CreateBuilder<IParameterSymbol>();
                foreach (var part in operation.DescendantsAndSelf())
                {
                    switch (part)
                    {
                        case ILocalReferenceOperation:
                        case IAwaitOperation:
                        case IInvalidOperation:
                        case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }:
                            Failed = true;
                            return null;

                        case IParameterReferenceOperation reference:
                            if (!SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method) || reference.Parameter.RefKind != RefKind.None)
                            {
                                Failed = true;
                                return null;
                            }

                            if (!parameters.Contains(reference.Parameter))
                            {
                                parameters.Add(reference.Parameter);
                            }

                            break;
                    }
                }

                foreach (var token in syntax.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        identifiers.Add(token.ValueText);
                    }
                }

                return new CarriedValue(syntax.WithoutTrivia().ToFullString(), parameters.ToImmutable());
            }
        }
    }
}
