using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Identity.Client;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCaptureCollection;

/// <summary>
/// ROPC001's MSAL and Azure.Identity fixes against the test server. MSAL accepts only HTTPS authorities, so the
/// server listens with a certificate made for the test; MSAL and Azure.Identity reach it as a Microsoft Entra ID
/// tenant (authority host + tenant, instance discovery off), because MSAL's generic OIDC authority has no device
/// code flow. The device-code fixes print the sign-in message to the console, where the test reads the user code.
/// </summary>
[Collection(nameof(ConsoleCapture))]
public class MicrosoftClientsFixTests
{
    private const string LegacyMsalLogin = """
        using Microsoft.Identity.Client;

        namespace LegacyMsalTool;

        /// <summary>Signs the user in to the orders API with the password they typed (ROPC).</summary>
        public static class OrdersLogin
        {
            private static readonly string[] Scopes = { "orders.read" };

            public static async Task<string> LogInAsync(IPublicClientApplication app, string userName, string password)
            {
                var result = await app.AcquireTokenByUsernamePassword(Scopes, userName, password).ExecuteAsync();
                return result.AccessToken;
            }
        }
        """;

    private const string LegacyAzureCredential = """
        using Azure.Core;
        using Azure.Core.Pipeline;
        using Azure.Identity;

        namespace LegacyAzureTool;

        /// <summary>The orders tool's credential: the user's name and password (ROPC), for the configured cloud and proxy.</summary>
        public static class OrdersCredential
        {
            public static TokenCredential Create(string userName, string password, Uri authorityHost, HttpPipelineTransport transport)
                => new UsernamePasswordCredential(userName, password, "test-tenant", "legacy-console", new UsernamePasswordCredentialOptions
                {
                    AuthorityHost = authorityHost,
                    DisableInstanceDiscovery = true,
                    Transport = transport,
                });
        }
        """;

    private static Task<AuthorizationServer> StartHttpsServerAsync()
        => AuthorizationServer.StartAsync(new AuthorizationServerOptions
        {
            Url = "https://127.0.0.1:0",
            HttpsCertificate = LoopbackCertificate.Certificate,
            DevicePollingInterval = TimeSpan.FromSeconds(1),
        });

