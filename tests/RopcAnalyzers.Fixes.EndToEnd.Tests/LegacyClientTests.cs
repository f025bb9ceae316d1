using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

/// <summary>The legacy state works: samples/LegacyClient's session logs in with the password grant and calls the API.</summary>
public class LegacyClientTests
{
    private static object NewSession(AuthorizationServer server, HttpClient http, string password)
        => Reflect.New(
            CompiledCode.Compile("LegacyClient", Repository.SampleSource("LegacyClient", "ApiSession.cs")),
            "LegacyClient.ApiSession",
            http, server.TokenEndpoint.ToString(), TestUsers.Default.UserName, password);

    [Fact]
    public async Task LegacyClient_ObtainsATokenWithThePasswordGrant_AndTheApiAcceptsIt()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var session = NewSession(server, http, TestUsers.Default.Password);

        var orders = await Reflect.CallAsync<string>(session, "GetAsync", server.OrdersEndpoint.ToString());

        Assert.Contains($"\"subject\":\"{TestUsers.Default.Subject}\"", orders, StringComparison.Ordinal);
        Assert.Equal([new TokenRequest(TestClients.Legacy, "password", null)], server.TokenRequests.All);
    }

    [Fact]
    public async Task LegacyClient_WrongPassword_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var session = NewSession(server, http, "not-" + TestUsers.Default.Password);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Reflect.CallAsync<string>(session, "GetAsync", server.OrdersEndpoint.ToString()));

        Assert.Equal("Login failed: invalid_grant", failure.Message);
    }
}
