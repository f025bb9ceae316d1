using MigratedClient;

// LegacyClient migrated to the authorization-code flow with PKCE: the user signs in in the browser, the
// application never sees the password, and the session keeps only tokens. Builds clean, also in CI.
// --authority http://127.0.0.1:5080 (or ROPC_SAMPLE_AUTHORITY) points the sample at samples/TestAuthorizationServer.
var authority = (args.SkipWhile(arg => arg != "--authority").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("ROPC_SAMPLE_AUTHORITY"))?.TrimEnd('/');
var identityProvider = authority ?? "https://login.example.com";
var ordersUrl = authority is null ? "https://api.example.com/orders" : $"{authority}/api/orders";

using var http = new HttpClient();
var session = new ApiSession(http, $"{identityProvider}/connect/authorize", $"{identityProvider}/connect/token");
var signIn = session.CreateSignInRequest();
if (args.Contains("--offline"))
{
    Console.WriteLine($"Offline: the browser would open {signIn.Url}");
    return;
}

Console.WriteLine($"Opening the browser to sign in: {signIn.Url}");
await session.LogInAsync(signIn);

var orders = await session.GetAsync(ordersUrl);
Console.WriteLine(orders);
