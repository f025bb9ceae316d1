using System.Net;
using System.Security.Cryptography;
using System.Text;
using IdentityModel;
using IdentityModel.Client;
using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

/// <summary>The test server refuses what a real one refuses, so that a fix that gets these wrong fails its test.</summary>
public class ServerRejectionTests
{
    private const string RedirectUri = "http://127.0.0.1:49152/callback/";

    private static async Task<(string Code, string Verifier)> AuthorizeAsync(AuthorizationServer server)
    {
        var verifier = CryptoRandom.CreateUniqueId(32);
        var challenge = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var url = new RequestUrl(server.AuthorizeEndpoint.ToString()).CreateAuthorizeUrl(
            clientId: TestClients.Legacy,
            responseType: OidcConstants.ResponseTypes.Code,
            scope: "orders.read",
            redirectUri: RedirectUri,
            state: "state-1",
            codeChallenge: challenge,
            codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
        var redirect = await Browser.AuthorizeAsync(url, RedirectUri);
        Assert.Equal("state-1", redirect["state"]);
        return (redirect["code"], verifier);
    }

    private static Task<TokenResponse> RedeemAsync(HttpClient http, AuthorizationServer server, string code, string? verifier)
        => http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = server.TokenEndpoint.ToString(),
            ClientId = TestClients.Legacy,
            Code = code,
            RedirectUri = RedirectUri,
            CodeVerifier = verifier,
        });

    [Fact]
    public async Task Code_RedeemedWithItsVerifier_OnceOnly()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var (code, verifier) = await AuthorizeAsync(server);

        var first = await RedeemAsync(http, server, code, verifier);
        var reused = await RedeemAsync(http, server, code, verifier);

        Assert.False(first.IsError, first.Error);
        Assert.NotEmpty(first.AccessToken!);
        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, reused.Error);
    }

    [Fact]
    public async Task Code_WithAWrongVerifier_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var (code, verifier) = await AuthorizeAsync(server);

        var response = await RedeemAsync(http, server, code, verifier + "x");

        Assert.Equal(OidcConstants.TokenErrors.InvalidGrant, response.Error);
    }

    [Fact]
    public async Task Code_WithoutAVerifier_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var (code, _) = await AuthorizeAsync(server);

        var response = await RedeemAsync(http, server, code, verifier: null);

        Assert.Equal(OidcConstants.TokenErrors.InvalidRequest, response.Error);
    }

    [Theory]
    [InlineData("&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=plain")]
    [InlineData("")]
    public async Task AuthorizationRequest_WithoutAnS256Challenge_IsRefused(string challenge)
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync($"{server.AuthorizeEndpoint}?client_id={TestClients.Legacy}&response_type=code&scope=orders.read&redirect_uri={Uri.EscapeDataString(RedirectUri)}{challenge}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error:invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordGrant_ForAClientNotAllowedIt_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        var response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = server.TokenEndpoint.ToString(),
            ClientId = TestClients.Migrated,
            Scope = "orders.read",
            UserName = TestUsers.Default.UserName,
            Password = TestUsers.Default.Password,
        });

        Assert.Equal(OidcConstants.TokenErrors.UnauthorizedClient, response.Error);
    }
}