    private static IPublicClientApplication EntraStyleApplication(AuthorizationServer server)
        => PublicClientApplicationBuilder.Create(TestClients.Legacy)
            .WithAuthority(new Uri(server.BaseUri, AuthorizationServer.EntraStyleTenant + "/").ToString())
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new TrustingHttpClientFactory())
            .Build();

    /// <summary>Runs a device-code sign-in: reads the user code the fixed code prints, approves it at the verification endpoint.</summary>
    private static async Task<string> SignInWithDeviceCodeAsync(AuthorizationServer server, Func<CancellationToken, Task<string>> signIn)
    {
        using var console = new ConsoleCapture();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var accessToken = signIn(timeout.Token);
        var userCode = await console.UserCode.WaitAsync(timeout.Token);
        using var http = LoopbackCertificate.CreateTrustingClient(followRedirects: false);
        using var approval = await http.PostAsync(server.VerificationEndpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = userCode }));
        Assert.Equal(System.Net.HttpStatusCode.Found, approval.StatusCode);
        return await accessToken;
    }

    private static async Task AssertOrdersAcceptAsync(AuthorizationServer server, string accessToken)
        => Assert.Contains(
            LegacySession.SubjectOf(TestUsers.Default),
            await LegacySession.OrdersAsync(server, accessToken, LoopbackCertificate.CreateTrustingClient()),
            StringComparison.Ordinal);

    [Fact]
    public async Task Msal_DeviceCodeFix_SignsInAtTheServer()
    {
        var run = await CodeFixRun.ApplyAsync("LegacyMsalTool", LegacyMsalLogin, "ROPC001", new MsalMigrationCodeFixProvider(), MsalMigrationCodeFixProvider.DeviceCodeEquivalenceKey, "OrdersLogin.cs");
        var login = Reflect.Type(CompiledCode.Load(run.Compilation), "LegacyMsalTool.OrdersLogin").GetMethod("LogInAsync")!;
        await using var server = await StartHttpsServerAsync();

        var accessToken = await SignInWithDeviceCodeAsync(server, _ => (Task<string>)login.Invoke(null, [EntraStyleApplication(server), TestUsers.Default.UserName, "unused"])!);

        await AssertOrdersAcceptAsync(server, accessToken);
        Assert.Equal([new TokenRequest(TestClients.Legacy, "urn:ietf:params:oauth:grant-type:device_code", null)], server.TokenRequests.All.Where(r => r.Error is null));
    }

    [Fact]
    public async Task AzureIdentity_DeviceCodeFix_SignsInAtTheServer()
    {
        var run = await CodeFixRun.ApplyAsync("LegacyAzureTool", LegacyAzureCredential, "ROPC001", new AzureIdentityMigrationCodeFixProvider(), AzureIdentityMigrationCodeFixProvider.DeviceCodeEquivalenceKey, "OrdersCredential.cs");
        var create = Reflect.Type(CompiledCode.Load(run.Compilation), "LegacyAzureTool.OrdersCredential").GetMethod("Create")!;
        await using var server = await StartHttpsServerAsync();
        var transport = new HttpClientTransport(LoopbackCertificate.CreateTrustingClient(followRedirects: false));
        var credential = (TokenCredential)create.Invoke(null, [TestUsers.Default.UserName, "unused", server.BaseUri, transport])!;

        var accessToken = await SignInWithDeviceCodeAsync(server, async cancellationToken => (await credential.GetTokenAsync(new TokenRequestContext(["orders.read"]), cancellationToken)).Token);

        await AssertOrdersAcceptAsync(server, accessToken);
        Assert.Equal([new TokenRequest(TestClients.Legacy, "urn:ietf:params:oauth:grant-type:device_code", null)], server.TokenRequests.All.Where(r => r.Error is null));
    }

    /// <summary>
    /// Fails today, before any request reaches the server: see the skip reason. Kept so that the lead can run it
    /// (remove Skip) once the interactive fix configures a loopback redirect URI; MSAL then opens the system browser
    /// itself, which this test would also have to stand in for.
    /// </summary>
    [Fact(Skip = "MsalMigrationCodeFixProvider (Interactive) rewrites app.AcquireTokenByUsernamePassword(Scopes, userName, password) "
        + "to app.AcquireTokenInteractive(Scopes).WithLoginHint(userName), but leaves the application as the legacy code built it, "
        + "without a redirect URI (the password grant needs none). On .NET, MSAL 4.92.0 then throws MsalClientException "
        + "'Only loopback redirect uri is supported, but urn:ietf:wg:oauth:2.0:oob was found. Configure http://localhost or "
        + "http://localhost:port both during app registration and when you create the PublicClientApplication object.' "
        + "before sending anything: the fixed code cannot sign in, against this server or Microsoft Entra ID.")]
    public async Task Msal_InteractiveFix_SignsInAtTheServer()
    {
        var run = await CodeFixRun.ApplyAsync("LegacyMsalTool", LegacyMsalLogin, "ROPC001", new MsalMigrationCodeFixProvider(), MsalMigrationCodeFixProvider.InteractiveEquivalenceKey, "OrdersLogin.cs");
        var login = Reflect.Type(CompiledCode.Load(run.Compilation), "LegacyMsalTool.OrdersLogin").GetMethod("LogInAsync")!;
        await using var server = await StartHttpsServerAsync();

        var accessToken = await (Task<string>)login.Invoke(null, [EntraStyleApplication(server), TestUsers.Default.UserName, "unused"])!;

        await AssertOrdersAcceptAsync(server, accessToken);
    }

    private sealed class TrustingHttpClientFactory : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => LoopbackCertificate.CreateTrustingClient(followRedirects: false);
    }
}
