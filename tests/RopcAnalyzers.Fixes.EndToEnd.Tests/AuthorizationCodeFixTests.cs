using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

/// <summary>
/// ROPC001's authorization code + PKCE fix, applied to samples/LegacyClient's session (IdentityModel, and the same
/// code on Duende.IdentityModel): the methods it writes sign the user in at the test server and get a token the API
/// accepts.
/// </summary>
public class AuthorizationCodeFixTests
{
    /// <summary>The fixed session's browser sign-in: authorize URL, the browser's redirect, code redemption.</summary>
    public static async Task<TokenResult> SignInAsync(object session, AuthorizationServer server)
    {
        var redirectUri = "http://127.0.0.1:53682/callback/";
        var items = Reflect.TupleItems(Reflect.Call(session, "CreateLogInAuthorizeUrl", server.AuthorizeEndpoint.ToString(), redirectUri)!);
        var (url, codeVerifier, state) = ((string)items[0]!, (string)items[1]!, (string)items[2]!);

        var redirect = await Browser.AuthorizeAsync(url, redirectUri);
        Assert.Equal(state, redirect["state"]);

        var response = await TokenResult.AwaitAsync(Reflect.Call(session, "RedeemLogInAuthorizationCodeAsync", redirect["code"], redirectUri, codeVerifier, CancellationToken.None));
        return TokenResult.From(response);
    }

    [Theory]
    [MemberData(nameof(LegacySession.Libraries), MemberType = typeof(LegacySession))]
    public async Task AuthorizationCodeFix_SignsInWithPkce_AndTheApiAcceptsTheToken(string library)
    {
        var assembly = await LegacySession.FixedAsync(library, "ROPC001", new IdentityModelMigrationCodeFixProvider(), IdentityModelMigrationCodeFixProvider.AuthorizationCodeEquivalenceKey);
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        var tokens = await SignInAsync(LegacySession.New(assembly, server, http), server);

        Assert.False(tokens.IsError, tokens.Error);
        Assert.Contains(LegacySession.SubjectOf(TestUsers.Default), await LegacySession.OrdersAsync(server, tokens.AccessToken), StringComparison.Ordinal);
        Assert.Equal([new TokenRequest(TestClients.Legacy, "authorization_code", null)], server.TokenRequests.All);
    }
}
