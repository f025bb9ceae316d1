using System.Collections.Concurrent;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace TestAuthorizationServer;

/// <summary>A request to the token endpoint: who asked, with which grant, and the error it got (null: tokens issued).</summary>
public sealed record TokenRequest(string? ClientId, string? GrantType, string? Error);

/// <summary>The token endpoint's requests, in the order they were answered.</summary>
public sealed class TokenRequests
{
    private readonly ConcurrentQueue<TokenRequest> requests = new();

    public IReadOnlyList<TokenRequest> All => [.. requests];

    internal void Register(OpenIddictServerBuilder server)
        => server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
            .UseInlineHandler(context =>
            {
                requests.Enqueue(new TokenRequest(
                    context.Request?.ClientId,
                    context.Request?.GrantType,
                    string.IsNullOrEmpty(context.Response.Error) ? null : context.Response.Error));
                return default;
            })
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));
}
