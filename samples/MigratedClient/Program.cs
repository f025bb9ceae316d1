using MigratedClient;

// LegacyClient migrated to the authorization-code flow with PKCE: the user signs in in the browser, the
// application never sees the password, and the session keeps only tokens. Builds clean, also in CI.
using var http = new HttpClient();
var session = new ApiSession(http, "https://login.example.com/connect/authorize", "https://login.example.com/connect/token");
var signIn = session.CreateSignInRequest();
if (args.Contains("--offline"))
{
    Console.WriteLine($"Offline: the browser would open {signIn.Url}");
    return;
}

Console.WriteLine("Opening the browser to sign in...");
await session.LogInAsync(signIn);

var orders = await session.GetAsync("https://api.example.com/orders");
Console.WriteLine(orders);
