using System.Linq;
using Microsoft.CodeAnalysis;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>
    /// The types and members the generated authorization-code and device flows use, resolved in the user's compilation
    /// for the library the password call came from (IdentityModel or Duende.IdentityModel, which share member names).
    /// A flow is offered only when everything it calls exists there.
    /// </summary>
    internal sealed class IdentityModelTypes
    {
        private IdentityModelTypes(Compilation compilation, string root)
        {
            string Client(string name) => root + ".Client." + name;
            RequestUrl = compilation.GetTypeByMetadataName(Client("RequestUrl"));
            RequestUrlExtensions = compilation.GetTypeByMetadataName(Client("RequestUrlExtensions"));
            TokenRequestExtensions = compilation.GetTypeByMetadataName(Client("HttpClientTokenRequestExtensions"));
            DeviceFlowExtensions = compilation.GetTypeByMetadataName(Client("HttpClientDeviceFlowExtensions"));
            AuthorizationCodeTokenRequest = compilation.GetTypeByMetadataName(Client("AuthorizationCodeTokenRequest"));
            DeviceAuthorizationRequest = compilation.GetTypeByMetadataName(Client("DeviceAuthorizationRequest"));
            DeviceAuthorizationResponse = compilation.GetTypeByMetadataName(Client("DeviceAuthorizationResponse"));
            DeviceTokenRequest = compilation.GetTypeByMetadataName(Client("DeviceTokenRequest"));
            ClientCredentialStyle = compilation.GetTypeByMetadataName(Client("ClientCredentialStyle"));
            CryptoRandom = compilation.GetTypeByMetadataName(root + ".CryptoRandom");
            ResponseTypes = compilation.GetTypeByMetadataName(root + ".OidcConstants+ResponseTypes");
            CodeChallengeMethods = compilation.GetTypeByMetadataName(root + ".OidcConstants+CodeChallengeMethods");
            TokenErrors = compilation.GetTypeByMetadataName(root + ".OidcConstants+TokenErrors");
            HttpMessageInvoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
            Sha256 = compilation.GetTypeByMetadataName("System.Security.Cryptography.SHA256");
            Encoding = compilation.GetTypeByMetadataName("System.Text.Encoding");
            Convert = compilation.GetTypeByMetadataName("System.Convert");
            TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            GenericTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            Obsolete = compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
        }

        public INamedTypeSymbol? RequestUrl { get; }

        public INamedTypeSymbol? RequestUrlExtensions { get; }

        public INamedTypeSymbol? TokenRequestExtensions { get; }

        public INamedTypeSymbol? DeviceFlowExtensions { get; }

        public INamedTypeSymbol? AuthorizationCodeTokenRequest { get; }

        public INamedTypeSymbol? DeviceAuthorizationRequest { get; }

        public INamedTypeSymbol? DeviceAuthorizationResponse { get; }

        public INamedTypeSymbol? DeviceTokenRequest { get; }

        public INamedTypeSymbol? ClientCredentialStyle { get; }

        public INamedTypeSymbol? CryptoRandom { get; }

        public INamedTypeSymbol? ResponseTypes { get; }

        public INamedTypeSymbol? CodeChallengeMethods { get; }

        public INamedTypeSymbol? TokenErrors { get; }

        public INamedTypeSymbol? HttpMessageInvoker { get; }

        public INamedTypeSymbol? Sha256 { get; }

        public INamedTypeSymbol? Encoding { get; }

        public INamedTypeSymbol? Convert { get; }

        public INamedTypeSymbol? TimeSpan { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? GenericTask { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? Obsolete { get; }

        /// <summary>The types of the library that declares <paramref name="apiType"/> (a type of its ".Client" namespace).</summary>
        public static IdentityModelTypes? For(Compilation compilation, INamedTypeSymbol apiType)
            => apiType.ContainingNamespace is { Name: "Client", ContainingNamespace: { IsGlobalNamespace: false } root }
                ? new IdentityModelTypes(compilation, root.ToDisplayString())
                : null;

        /// <summary>Everything the authorization code + PKCE flow calls, with the parameter names it passes.</summary>
        public bool SupportsAuthorizationCode
            => RequestUrl is not null && ResponseTypes is not null && CodeChallengeMethods is not null && AuthorizationCodeTokenRequest is not null
               && Sha256 is not null && Encoding is not null && Convert is not null && CommonTypesExist
               && HasMethod(CryptoRandom, "CreateUniqueId")
               && HasMethod(RequestUrlExtensions, "CreateAuthorizeUrl", "clientId", "responseType", "scope", "redirectUri", "state", "codeChallenge", "codeChallengeMethod")
               && HasMethod(TokenRequestExtensions, "RequestAuthorizationCodeTokenAsync");

        /// <summary>Everything the device authorization flow calls.</summary>
        public bool SupportsDeviceFlow
            => DeviceAuthorizationRequest is not null && DeviceAuthorizationResponse is not null && DeviceTokenRequest is not null
               && TokenErrors is not null && TimeSpan is not null && Task is not null && CommonTypesExist
               && HasMethod(DeviceFlowExtensions, "RequestDeviceAuthorizationAsync")
               && HasMethod(TokenRequestExtensions, "RequestDeviceTokenAsync");

        private bool CommonTypesExist
            => GenericTask is not null && CancellationToken is not null && Obsolete is not null && ClientCredentialStyle is not null;

        private static bool HasMethod(INamedTypeSymbol? type, string name, params string[] parameterNames)
            => type is not null
               && type.GetMembers(name).OfType<IMethodSymbol>().Any(method => parameterNames.All(parameter => method.Parameters.Any(p => p.Name == parameter)));
    }
}
