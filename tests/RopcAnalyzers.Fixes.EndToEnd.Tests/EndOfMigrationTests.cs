using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

/// <summary>The state a team reaches at the end: the server no longer allows the client the password grant; migrated code signs in, legacy code is refused.</summary>
public class EndOfMigrationTests
{
    [Fact]
    public async Task PasswordGrantDropped_MigratedCodeStillSignsIn_LegacyCodeIsRefused()
    {
        var migrated = await LegacySession.FixedAsync("IdentityModel", "ROPC001", new IdentityModelMigrationCodeFixProvider(), IdentityModelMigrationCodeFixProvider.AuthorizationCodeEquivalenceKey);
        var legacy = LegacySession.Unfixed();
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        await server.DisallowPasswordGrantAsync(TestClients.Legacy);
        Assert.False(await server.AllowsPasswordGrantAsync(TestClients.Legacy));

        var tokens = await AuthorizationCodeFixTests.SignInAsync(LegacySession.New(migrated, server, http), server);
        Assert.False(tokens.IsError, tokens.Error);
        Assert.Contains(LegacySession.SubjectOf(TestUsers.Default), await LegacySession.OrdersAsync(server, tokens.AccessToken), StringComparison.Ordinal);

        // The legacy session, and the password method the fix kept as [Obsolete] beside the new ones.
        foreach (var assembly in new[] { legacy, migrated })
        {
            var session = LegacySession.New(assembly, server, http, TestUsers.Default.Password);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Reflect.CallAsync<string>(session, "GetAsync", server.OrdersEndpoint.ToString()));
            Assert.Equal("Login failed: unauthorized_client", refused.Message);
        }

        Assert.Equal(
            [
                new TokenRequest(TestClients.Legacy, "authorization_code", null),
                new TokenRequest(TestClients.Legacy, "password", "unauthorized_client"),
                new TokenRequest(TestClients.Legacy, "password", "unauthorized_client"),
            ],
            server.TokenRequests.All);
    }
}
