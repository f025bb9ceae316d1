using Microsoft.Identity.Client;

// A console tool that signs in to Microsoft Entra ID with MSAL's username/password flow (ROPC): it asks for the
// user's password and hands it to MSAL. RopcAnalyzers reports the call (ROPC001). MSAL 4.74+ also marks the public
// client's AcquireTokenByUsernamePassword obsolete (CS0618); ROPC001 still reports it where that warning is
// suppressed, and it reports the confidential client's IByUsernameAndPassword, which is not obsolete.
// The fix: AcquireTokenInteractive (a browser) or AcquireTokenWithDeviceCode, then AcquireTokenSilent.
const string ClientId = "00000000-0000-0000-0000-000000000000";
string[] scopes = ["User.Read"];

var app = PublicClientApplicationBuilder.Create(ClientId)
    .WithAuthority("https://login.microsoftonline.com/organizations")
    .Build();
if (args.Contains("--offline"))
{
    Console.WriteLine("Offline: not calling Microsoft Entra ID.");
    return;
}

Console.Write("User name: ");
var userName = Console.ReadLine() ?? string.Empty;
Console.Write("Password: ");
var result = await app.AcquireTokenByUsernamePassword(scopes, userName, Console.ReadLine() ?? string.Empty)
    .ExecuteAsync();
Console.WriteLine($"Signed in as {result.Account.Username}; the token expires at {result.ExpiresOn:u}.");
