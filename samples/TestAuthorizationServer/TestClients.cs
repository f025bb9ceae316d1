using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TestAuthorizationServer;

/// <summary>The clients the server knows: the samples' client ids, as public native applications (RFC 8252).</summary>
public static class TestClients
{
    /// <summary>samples/LegacyClient's client id. Allowed the password grant (the legacy state) and every flow that replaces it.</summary>
    public const string Legacy = "legacy-console";

    /// <summary>samples/MigratedClient's client id: authorization code + PKCE, device flow and refresh tokens, no password grant.</summary>
    public const string Migrated = "orders-console";

    public const string OrdersScope = "orders.read";

    /// <summary>
    /// The registered redirect URI. A native application's loopback redirect URI may use any port (RFC 8252 section
    /// 7.3), so clients listen on a free port of 127.0.0.1 with this path.
    /// </summary>
    public const string LoopbackRedirectUri = "http://127.0.0.1/callback/";

    public static IEnumerable<OpenIddictApplicationDescriptor> Descriptors()
    {
        yield return Client(Legacy, GrantTypes.Password, GrantTypes.AuthorizationCode, GrantTypes.DeviceCode, GrantTypes.RefreshToken);
        yield return Client(Migrated, GrantTypes.AuthorizationCode, GrantTypes.DeviceCode, GrantTypes.RefreshToken);
    }

    private static OpenIddictApplicationDescriptor Client(string clientId, params string[] grantTypes)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = clientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri(LoopbackRedirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.DeviceAuthorization,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + OrdersScope,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var grantType in grantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grantType);
        }

        return descriptor;
    }
}
