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

                    // What the device shows the user; MSAL and Azure.Identity print it as Microsoft Entra ID words it.
                    context.Response["message"] = $"To sign in, use a web browser to open the page {context.Response[Parameters.VerificationUri]} and enter the code {context.Response[Parameters.UserCode]} to authenticate.";
                }

                return default;
            })
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom));

        // MSAL (and so Azure.Identity) polls with Microsoft Entra ID's short grant type "device_code", not RFC 8628's
        // URN, and repeats the scope, which RFC 8628 does not send with the device code (the scope was granted with
        // it). Entra ID accepts both, and so does this server: it reads such a poll as RFC 8628's.
        server.AddEventHandler<ExtractTokenRequestContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (context.Request is { GrantType: "device_code" } request)
                {
                    request.GrantType = GrantTypes.DeviceCode;
                    request.Scope = null;
                }

                return default;
            })
            .SetOrder(int.MaxValue - 100_000)
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
