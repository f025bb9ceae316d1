using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RopcAnalyzers.Recognition
{
    /// <summary>What a catalogued member does for the password grant.</summary>
    internal enum RopcApiRole
    {
        /// <summary>Calling it (or creating it, for a constructor) sends the password grant or builds the credential that will.</summary>
        Request,

        /// <summary>A request object for the password grant; the site is the call it is passed to, if that is in the same body.</summary>
        RequestObject,

        /// <summary>Sends the password grant only when its grant-type argument is "password".</summary>
        GrantTypeArgument,

        /// <summary>Turns the password grant on in a client's configuration.</summary>
        Configuration,
    }

    /// <summary>Extra conditions on a catalogued member.</summary>
    [Flags]
    internal enum RopcApiCondition
    {
        None = 0,

        /// <summary>Only the overloads that take a password parameter (ADAL 2 UserCredential, Keycloak clients).</summary>
        HasPasswordParameter = 1,

        /// <summary>Only calls that pass one of the catalogued request objects (Auth0 GetTokenAsync has many overloads).</summary>
        TakesRequestObject = 2,
    }

    /// <summary>One member of a library that takes part in the password grant, matched by namespace, type and member name.</summary>
    internal sealed class RopcApi
    {
        public const string Constructor = ".ctor";

        public RopcApi(RopcLibrary library, string libraryDisplayName, string @namespace, string? typeName, string memberName, RopcApiRole role, RopcApiCondition conditions = RopcApiCondition.None)
        {
            Library = library;
            LibraryDisplayName = libraryDisplayName;
            Namespace = @namespace;
            TypeName = typeName;
            MemberName = memberName;
            Role = role;
            Conditions = conditions;
        }

        public RopcLibrary Library { get; }

        public string LibraryDisplayName { get; }

        /// <summary>The namespace of the member's outermost containing type.</summary>
        public string Namespace { get; }

        /// <summary>The containing type's name, or null for any type in <see cref="Namespace"/>.</summary>
        public string? TypeName { get; }

        /// <summary>The method name, or <see cref="Constructor"/>.</summary>
        public string MemberName { get; }

        public RopcApiRole Role { get; }

        public RopcApiCondition Conditions { get; }

        public bool IsConstructor => MemberName == Constructor;

        /// <summary>The name shown to users: the type for constructors, the method otherwise.</summary>
        public string ApiName => IsConstructor ? TypeName ?? MemberName : MemberName;

        public bool Matches(INamedTypeSymbol containingType)
        {
            if (TypeName is not null && containingType.Name != TypeName)
            {
                return false;
            }

            var outermost = containingType;
            while (outermost.ContainingType is not null)
            {
                outermost = outermost.ContainingType;
            }

            return NamespaceIs(outermost.ContainingNamespace, Namespace);
        }

        /// <summary>Whether <paramref name="compilation"/> sees a namespace of that dotted name (in its source or a reference).</summary>
        internal static bool NamespaceExists(Compilation compilation, string dottedName)
        {
            var ns = compilation.GlobalNamespace;
            foreach (var name in dottedName.Split('.'))
            {
                INamespaceSymbol? next = null;
                foreach (var member in ns.GetMembers(name))
                {
                    if (member is INamespaceSymbol nested)
                    {
                        next = nested;
                        break;
                    }
                }

                if (next is null)
                {
                    return false;
                }

                ns = next;
            }

            return true;
        }

        /// <summary>Compares a namespace with a dotted name without allocating.</summary>
        internal static bool NamespaceIs(INamespaceSymbol? ns, string dottedName)
        {
            var end = dottedName.Length;
            while (ns is { IsGlobalNamespace: false })
            {
                var name = ns.Name;
                var start = end - name.Length;
                if (start < 0 || string.CompareOrdinal(dottedName, start, name, 0, name.Length) != 0)
                {
                    return false;
                }

                if (start == 0)
                {
                    return ns.ContainingNamespace is null || ns.ContainingNamespace.IsGlobalNamespace;
                }

                if (dottedName[start - 1] != '.')
                {
                    return false;
                }

                end = start - 1;
                ns = ns.ContainingNamespace;
            }

            return end == 0 && dottedName.Length == 0;
        }
    }

    /// <summary>
    /// The catalogued ROPC members of the libraries users call, indexed by member name (methods) and type name
    /// (constructors) so that a call site is looked up with one hash probe. Matching is by namespace and name,
    /// never by assembly: Azure.Identity type-forwards its types to Azure.Core, and vendor packages move.
    /// </summary>
    internal sealed class RopcApiCatalog
    {
        public static readonly RopcApiCatalog Default = new(BuiltInApis());

        private readonly Dictionary<string, RopcApi[]> methodsByName;
        private readonly Dictionary<string, RopcApi[]> constructorsByTypeName;

        public RopcApiCatalog(IEnumerable<RopcApi> apis)
        {
            var methods = new Dictionary<string, List<RopcApi>>(StringComparer.Ordinal);
            var constructors = new Dictionary<string, List<RopcApi>>(StringComparer.Ordinal);
            foreach (var api in apis)
            {
                var index = api.IsConstructor ? constructors : methods;
                var key = api.IsConstructor ? api.TypeName! : api.MemberName;
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = new List<RopcApi>();
                }

                list.Add(api);
            }

            methodsByName = ToArrays(methods);
            constructorsByTypeName = ToArrays(constructors);
        }

        public ImmutableArray<RopcApi> All { get; private set; }

        /// <summary>Whether no member is catalogued: no OAuth library is referenced and no wrapper configured.</summary>
        public bool IsEmpty => methodsByName.Count == 0 && constructorsByTypeName.Count == 0;

        /// <summary>Whether <paramref name="identifier"/> is the name of a catalogued method or of a type whose constructor is catalogued.</summary>
        public bool Names(string identifier)
            => methodsByName.ContainsKey(identifier) || constructorsByTypeName.ContainsKey(identifier);

        /// <summary>The catalogued method and type names that contain none of <paramref name="words"/> (ignoring case).</summary>
        public IReadOnlyList<string> NamesWithout(params string[] words)
        {
            var names = new List<string>();
            foreach (var name in methodsByName.Keys.Concat(constructorsByTypeName.Keys))
            {
                if (!words.Any(word => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    names.Add(name);
                }
            }

            return names;
        }

        public RopcApi? FindMethod(IMethodSymbol method)
            => methodsByName.Count == 0 ? null : Find(methodsByName, method.Name, method.ContainingType);

        public RopcApi? FindConstructor(INamedTypeSymbol type)
            => constructorsByTypeName.Count == 0 ? null : Find(constructorsByTypeName, type.Name, type);

        public bool IsRequestObjectType(ITypeSymbol? type)
            => type is INamedTypeSymbol named && FindConstructor(named) is { Role: RopcApiRole.RequestObject };

        /// <summary>
        /// The members of this catalog whose namespace exists in <paramref name="compilation"/> (in its source or a
        /// reference): the others can never be called. Without any OAuth library, no call is looked up at all.
        /// </summary>
        public RopcApiCatalog ReachableFrom(Compilation compilation)
        {
            var existing = new Dictionary<string, bool>(StringComparer.Ordinal);
            var reachable = new List<RopcApi>();
            foreach (var api in All)
            {
                if (!existing.TryGetValue(api.Namespace, out var exists))
                {
                    existing[api.Namespace] = exists = RopcApi.NamespaceExists(compilation, api.Namespace);
                }

                if (exists)
                {
                    reachable.Add(api);
                }
            }

            return reachable.Count == All.Length ? this : new RopcApiCatalog(reachable);
        }

        /// <summary>Adds user-configured members ("Namespace.Type.Method" or "Namespace.Type..ctor") to the built-in ones.</summary>
        public RopcApiCatalog WithConfiguredApis(IEnumerable<string> qualifiedMemberNames)
        {
            var extra = new List<RopcApi>();
            foreach (var qualifiedName in qualifiedMemberNames)
            {
                if (TryParseConfiguredApi(qualifiedName, out var api))
                {
                    extra.Add(api);
                }
            }

            return extra.Count == 0 ? this : new RopcApiCatalog(All.AddRange(extra));
        }

        internal static bool TryParseConfiguredApi(string qualifiedName, out RopcApi api)
        {
            api = null!;
            var name = qualifiedName.Trim();
            var isConstructor = name.EndsWith("..ctor", StringComparison.Ordinal) || name.EndsWith(".#ctor", StringComparison.Ordinal);
            var memberEnd = isConstructor ? name.Length - ".ctor".Length - 1 : name.Length;
            var lastDot = name.LastIndexOf('.', Math.Max(0, memberEnd - 1));
            if (lastDot <= 0 || lastDot >= name.Length - 1)
            {
                return false;
            }

            var member = isConstructor ? RopcApi.Constructor : name.Substring(lastDot + 1);
            var typeFullName = isConstructor ? name.Substring(0, memberEnd) : name.Substring(0, lastDot);
            var typeDot = typeFullName.LastIndexOf('.');
            if (typeDot <= 0 || typeDot >= typeFullName.Length - 1 || member.Length == 0 || !IsIdentifier(member == RopcApi.Constructor ? "ctor" : member))
            {
                return false;
            }

            var ns = typeFullName.Substring(0, typeDot);
            var type = typeFullName.Substring(typeDot + 1);
            api = new RopcApi(RopcLibrary.ConfiguredApi, "configured ROPC API", ns, type, member, RopcApiRole.Request);
            return true;
        }

        private static bool IsIdentifier(string text)
        {
            foreach (var c in text)
            {
                if (!char.IsLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }

            return text.Length > 0;
        }

        private static RopcApi? Find(Dictionary<string, RopcApi[]> index, string key, INamedTypeSymbol? containingType)
        {
            if (containingType is null || !index.TryGetValue(key, out var candidates))
            {
                return null;
            }

            foreach (var candidate in candidates)
            {
                if (candidate.Matches(containingType))
                {
                    return candidate;
                }
            }

            return null;
        }

        private Dictionary<string, RopcApi[]> ToArrays(Dictionary<string, List<RopcApi>> lists)
        {
            var result = new Dictionary<string, RopcApi[]>(lists.Count, StringComparer.Ordinal);
            var all = All.IsDefault ? ImmutableArray.CreateBuilder<RopcApi>() : All.ToBuilder();
            foreach (var pair in lists)
            {
                result[pair.Key] = pair.Value.ToArray();
                all.AddRange(pair.Value);
            }

            All = all.ToImmutable();
            return result;
        }

        private static IEnumerable<RopcApi> BuiltInApis()
        {
            foreach (var (ns, display, library) in new[]
            {
                ("IdentityModel.Client", "IdentityModel", RopcLibrary.IdentityModel),
                ("Duende.IdentityModel.Client", "Duende.IdentityModel", RopcLibrary.DuendeIdentityModel),
            })
            {
                yield return new RopcApi(library, display, ns, "HttpClientTokenRequestExtensions", "RequestPasswordTokenAsync", RopcApiRole.Request);
                yield return new RopcApi(library, display, ns, "TokenClient", "RequestPasswordTokenAsync", RopcApiRole.Request);
                yield return new RopcApi(library, display, ns, "TokenClientExtensions", "RequestResourceOwnerPasswordAsync", RopcApiRole.Request);
                yield return new RopcApi(library, display, ns, "TokenClient", "RequestResourceOwnerPasswordAsync", RopcApiRole.Request);
                yield return new RopcApi(library, display, ns, "TokenClient", "RequestTokenAsync", RopcApiRole.GrantTypeArgument);
                yield return new RopcApi(library, display, ns, "TokenClientExtensions", "RequestCustomGrantAsync", RopcApiRole.GrantTypeArgument);
                yield return new RopcApi(library, display, ns, "PasswordTokenRequest", RopcApi.Constructor, RopcApiRole.RequestObject);
            }

            const string Msal = "Microsoft.Identity.Client";
            yield return new RopcApi(RopcLibrary.Msal, "MSAL", Msal, null, "AcquireTokenByUsernamePassword", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.Msal, "MSAL", Msal, null, "AcquireTokenByUsernamePasswordAsync", RopcApiRole.Request);

            const string Adal = "Microsoft.IdentityModel.Clients.ActiveDirectory";
            yield return new RopcApi(RopcLibrary.Adal, "ADAL", Adal, "UserPasswordCredential", RopcApi.Constructor, RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.Adal, "ADAL", Adal, "UserCredential", RopcApi.Constructor, RopcApiRole.Request, RopcApiCondition.HasPasswordParameter);

            yield return new RopcApi(RopcLibrary.AzureIdentity, "Azure.Identity", "Azure.Identity", "UsernamePasswordCredential", RopcApi.Constructor, RopcApiRole.Request);

            yield return new RopcApi(RopcLibrary.OpenIddict, "OpenIddict", "OpenIddict.Client", "OpenIddictClientService", "AuthenticateWithPasswordAsync", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OpenIddict, "OpenIddict", "OpenIddict.Client", "PasswordAuthenticationRequest", RopcApi.Constructor, RopcApiRole.RequestObject);
            yield return new RopcApi(RopcLibrary.OpenIddict, "OpenIddict", "Microsoft.Extensions.DependencyInjection", "OpenIddictClientBuilder", "AllowPasswordFlow", RopcApiRole.Configuration);

            yield return new RopcApi(RopcLibrary.Auth0, "Auth0", "Auth0.AuthenticationApi.Models", "ResourceOwnerTokenRequest", RopcApi.Constructor, RopcApiRole.RequestObject);
            yield return new RopcApi(RopcLibrary.Auth0, "Auth0", "Auth0.AuthenticationApi", null, "GetTokenAsync", RopcApiRole.Request, RopcApiCondition.TakesRequestObject);
            yield return new RopcApi(RopcLibrary.Auth0, "Auth0", "Auth0.AuthenticationApi", null, "UsernamePasswordLoginAsync", RopcApiRole.Request);

            // Vendor wrappers that the registry does not serve: matched by the names their packages publish.
            yield return new RopcApi(RopcLibrary.OtherVendor, "Salesforce", "Salesforce.Common", null, "UsernamePasswordAsync", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Keycloak.Net", "Keycloak.Net", "KeycloakClient", RopcApi.Constructor, RopcApiRole.Request, RopcApiCondition.HasPasswordParameter);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Keycloak", "FS.Keycloak.RestApiClient.Authentication.Flow", "PasswordGrantFlow", RopcApi.Constructor, RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "DotNetOpenAuth", "DotNetOpenAuth.OAuth2", null, "ExchangeUserCredentialForToken", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Thinktecture.IdentityModel", "Thinktecture.IdentityModel.Client", "OAuth2Client", "RequestResourceOwnerPasswordAsync", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Thinktecture.IdentityModel", "Thinktecture.IdentityModel.Client", "OAuth2Client", "RequestAccessTokenUserName", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Microsoft.Rest.ClientRuntime", "Microsoft.Rest.Azure.Authentication", "UserTokenProvider", "LoginSilentAsync", RopcApiRole.Request, RopcApiCondition.HasPasswordParameter);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Azure Fluent", "Microsoft.Azure.Management.ResourceManager.Fluent.Authentication", "AzureCredentialsFactory", "FromUser", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Microsoft.Graph.Auth", "Microsoft.Graph.Auth", "UsernamePasswordProvider", RopcApi.Constructor, RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Microsoft.Graph.Auth", "Microsoft.Graph.Auth", null, "WithUsernamePassword", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "PnP.Framework", "PnP.Framework", "AuthenticationManager", "CreateWithCredentials", RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "PnP.Framework", "PnP.Framework", "AuthenticationManager", RopcApi.Constructor, RopcApiRole.Request, RopcApiCondition.HasPasswordParameter);
            yield return new RopcApi(RopcLibrary.OtherVendor, "G DATA VaaS", "Vaas.Authentication", "ResourceOwnerPasswordGrantAuthenticator", RopcApi.Constructor, RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "ServiceStack", "ServiceStack.Authentication.IdentityServer", "ResourcePasswordTokenClient", RopcApi.Constructor, RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Tizen", "Tizen.Account.OAuth2", "ResourceOwnerPwdCredentialsAuthorizer", RopcApi.Constructor, RopcApiRole.Request);
            yield return new RopcApi(RopcLibrary.OtherVendor, "Azure DevOps", "Microsoft.VisualStudio.Services.Client", "VssAadCredential", RopcApi.Constructor, RopcApiRole.Request, RopcApiCondition.HasPasswordParameter);
        }
    }
}
