using TestAuthorizationServer;

// A local OpenID Connect server to try the samples against, offline:
//   dotnet run --project samples/TestAuthorizationServer [-- --url http://127.0.0.1:5080] [--device-interval 5]
var url = ArgumentAfter("--url") ?? "http://127.0.0.1:5080";
var interval = ArgumentAfter("--device-interval") is { } seconds ? TimeSpan.FromSeconds(int.Parse(seconds)) : TimeSpan.FromSeconds(5);
await using var server = await AuthorizationServer.StartAsync(new AuthorizationServerOptions { Url = url, DevicePollingInterval = interval, ConsoleLogging = true });

Console.WriteLine($"Test authorization server listening on {server.BaseUri}");
Console.WriteLine($"  authorization endpoint       {server.AuthorizeEndpoint}  (signs in {TestUsers.Default.UserName}, or the login_hint, without a page)");
Console.WriteLine($"  token endpoint               {server.TokenEndpoint}");
Console.WriteLine($"  device authorization         {server.DeviceAuthorizationEndpoint}");
Console.WriteLine($"  end-user verification        {server.VerificationEndpoint}?user_code=...");
Console.WriteLine($"  orders API (bearer token)    {server.OrdersEndpoint}");
Console.WriteLine($"  users: {string.Join(", ", TestUsers.All.Select(user => $"{user.UserName} / {user.Password}"))}");
Console.WriteLine($"  clients: {TestClients.Legacy} (password grant allowed: type 'disallow-password' to drop it), {TestClients.Migrated}");
Console.WriteLine("Press Ctrl+C to stop.");

// The host stops on Ctrl+C or SIGTERM; until then, read commands (none once standard input is closed).
var stopping = server.Stopping;
var stopped = Task.Delay(Timeout.Infinite, stopping).ContinueWith(_ => (string?)null);
while (!stopping.IsCancellationRequested)
{
    var line = await await Task.WhenAny(Task.Run(Console.In.ReadLine), stopped);
    if (line is null)
    {
        await stopped;
        break;
    }

    if (line.Trim() == "disallow-password")
    {
        await server.DisallowPasswordGrantAsync(TestClients.Legacy);
        Console.WriteLine($"{TestClients.Legacy} may no longer use the password grant.");
    }
}

string? ArgumentAfter(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
