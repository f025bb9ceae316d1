using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

/// <summary>
/// ROPC002's single-exchange fix, applied to samples/LegacyClient's session: the password logs in once and is
/// cleared; every later login renews with the refresh token, which keeps working after the server stops accepting
/// the password grant.
/// </summary>
public class SingleExchangeFixTests
{
    [Theory]
    [MemberData(nameof(LegacySession.Libraries), MemberType = typeof(LegacySession))]
    public async Task SingleExchangeFix_LogsInWithThePasswordOnce_ThenRenewsWithTheRefreshToken(string library)
    {
        var run = await CodeFixRun.ApplyAsync("LegacyClient.SingleExchange", LegacySession.Source(library), "ROPC002", new SingleExchangeCodeFixProvider(), SingleExchangeCodeFixProvider.EquivalenceKey);
        Assert.DoesNotContain(run.RemainingDiagnostics, diagnostic => diagnostic.Id == "ROPC002");
        // 30-second access tokens: the session's 30-second margin makes every call renew.
        await using var server = await TestServer.StartAsync(accessTokenLifetime: TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var session = LegacySession.New(CompiledCode.Load(run.Compilation), server, http, TestUsers.Default.Password);

        var first = await Reflect.CallAsync<string>(session, "GetAsync", server.OrdersEndpoint.ToString());
        Assert.Equal(string.Empty, Reflect.Field<string>(session, "password"));
        await server.DisallowPasswordGrantAsync(TestClients.Legacy);
        var renewed = await Reflect.CallAsync<string>(session, "GetAsync", server.OrdersEndpoint.ToString());
        var renewedAgain = await Reflect.CallAsync<string>(session, "GetAsync", server.OrdersEndpoint.ToString());

        Assert.All([first, renewed, renewedAgain], orders => Assert.Contains(LegacySession.SubjectOf(TestUsers.Default), orders, StringComparison.Ordinal));
        Assert.Equal(
            [
                new TokenRequest(TestClients.Legacy, "password", null),
                new TokenRequest(TestClients.Legacy, "refresh_token", null),
                new TokenRequest(TestClients.Legacy, "refresh_token", null),
            ],
            server.TokenRequests.All);
    }
}
