using LegacyClient;

// A legacy console client for an in-house API: it asks for the user's password and logs in with the
// resource owner password credentials grant. RopcAnalyzers flags the token request (ROPC001) and the
// password that the session keeps so that it can log in again (ROPC002).
Console.Write("User name: ");
var userName = Console.ReadLine() ?? string.Empty;
Console.Write("Password: ");
var password = Console.ReadLine() ?? string.Empty;

// --authority http://127.0.0.1:5080 (or ROPC_SAMPLE_AUTHORITY) points the sample at samples/TestAuthorizationServer.
var authority = (args.SkipWhile(arg => arg != "--authority").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("ROPC_SAMPLE_AUTHORITY"))?.TrimEnd('/');
var tokenEndpoint = authority is null ? "https://login.example.com/connect/token" : $"{authority}/connect/token";
var ordersUrl = authority is null ? "https://api.example.com/orders" : $"{authority}/api/orders";

using var http = new HttpClient();
var session = new ApiSession(http, tokenEndpoint, userName, password);
if (args.Contains("--offline"))
{
    Console.WriteLine("Offline: not calling the token endpoint.");
    return;
}

var orders = await session.GetAsync(ordersUrl);
Console.WriteLine(orders);
