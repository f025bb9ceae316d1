using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using IdentityModel;
using IdentityModel.Client;

namespace MigratedClient;

/// <summary>
/// LegacyClient's session after the migration: the user signs in in the browser (authorization code + PKCE, with a
/// loopback redirect as RFC 8252 describes for native apps), the application never sees the password, and the
/// session renews its tokens with the refresh token.
/// </summary>
public sealed class ApiSession
{
    private const string ClientId = "orders-console";
    private const string Scope = "openid orders.read offline_access";

    private readonly HttpClient http;
    private readonly string authorizeEndpoint;
    private readonly string tokenEndpoint;
    private string? accessToken;
    private string? refreshToken;
    private DateTimeOffset expiresAt;

    public ApiSession(HttpClient http, string authorizeEndpoint, string tokenEndpoint)
    {
        this.http = http;
        this.authorizeEndpoint = authorizeEndpoint;
        this.tokenEndpoint = tokenEndpoint;
    }

    /// <summary>Opens the authorization URL in the user's browser; a test plays the browser by replacing it.</summary>
    public Action<string> OpenBrowser { get; init; } = url => Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });

    /// <summary>The authorization request: where to send the browser, and what to keep until it comes back.</summary>
    public SignInRequest CreateSignInRequest(string? loginHint = null)
    {
        var codeVerifier = CryptoRandom.CreateUniqueId(32);
        var codeChallenge = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
        var state = CryptoRandom.CreateUniqueId(16);
        var redirectUri = $"http://127.0.0.1:{FreeLoopbackPort()}/callback/";
        var url = new RequestUrl(authorizeEndpoint).CreateAuthorizeUrl(
            clientId: ClientId,
            responseType: OidcConstants.ResponseTypes.Code,
            scope: Scope,
            redirectUri: redirectUri,
            state: state,
            loginHint: loginHint,
            codeChallenge: codeChallenge,
            codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
        return new SignInRequest(url, redirectUri, state, codeVerifier);
    }

    /// <summary>Opens the browser, waits for the redirect and exchanges the code (with the PKCE verifier) for tokens.</summary>
    public async Task LogInAsync(SignInRequest signIn, CancellationToken cancellationToken = default)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add(signIn.RedirectUri);
        listener.Start();
        OpenBrowser(signIn.Url);

        var context = await listener.GetContextAsync().WaitAsync(cancellationToken);
        var code = context.Request.QueryString["code"];
        var state = context.Request.QueryString["state"];
        await RespondAsync(context.Response, "You are signed in. You can close this window.");
        if (code is null || state != signIn.State)
        {
            throw new InvalidOperationException($"Sign-in failed: {context.Request.QueryString["error"] ?? "the response did not match the request"}");
        }

        var response = await http.RequestAuthorizationCodeTokenAsync(
            new AuthorizationCodeTokenRequest
            {
                Address = tokenEndpoint,
                ClientId = ClientId,
                Code = code,
                RedirectUri = signIn.RedirectUri,
                CodeVerifier = signIn.CodeVerifier,
            },
            cancellationToken);
        Accept(response);
    }

    public async Task<string> GetAsync(string url)
    {
        if (accessToken is null)
        {
            throw new InvalidOperationException("Log in first.");
        }

        if (DateTimeOffset.UtcNow >= expiresAt)
        {
            await RefreshAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task RefreshAsync()
    {
        if (refreshToken is null)
        {
            throw new InvalidOperationException("The session has expired and has no refresh token: sign in again.");
        }

        var response = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = tokenEndpoint,
            ClientId = ClientId,
            RefreshToken = refreshToken,
        });
        Accept(response);
    }

    private void Accept(TokenResponse response)
    {
        if (response.IsError)
        {
            throw new InvalidOperationException($"Token request failed: {response.Error}");
        }

        accessToken = response.AccessToken;
        refreshToken = response.RefreshToken ?? refreshToken;
        expiresAt = DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn - 30);
    }

    private static async Task RespondAsync(HttpListenerResponse response, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>An authorization request in flight: the browser URL, and the state and PKCE verifier to check and send back.</summary>
public sealed record SignInRequest(string Url, string RedirectUri, string State, string CodeVerifier);
