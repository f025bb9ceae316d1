using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

/// <summary>samples/MigratedClient's session signs in with the authorization code flow and PKCE (loopback redirect), then renews with the refresh token.</summary>
public class MigratedClientTests
{
    [Fact]
    public async Task MigratedClient_SignsInThroughItsLoopbackRedirect_ThenRenewsWithTheRefreshToken()
    {
        var assembly = CompiledCode.Compile("MigratedClient", Repository.SampleSource("MigratedClient", "ApiSession.cs"));
        await using var server = await TestServer.StartAsync(accessTokenLifetime: TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var session = Reflect.New(assembly, "MigratedClient.ApiSession", http, server.AuthorizeEndpoint.ToString(), server.TokenEndpoint.ToString());
        Task<string>? browser = null;
        Reflect.SetProperty(session, "OpenBrowser", new Action<string>(url => browser = Browser.OpenAsync(url)));

        var signIn = Reflect.Call(session, "CreateSignInRequest", new object?[] { null })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Reflect.CallAsync(session, "LogInAsync", signIn, timeout.Token);
        var orders = await Reflect.CallAsync<string>(session, "GetAsync", server.OrdersEndpoint.ToString());

        Assert.Equal("You are signed in. You can close this window.", await browser!);
        Assert.Contains(LegacySession.SubjectOf(TestUsers.Default), orders, StringComparison.Ordinal);
        Assert.Equal(
            [new TokenRequest(TestClients.Migrated, "authorization_code", null), new TokenRequest(TestClients.Migrated, "refresh_token", null)],
            server.TokenRequests.All);
    }
}
