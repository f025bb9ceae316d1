using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace TestAuthorizationServer;

/// <summary>
/// The polling rules of the device flow that OpenIddict leaves to the server: the interval the device authorization
/// response asks for, slow_down for polls that come too soon (or that <see cref="AuthorizationServerOptions.SlowDownPolls"/>
/// names), and a record of every poll and its answer (<see cref="DevicePolls"/>).
/// </summary>
internal static class DeviceFlowPolicy
{
    public static void Register(OpenIddictServerBuilder server, AuthorizationServerOptions options, DevicePolls polls)
    {
        server.AddEventHandler<ApplyDeviceAuthorizationResponseContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (string.IsNullOrEmpty(context.Response.Error))
                {
                    context.Response[Parameters.Interval] = (long)options.DevicePollingInterval.TotalSeconds;
                }

                return default;
            })
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (context.Request.IsDeviceCodeGrantType() && context.Request.DeviceCode is { Length: > 0 } deviceCode && polls.Arrive(deviceCode))
                {
                    context.Reject(Errors.SlowDown, "Poll less often: wait the interval, 5 seconds longer after each slow_down.");
                }

                return default;
            })
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (context.Request is { } request && request.IsDeviceCodeGrantType() && request.DeviceCode is { Length: > 0 } deviceCode)
                {
                    polls.Answer(deviceCode, string.IsNullOrEmpty(context.Response.Error) ? DevicePolls.Success : context.Response.Error);
                }

                return default;
            })
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));
    }
}
