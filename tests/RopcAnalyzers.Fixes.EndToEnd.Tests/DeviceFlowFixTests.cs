using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;
using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests;

/// <summary>
/// ROPC001's device authorization fix, applied to samples/LegacyClient's session: the polling loop it writes waits
/// through authorization_pending and slow_down while the user approves the code at the server's verification
/// endpoint, then gets a token the API accepts.
/// </summary>
public class DeviceFlowFixTests
{
    [Theory]
    [MemberData(nameof(LegacySession.Libraries), MemberType = typeof(LegacySession))]
    public async Task DeviceFlowFix_PollsThroughPendingAndSlowDown_UntilTheUserApproves(string library)
    {
        var assembly = await LegacySession.FixedAsync(library, "ROPC001", new IdentityModelMigrationCodeFixProvider(), IdentityModelMigrationCodeFixProvider.DeviceFlowEquivalenceKey);
        // Interval 1 s; the second poll is answered slow_down (a busy server), so the third must come 1 + 5 s later.
        await using var server = await TestServer.StartAsync(devicePollingInterval: TimeSpan.FromSeconds(1), slowDownPolls: 2);
        using var http = new HttpClient();
        var session = LegacySession.New(assembly, server, http);
        var slowedDown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.DevicePolls.Answered += polls => { if (polls.Any(poll => poll.Outcome == "slow_down")) { slowedDown.TrySetResult(); } };

        var authorization = await TokenResult.AwaitAsync(Reflect.Call(session, "RequestLogInDeviceAuthorizationAsync", server.DeviceAuthorizationEndpoint.ToString(), CancellationToken.None));
        Assert.False(TokenResult.Get<bool>(authorization, "IsError"), TokenResult.Get<string>(authorization, "Error"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var polling = TokenResult.AwaitAsync(Reflect.Call(session, "PollLogInDeviceTokenAsync", authorization, timeout.Token));

        await slowedDown.Task.WaitAsync(timeout.Token);
        await Browser.ApproveUserCodeAsync(server.VerificationEndpoint, TokenResult.Get<string>(authorization, "UserCode")!);
        var tokens = TokenResult.From(await polling);

        Assert.False(tokens.IsError, tokens.Error);
        Assert.Contains(LegacySession.SubjectOf(TestUsers.Default), await LegacySession.OrdersAsync(server, tokens.AccessToken), StringComparison.Ordinal);
        var polls = Assert.Single(server.DevicePolls.All);
        // Pending, slow_down, then pending until the approval lands (none unless the machine is very slow), then tokens.
        Assert.Equal(["authorization_pending", "slow_down"], polls.Take(2).Select(poll => poll.Outcome));
        Assert.All(polls.Skip(2).SkipLast(1), poll => Assert.Equal("authorization_pending", poll.Outcome));
        Assert.Equal(DevicePolls.Success, polls[^1].Outcome);
        Assert.True(polls[2].At - polls[1].At >= TimeSpan.FromSeconds(6) - TimeSpan.FromMilliseconds(50), $"The poll after slow_down came {(polls[2].At - polls[1].At).TotalSeconds:0.00} s later; slow_down asks for 5 s more than the 1 s interval.");
    }
}
