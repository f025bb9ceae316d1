using TestAuthorizationServer;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>A fresh authorization server for one test, on a free port of 127.0.0.1.</summary>
public static class TestServer
{
    public static Task<AuthorizationServer> StartAsync(TimeSpan? accessTokenLifetime = null, TimeSpan? devicePollingInterval = null, params int[] slowDownPolls)
        => AuthorizationServer.StartAsync(new AuthorizationServerOptions
        {
            Url = "http://127.0.0.1:0",
            AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromHours(1),
            DevicePollingInterval = devicePollingInterval ?? TimeSpan.FromSeconds(1),
            SlowDownPolls = slowDownPolls.ToHashSet(),
        });
}
