using LegacyClient;

// A legacy console client for an in-house API: it asks for the user's password and logs in with the
// resource owner password credentials grant. RopcAnalyzers flags the token request (ROPC001) and the
// password that the session keeps so that it can log in again (ROPC002).
Console.Write("User name: ");
var userName = Console.ReadLine() ?? string.Empty;
Console.Write("Password: ");
var password = Console.ReadLine() ?? string.Empty;

using var http = new HttpClient();
var session = new ApiSession(http, "https://login.example.com/connect/token", userName, password);
if (args.Contains("--offline"))
{
    Console.WriteLine("Offline: not calling the token endpoint.");
    return;
}

var orders = await session.GetAsync("https://api.example.com/orders");
Console.WriteLine(orders);
