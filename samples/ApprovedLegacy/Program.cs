using ApprovedLegacy;

// LegacyClient after the first step of the migration guide: the password grant stays for now, approved with a
// justification, an owner and an expiry on the one method that sends it, and the password is exchanged once and
// then forgotten (the session keeps the refresh token). Builds clean, also in CI.
using var http = new HttpClient();
var session = new ApiSession(http, "https://login.example.com/connect/token");
if (args.Contains("--offline"))
{
    Console.WriteLine("Offline: not calling the token endpoint.");
    return;
}

Console.Write("User name: ");
var userName = Console.ReadLine() ?? string.Empty;
Console.Write("Password: ");
await session.LogInAsync(userName, Console.ReadLine() ?? string.Empty);

var orders = await session.GetAsync("https://api.example.com/orders");
Console.WriteLine(orders);
