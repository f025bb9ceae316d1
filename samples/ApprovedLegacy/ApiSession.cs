using System.Net.Http.Headers;
using IdentityModel.Client;
using RopcAnalyzers;

namespace ApprovedLegacy;

/// <summary>
/// LegacyClient's session, made acceptable while the migration is pending: the password grant is approved on the one
/// method that sends it, the password is exchanged once and never kept, and the session renews its tokens with the
/// refresh token instead of logging in again.
/// </summary>
public sealed class ApiSession
{
    private readonly HttpClient http;
    private readonly string tokenEndpoint;
    private string? accessToken;
    private string? refreshToken;
    private DateTimeOffset expiresAt;

    public ApiSession(HttpClient http, string tokenEndpoint)
    {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
    }

    /// <summary>Exchanges the user's password for tokens, once. The caller does not keep the password either.</summary>
    [TrustedLegacyRopc(
        "The orders back office's identity provider (on-premises AD FS) offers this console no browser or device flow; MigratedClient replaces it once the IdP upgrade ships",
        Owner = "team-orders",
        Expires = "2028-06-30")]
    public async Task LogInAsync(string userName, string password)
    {
        var response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = tokenEndpoint,
            ClientId = "legacy-console",
            Scope = "orders.read offline_access",
            UserName = userName,
            Password = password,
        });

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
            throw new InvalidOperationException("The session has expired and has no refresh token: log in again.");
        }

        var response = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = tokenEndpoint,
            ClientId = "legacy-console",
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
}
