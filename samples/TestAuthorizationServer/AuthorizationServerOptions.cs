namespace TestAuthorizationServer;

/// <summary>How a <see cref="AuthorizationServer"/> listens and how strict its device flow is.</summary>
public sealed class AuthorizationServerOptions
{
    /// <summary>Where Kestrel listens. Port 0 picks a free port (the tests use that); loopback only.</summary>
    public string Url { get; init; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Listen with HTTPS on <see cref="Url"/>'s host and port with this certificate (MSAL accepts only HTTPS
    /// authorities). Null: plain HTTP, which OpenIddict accepts here because transport security is disabled for loopback use.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? HttpsCertificate { get; init; }

    /// <summary>How long access tokens live (OpenIddict's default: one hour). Clients renew them with the refresh token.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The polling interval the device authorization response asks for (RFC 8628 <c>interval</c>).</summary>
    public TimeSpan DevicePollingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Polls of a device code (1 for the first) that are answered <c>slow_down</c> whatever their timing, as a server
    /// under load does; polls that come sooner than the interval (grown by 5 seconds after each slow_down, RFC 8628
    /// section 3.5) are answered <c>slow_down</c> too.
    /// </summary>
    public IReadOnlySet<int> SlowDownPolls { get; init; } = new HashSet<int>();

    /// <summary>Write ASP.NET Core's and OpenIddict's logs to the console (warnings and above).</summary>
    public bool ConsoleLogging { get; init; }
}
