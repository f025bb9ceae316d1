using System.Net.Http.Headers;
using IdentityModel.Client;

namespace LegacyClient;

/// <summary>Calls the API with a bearer token and silently logs in again with the stored password when it expires.</summary>
public sealed class ApiSession
{
    private readonly HttpClient http;
    private readonly string tokenEndpoint;
    private readonly string userName;
    private readonly string password;
    private string? accessToken;
    private DateTimeOffset expiresAt;

    public ApiSession(HttpClient http, string tokenEndpoint, string userName, string password)
    {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.userName = userName;
        this.password = password;
    }

    public async Task<string> GetAsync(string url)
    {
        if (accessToken is null || DateTimeOffset.UtcNow >= expiresAt)
        {
            await LogInAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task LogInAsync()
    {
        var response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = tokenEndpoint,
            ClientId = "legacy-console",
            Scope = "orders.read offline_access",
            UserName = userName,
            Password = password,
        });

        if (response.IsError)
        {
            throw new InvalidOperationException($"Login failed: {response.Error}");
        }

        accessToken = response.AccessToken;
        expiresAt = DateTimeOffset.UtcNow.AddSeconds(response.ExpiresIn - 30);
    }
}
