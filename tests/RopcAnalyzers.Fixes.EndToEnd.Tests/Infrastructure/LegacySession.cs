using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.CodeAnalysis.CodeFixes;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>samples/LegacyClient's ApiSession, for IdentityModel or (its successor) Duende.IdentityModel, before and after a fix.</summary>
public static class LegacySession
{
    public const string TypeName = "LegacyClient.ApiSession";

    public static TheoryData<string> Libraries() => new() { "IdentityModel", "Duende.IdentityModel" };

    public static string Source(string library)
    {
        var source = Repository.SampleSource("LegacyClient", "ApiSession.cs");
        Assert.Contains("using IdentityModel.Client;", source, StringComparison.Ordinal);
        return source.Replace("using IdentityModel.Client;", $"using {library}.Client;", StringComparison.Ordinal);
    }

    public static async Task<Assembly> FixedAsync(string library, string diagnosticId, CodeFixProvider provider, string equivalenceKey)
    {
        var run = await CodeFixRun.ApplyAsync("LegacyClient.Fixed." + library.Replace(".", string.Empty, StringComparison.Ordinal), Source(library), diagnosticId, provider, equivalenceKey);
        return CompiledCode.Load(run.Compilation);
    }

    public static Assembly Unfixed() => CompiledCode.Compile("LegacyClient", Source("IdentityModel"));

    /// <summary>A session for the test user; the password is the one the legacy code keeps (migrated code ignores it).</summary>
    public static object New(Assembly assembly, AuthorizationServer server, HttpClient http, string password = "")
        => Reflect.New(assembly, TypeName, http, server.TokenEndpoint.ToString(), TestUsers.Default.UserName, password);

    /// <summary>Calls the server's orders API with the access token and returns its answer (it checks the token).</summary>
    public static async Task<string> OrdersAsync(AuthorizationServer server, string? accessToken, HttpClient? client = null)
    {
        using var http = client ?? new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.OrdersEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"The orders API answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    public static string SubjectOf(TestUser user) => $"\"subject\":\"{user.Subject}\"";
}
