using System.Net;
using System.Web;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Plays the user's browser against the test server, which signs its test user in without a page: the authorization
/// request ends in a redirect to the client's loopback redirect URI, with the code.
/// </summary>
public static class Browser
{
    /// <summary>Follows the authorization URL up to the redirect to <paramref name="redirectUri"/> (not followed) and returns that redirect's query.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> AuthorizeAsync(string authorizeUrl, string redirectUri)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var response = await http.GetAsync(authorizeUrl);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"The authorization endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!;
        Assert.StartsWith(redirectUri + "?", location.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(location.Query);
        return query.AllKeys.ToDictionary(key => key!, key => query[key]!);
    }

    /// <summary>Opens the URL as a browser does: follows every redirect, to the client's loopback listener at the end.</summary>
    public static async Task<string> OpenAsync(string url)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The user types the code shown by the device at the server's verification endpoint, and is signed in.</summary>
    public static async Task ApproveUserCodeAsync(Uri verificationEndpoint, string userCode)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var response = await http.PostAsync(verificationEndpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = userCode }));
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"The verification endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
