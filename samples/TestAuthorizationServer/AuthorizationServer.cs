using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TestAuthorizationServer;

/// <summary>
/// An OpenID Connect server on a loopback port: OpenIddict's ASP.NET Core server with Entity Framework Core's
/// in-memory store, the <see cref="TestClients"/>, the <see cref="TestUsers"/>, and an orders API that requires its
/// access tokens. The authorization and end-user verification endpoints sign the user in without a page, so that a
/// test (or a sample run by hand) plays the browser with plain HTTP requests.
/// </summary>
public sealed class AuthorizationServer : IAsyncDisposable
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string DeviceAuthorizationPath = "/connect/device";
    public const string VerificationPath = "/connect/verify";
    public const string OrdersPath = "/api/orders";

    /// <summary>
    /// The tenant of the Microsoft Entra ID-style aliases of the endpoints ({tenant}/oauth2/v2.0/authorize, token,
    /// devicecode), which MSAL and Azure.Identity build from an authority host and a tenant id.
    /// </summary>
    public const string EntraStyleTenant = "test-tenant";

    private const string EntraStyleAuthorizePath = "/" + EntraStyleTenant + "/oauth2/v2.0/authorize";
    private const string EntraStyleTokenPath = "/" + EntraStyleTenant + "/oauth2/v2.0/token";
    private const string EntraStyleDeviceCodePath = "/" + EntraStyleTenant + "/oauth2/v2.0/devicecode";

    // Keys made once per process: RSA key generation is the slowest part of a server's first token otherwise.
    // They live in memory only, like OpenIddict's ephemeral keys.
    private static readonly Lazy<SecurityKey> SigningKey = new(() => new RsaSecurityKey(RSA.Create(2048)));
    private static readonly Lazy<SecurityKey> EncryptionKey = new(() => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));

    private readonly WebApplication app;

    private AuthorizationServer(WebApplication app, Uri baseUri, DevicePolls devicePolls, TokenRequests tokenRequests)
    {
        this.app = app;
        BaseUri = baseUri;
        DevicePolls = devicePolls;
        TokenRequests = tokenRequests;
    }

    /// <summary>The server's address, e.g. http://127.0.0.1:41234/ (the issuer).</summary>
    public Uri BaseUri { get; }

    public Uri AuthorizeEndpoint => new(BaseUri, AuthorizePath);

    public Uri TokenEndpoint => new(BaseUri, TokenPath);

    public Uri DeviceAuthorizationEndpoint => new(BaseUri, DeviceAuthorizationPath);

    public Uri VerificationEndpoint => new(BaseUri, VerificationPath);

    public Uri OrdersEndpoint => new(BaseUri, OrdersPath);

    public DevicePolls DevicePolls { get; }

    /// <summary>Every request to the token endpoint, with its grant type and the error it got, if any.</summary>
    public TokenRequests TokenRequests { get; }

    /// <summary>Cancelled when the host stops (Ctrl+C or SIGTERM).</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    public static async Task<AuthorizationServer> StartAsync(AuthorizationServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AuthorizationServerOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(AuthorizationServer).Assembly.GetName().Name });
        if (options.HttpsCertificate is { } certificate)
        {
            var listen = new Uri(options.Url);
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(listen.Host), listen.Port, endpoint => endpoint.UseHttps(certificate)));
        }
        else
        {
            builder.WebHost.UseUrls(options.Url);
        }

        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }

        var devicePolls = new DevicePolls(options, TimeProvider.System);
        var tokenRequests = new TokenRequests();
        ConfigureServices(builder.Services, options, devicePolls, tokenRequests);

        var app = builder.Build();
        MapEndpoints(app);
        await app.StartAsync(cancellationToken);
        await SeedAsync(app.Services, cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AuthorizationServer(app, new Uri(address.TrimEnd('/') + "/"), devicePolls, tokenRequests);
    }

    /// <summary>The end of a migration: the client may no longer use the password grant.</summary>
    public Task DisallowPasswordGrantAsync(string clientId, CancellationToken cancellationToken = default)
        => UpdatePermissionsAsync(clientId, permissions => permissions.Remove(Permissions.GrantTypes.Password), cancellationToken);

    public Task<bool> AllowsPasswordGrantAsync(string clientId, CancellationToken cancellationToken = default)
        => WithApplicationManagerAsync(async manager =>
            await manager.FindByClientIdAsync(clientId, cancellationToken) is { } application
            && await manager.HasPermissionAsync(application, Permissions.GrantTypes.Password, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task UpdatePermissionsAsync(string clientId, Action<HashSet<string>> change, CancellationToken cancellationToken)
        => await WithApplicationManagerAsync(async manager =>
        {
            var application = await manager.FindByClientIdAsync(clientId, cancellationToken)
                ?? throw new InvalidOperationException($"No client '{clientId}'.");
            var descriptor = new OpenIddictApplicationDescriptor();
            await manager.PopulateAsync(descriptor, application, cancellationToken);
            change(descriptor.Permissions);
            await manager.UpdateAsync(application, descriptor, cancellationToken);
            return true;
        });

    private async Task<T> WithApplicationManagerAsync<T>(Func<IOpenIddictApplicationManager, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>());
    }

    private static void ConfigureServices(IServiceCollection services, AuthorizationServerOptions options, DevicePolls devicePolls, TokenRequests tokenRequests)
    {
        // OpenIddict has no store of its own: its Entity Framework Core stores over the in-memory provider keep the
        // clients, scopes, authorizations and tokens (codes are one-time tokens, so a reused code is refused).
        var databaseName = "openiddict-" + Guid.NewGuid().ToString("N");
        services.AddDbContext<AuthorizationDbContext>(db => db.UseInMemoryDatabase(databaseName).UseOpenIddict());
        services.AddAuthorization();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthorizationDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'), EntraStyleAuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenPath.TrimStart('/'), EntraStyleTokenPath.TrimStart('/'))
                    .SetDeviceAuthorizationEndpointUris(DeviceAuthorizationPath.TrimStart('/'), EntraStyleDeviceCodePath.TrimStart('/'))
                    .SetEndUserVerificationEndpointUris(VerificationPath.TrimStart('/'));

                server.AllowPasswordFlow()
                    .AllowAuthorizationCodeFlow()
                    .AllowDeviceAuthorizationFlow()
                    .AllowRefreshTokenFlow()
                    .RequireProofKeyForCodeExchange();
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);

                // S256 only: a "plain" code challenge is the verifier itself and protects nothing.
                server.Configure(settings => settings.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, TestClients.OrdersScope);
                server.AddEncryptionKey(EncryptionKey.Value).AddSigningKey(SigningKey.Value).DisableAccessTokenEncryption();

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough()
                    .DisableTransportSecurityRequirement();

                DeviceFlowPolicy.Register(server, options, devicePolls);
                tokenRequests.Register(server);
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });
    }

    private static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = TestClients.OrdersScope, DisplayName = "Read your orders" }, cancellationToken);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var descriptor in TestClients.Descriptors())
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], (Delegate)Authorize);
        app.MapMethods(EntraStyleAuthorizePath, [HttpMethods.Get, HttpMethods.Post], (Delegate)Authorize);
        app.MapPost(TokenPath, (Delegate)Exchange);
        app.MapPost(EntraStyleTokenPath, (Delegate)Exchange);
        app.MapMethods(VerificationPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)Verify);
        app.MapGet(OrdersPath, (Delegate)Orders)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        app.MapGet("/", () => Results.Text(
            $"Test authorization server. Users: {string.Join(", ", TestUsers.All.Select(user => $"{user.UserName}/{user.Password}"))}. " +
            $"Clients: {TestClients.Legacy}, {TestClients.Migrated}. Discovery: /.well-known/openid-configuration"));
    }

    /// <summary>Signs in the user named by login_hint, else the default test user: no login page.</summary>
    private static IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var user = TestUsers.Find(request.LoginHint) ?? TestUsers.Default;
        return SignIn(user, request.GetScopes());
    }

    private static async Task<IResult> Exchange(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsPasswordGrantType())
        {
            return TestUsers.Authenticate(request.Username, request.Password) is { } user
                ? SignIn(user, request.GetScopes())
                : Refuse(Errors.InvalidGrant, "The user name or password is wrong.");
        }

        // Authorization code, device code and refresh token: OpenIddict has validated the grant; issue new tokens
        // for the same user and scopes.
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = result.Principal?.GetClaim(Claims.Subject);
        return TestUsers.All.FirstOrDefault(candidate => candidate.Subject == subject) is { } owner
            ? SignIn(owner, result.Principal!.GetScopes())
            : Refuse(Errors.InvalidGrant, "The grant is no longer valid.");
    }

    /// <summary>
    /// The end-user verification endpoint of the device flow: given a valid user_code, signs in the user named by
    /// login_hint (else the default test user), which approves the device; the device's next poll gets the tokens.
    /// </summary>
    private static async Task<IResult> Verify(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.GetClaim(Claims.ClientId) is null)
        {
            return Results.BadRequest(new { error = Errors.InvalidToken, error_description = "The user code is missing, wrong or expired." });
        }

        var user = TestUsers.Find(request.LoginHint) ?? TestUsers.Default;
        return SignIn(user, result.Principal.GetScopes(), new AuthenticationProperties { RedirectUri = "/" });
    }

    private static IResult Orders(ClaimsPrincipal user)
    {
        var subject = user.FindFirst(Claims.Subject)?.Value;
        return Results.Json(new { subject, orders = new[] { new { id = 1, item = "Keyboard" }, new { id = 2, item = "Monitor" } } });
    }

    private static IResult SignIn(TestUser user, IEnumerable<string> scopes, AuthenticationProperties? properties = null)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.UserName);
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description)
        => Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

/// <summary>The Entity Framework Core context of OpenIddict's entities (in memory).</summary>
public sealed class AuthorizationDbContext(DbContextOptions<AuthorizationDbContext> options) : DbContext(options);
