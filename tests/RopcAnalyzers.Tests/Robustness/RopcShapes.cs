using System.Collections.Generic;

namespace RopcAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Representative ROPC shapes from the API catalog (shared/ROPC-APIS.md) and the rule tests, plus the unusual
    /// syntax an analyzer meets in real code. Each shape is complete and compiles against the test references
    /// (libraries the registry does not serve are declared as stand-ins in their own namespaces; OwnAttributeCopy
    /// stands in for the shipped attribute; ModernSyntax has one line of syntax newer than the parser), and lives
    /// in its own "Shapes.*" namespace so that all of them fit in one compilation. The robustness tests cut them apart.
    /// </summary>
    internal static class RopcShapes
    {
        public static IReadOnlyList<(string Name, string Source)> All { get; } = new List<(string, string)>
        {
            ("IdentityModelExtension", """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                namespace Shapes.IdentityModelExtension
                {
                    class Login
                    {
                        async Task<string?> LogInAsync(HttpClient http, string user, string password)
                        {
                            var request = new PasswordTokenRequest { Address = "https://idp/connect/token", ClientId = "app", UserName = user, Password = password, Scope = "api" };
                            var response = await http.RequestPasswordTokenAsync(request);
                            var inline = await http.RequestPasswordTokenAsync(new() { Address = "http://idp/token", UserName = user, Password = "hunter2" });
                            return response.AccessToken ?? inline.AccessToken;
                        }
                    }
                }
                """),
            ("IdentityModelTokenClient", """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel;
                using IdentityModel.Client;

                namespace Shapes.IdentityModelTokenClient
                {
                    class Login
                    {
                        async Task<TokenResponse> LogInAsync(HttpMessageInvoker http, string user, string password)
                        {
                            var client = new TokenClient(http, new TokenClientOptions { Address = "https://idp/connect/token", ClientId = "legacy" });
                            var first = await client.RequestPasswordTokenAsync(user, password, scope: "api");
                            var second = await client.RequestTokenAsync(OidcConstants.GrantTypes.Password, new Parameters { { "username", user }, { "password", password } });
                            var third = await http.RequestTokenAsync(new TokenRequest { Address = "https://idp/token", GrantType = "password", Parameters = { { "username", user }, { "password", password } } });
                            return first.IsError ? second : third;
                        }
                    }
                }
                """),
            ("DuendeIdentityModel", """
                using System.Net.Http;
                using System.Threading;
                using System.Threading.Tasks;
                using Duende.IdentityModel.Client;

                namespace Shapes.DuendeIdentityModel
                {
                    sealed class Login(HttpClient http)
                    {
                        public Task<TokenResponse> LogInAsync(string user, string password, CancellationToken ct = default)
                            => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password }, ct);

                        public PasswordTokenRequest Build(string user, string password) => new() { UserName = user, Password = password };
                    }
                }
                """),
            ("Msal", """
                using System.Linq;
                using System.Security;
                using System.Threading.Tasks;
                using Microsoft.Identity.Client;

                namespace Shapes.Msal
                {
                    class Login
                    {
                        async Task<string> PublicAsync(IPublicClientApplication app, string user, string password)
                        {
                            var accounts = await app.GetAccountsAsync();
                            if (accounts.Any())
                            {
                                return (await app.AcquireTokenSilent(new[] { "User.Read" }, accounts.First()).ExecuteAsync()).AccessToken;
                            }

                            var result = await app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password).ExecuteAsync();
                            return result.AccessToken;
                        }

                        async Task<string> SecureAsync(PublicClientApplication app, string user, SecureString password)
                            => (await app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password).ExecuteAsync()).AccessToken;

                        async Task<string> ConfidentialAsync(IConfidentialClientApplication app, string user, string password)
                            => (await ((IByUsernameAndPassword)app).AcquireTokenByUsernamePassword(new[] { "api://x/.default" }, user, password).ExecuteAsync()).AccessToken;
                    }
                }
                """),
            ("AzureIdentity", """
                using Azure.Core;
                using Azure.Identity;

                namespace Shapes.AzureIdentity
                {
                    static class Credentials
                    {
                        public static TokenCredential Create(string user, string password)
                            => new UsernamePasswordCredential(user, password, "tenant", "client", new UsernamePasswordCredentialOptions { DisableInstanceDiscovery = true });

                        public static TokenCredential Chain(string user, string password)
                            => new ChainedTokenCredential(new ManagedIdentityCredential(), new UsernamePasswordCredential(user, password, "tenant", "client"));
                    }
                }
                """),
            ("Adal", """
                using System.Threading.Tasks;
                using Microsoft.IdentityModel.Clients.ActiveDirectory;

                namespace Shapes.Adal
                {
                    class Login
                    {
                        async Task<string> LogInAsync(string user, string password)
                        {
                            var context = new AuthenticationContext("https://login.microsoftonline.com/common");
                            var result = await context.AcquireTokenAsync("https://graph.windows.net", "client", new UserPasswordCredential(user, password));
                            var windows = new UserCredential(user);
                            return result.AccessToken + windows;
                        }
                    }
                }
                """),
            ("OpenIddictClient", """
                using System.Threading.Tasks;
                using Microsoft.Extensions.DependencyInjection;
                using OpenIddict.Client;

                namespace Shapes.OpenIddictClient
                {
                    class Login
                    {
                        async Task<string> LogInAsync(OpenIddictClientService service, string user, string password)
                        {
                            var result = await service.AuthenticateWithPasswordAsync(new OpenIddictClientModels.PasswordAuthenticationRequest { Username = user, Password = password, Scopes = ["api"] });
                            return result.AccessToken;
                        }

                        void Configure(OpenIddictClientBuilder builder) => builder.AllowPasswordFlow().AllowRefreshTokenFlow();
                    }
                }
                """),
            ("OpenIddictServer", """
                using Microsoft.Extensions.DependencyInjection;
                using OpenIddict.Abstractions;

                namespace Shapes.OpenIddictServer
                {
                    static class Server
                    {
                        public static void Configure(OpenIddictServerBuilder builder) => builder.AllowPasswordFlow().AllowClientCredentialsFlow();

                        public static bool IsPassword(OpenIddictRequest request) => request.IsPasswordGrantType() || request.GrantType == "password";
                    }
                }
                """),
            ("HandWrittenForms", """
                using System;
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Threading.Tasks;

                namespace Shapes.HandWrittenForms
                {
                    class Forms
                    {
                        const string GrantType = "grant_type";
                        static readonly string Password = "password";

                        Task<HttpResponseMessage> IndexerAsync(HttpClient http, string user, string password)
                        {
                            var form = new Dictionary<string, string>();
                            form["grant_type"] = "password";
                            form["username"] = user;
                            form[nameof(password)] = password;
                            return http.PostAsync("https://idp/token", new FormUrlEncodedContent(form));
                        }

                        FormUrlEncodedContent Initializer(string user, string password) => new(new Dictionary<string, string>
                        {
                            { GrantType, Password },
                            { "username", user },
                            { "password", password },
                        });

                        FormUrlEncodedContent Pairs(string user, string password) => new(new List<KeyValuePair<string, string>>
                        {
                            new("grant_type", "password"),
                            new KeyValuePair<string, string>("username", user),
                            new("password", password),
                        });

                        FormUrlEncodedContent Tuples(string user, string password) => new(new[] { ("grant_type", "password"), ("username", user), ("password", password) }
                            .ToDictionaryLike());

                        void Add(Dictionary<string, string> form, string user, string password)
                        {
                            form.Add("grant_type", "password");
                            form.Add("username", user);
                            form.Add("password", password);
                            form.TryAdd("client_id", "app");
                        }
                    }

                    static class Extensions
                    {
                        public static Dictionary<string, string> ToDictionaryLike(this (string Key, string Value)[] pairs)
                        {
                            var result = new Dictionary<string, string>();
                            foreach (var (key, value) in pairs)
                            {
                                result[key] = value;
                            }

                            return result;
                        }
                    }
                }
                """),
            ("StringBodies", """"
                using System;
                using System.Net.Http;
                using System.Text;

                namespace Shapes.StringBodies
                {
                    class Bodies
                    {
                        StringContent Concatenated(string user, string password)
                            => new("grant_type=password&username=" + Uri.EscapeDataString(user) + "&password=" + password, Encoding.UTF8, "application/x-www-form-urlencoded");

                        string Interpolated(string user, string password) => $"grant_type=password&username={user}&password={password}&client_id=app";

                        string Formatted(string user, string password) => string.Format("grant_type=password&username={0}&password={1}", user, password);

                        string Json(string user, string password) => "{\"grant_type\":\"password\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";

                        string Raw(string user) => $$"""
                            {"grant_type": "password", "username": "{{user}}", "password": "letmein"}
                            """;

                        string Realm(string user, string password) => "grant_type=" + Uri.EscapeDataString("http://auth0.com/oauth/grant-type/password-realm") + "&realm=db&username=" + user + "&password=" + password;

                        bool Check(string body) => body.Contains("grant_type=password") || body == "grant_type=password";

                        ReadOnlySpan<byte> Utf8() => "grant_type=password&username=u&password=p"u8;
                    }
                }
                """"),
            ("Dtos", """
                using System.Runtime.Serialization;
                using System.Text.Json.Serialization;

                namespace Shapes.Dtos
                {
                    sealed class TokenForm
                    {
                        [JsonPropertyName("grant_type")]
                        public string Grant { get; init; } = "password";

                        [DataMember(Name = "username")]
                        public string? User { get; set; }

                        public string? Password { get; set; }
                    }

                    sealed class GetterForm
                    {
                        public string GrantType => "password";

                        public string grant_type { get { return "password"; } }
                    }

                    record RecordForm(string grant_type = "password", string username = "", string password = "");

                    static class Use
                    {
                        static object Create(string user, string password) => new TokenForm { User = user, Password = password };

                        static object Anonymous(string user, string password) => new { grant_type = "password", username = user, password };
                    }
                }
                """),
            ("RestSharpAndFlurl", """
                using System.Threading.Tasks;
                using Flurl.Http;
                using RestSharp;

                namespace Shapes.RestSharpAndFlurl
                {
                    class Clients
                    {
                        RestRequest Rest(string user, string password)
                            => new RestRequest("connect/token", Method.Post)
                                .AddParameter("grant_type", "password")
                                .AddParameter("username", user)
                                .AddParameter("password", password);

                        Task<IFlurlResponse> Flurl(string user, string password)
                            => "https://idp/connect/token".PostUrlEncodedAsync(new { grant_type = "password", username = user, password });
                    }
                }
                """),
            ("Auth0StandIn", """
                using System.Threading;
                using System.Threading.Tasks;
                using Auth0.AuthenticationApi;
                using Auth0.AuthenticationApi.Models;

                // Auth0.AuthenticationApi is not served by the registry: a minimal stand-in in the library's own namespaces.
                namespace Auth0.AuthenticationApi.Models
                {
                    public class ResourceOwnerTokenRequest { public string? Username { get; set; } public string? Password { get; set; } public string? Realm { get; set; } public string? ClientId { get; set; } }
                    public class AccessTokenResponse { public string? AccessToken { get; set; } }
                }

                namespace Auth0.AuthenticationApi
                {
                    public interface IAuthenticationApiClient { Task<AccessTokenResponse> GetTokenAsync(ResourceOwnerTokenRequest request, CancellationToken cancellationToken = default); }
                }

                namespace Shapes.Auth0StandIn
                {
                    class Login
                    {
                        async Task<string?> LogInAsync(IAuthenticationApiClient client, string user, string password)
                            => (await client.GetTokenAsync(new ResourceOwnerTokenRequest { Username = user, Password = password, Realm = "db" })).AccessToken;
                    }
                }
                """),
            ("Approvals", """
                using System;
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using RopcAnalyzers;

                namespace Shapes.Approvals
                {
                    [TrustedLegacyRopc("Whole kiosk client", Owner = "team", Expires = "2030-01-01")]
                    class ApprovedClass
                    {
                        Task<TokenResponse> A(HttpClient http, string u, string p) => http.RequestPasswordTokenAsync(new PasswordTokenRequest { UserName = u, Password = p });
                    }

                    class Members
                    {
                        [TrustedLegacyRopc("", Expires = "not a date")]
                        Task<TokenResponse> Empty(HttpClient http, string u, string p) => http.RequestPasswordTokenAsync(new PasswordTokenRequest { UserName = u, Password = p });

                        [TrustedLegacyRopc(null!, Owner = null, Expires = "2001-02-03")]
                        Task<TokenResponse> Expired(HttpClient http, string u, string p) => http.RequestPasswordTokenAsync(new PasswordTokenRequest { UserName = u, Password = p });

                        [TrustedLegacyRopc("Nothing here")]
                        void Unused() { }

                        Task<TokenResponse> LocalFunction(HttpClient http, string u, string p)
                        {
                            return Send();

                            [TrustedLegacyRopc("local")]
                            Task<TokenResponse> Send() => http.RequestPasswordTokenAsync(new PasswordTokenRequest { UserName = u, Password = p });
                        }

                        Func<Task<TokenResponse>> Lambda(HttpClient http, string u, string p)
                            => [TrustedLegacyRopc("lambda")] () => http.RequestPasswordTokenAsync(new PasswordTokenRequest { UserName = u, Password = p });

                        string Property
                        {
                            [TrustedLegacyRopc("getter")]
                            get => "grant_type=password&username=u&password=p";
                        }
                    }
                }
                """),
            ("OwnAttributeCopy", """
                using System.Collections.Generic;

                namespace RopcAnalyzers
                {
                    [System.AttributeUsage(System.AttributeTargets.All)]
                    internal sealed class TrustedLegacyRopcAttribute : System.Attribute
                    {
                        public TrustedLegacyRopcAttribute(int notAString) { }
                        public object? Owner { get; set; }
                        public System.DateTime Expires { get; set; }
                    }
                }

                namespace Shapes.OwnAttributeCopy
                {
                    class Login
                    {
                        [RopcAnalyzers.TrustedLegacyRopc(42, Owner = 7)]
                        Dictionary<string, string> Form(string u, string p) => new() { ["grant_type"] = "password", ["username"] = u, ["password"] = p };
                    }
                }
                """),
            ("PasswordKept", """
                using System;
                using System.IO;
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using Microsoft.Extensions.Caching.Memory;
                using Microsoft.Extensions.Logging;

                namespace Shapes.PasswordKept
                {
                    sealed class Session
                    {
                        private readonly HttpClient http;
                        private string? savedPassword;
                        public static string? LastPassword { get; set; }

                        public Session(HttpClient http) => this.http = http;

                        public async Task<string?> LogInAsync(string user, string password, IMemoryCache cache, ILogger logger)
                        {
                            savedPassword = password;
                            LastPassword = password;
                            cache.Set("pwd:" + user, password);
                            logger.LogInformation("Logging in {User} with {Password}", user, password);
                            File.WriteAllText("creds.txt", user + ":" + password);
                            Environment.SetEnvironmentVariable("AZURE_PASSWORD", password);
                            var response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { UserName = user, Password = savedPassword });
                            return response.AccessToken;
                        }
                    }
                }
                """),
            ("ConfiguredWrapper", """
                using System.Threading.Tasks;

                namespace Contoso.Security
                {
                    public static class LegacyAuth
                    {
                        public static Task<string> LoginAsync(string user, string password) => Task.FromResult(user + password);
                    }

                    public sealed class PasswordSession { public PasswordSession(string user, string password) { } }
                }

                namespace Shapes.ConfiguredWrapper
                {
                    class Use
                    {
                        async Task<object> RunAsync(string u, string p) => await Contoso.Security.LegacyAuth.LoginAsync(u, p) + new Contoso.Security.PasswordSession(u, p).ToString();
                    }
                }
                """),
            ("ModernSyntax", """
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Net.Http;
                using System.Threading.Tasks;

                namespace Shapes.ModernSyntax
                {
                    file sealed record Credentials(string User, string Password)
                    {
                        public required string Client { get; init; }
                    }

                    file static class Modern
                    {
                        // C# 14 syntax that the Roslyn 4.8 parser does not know: analyzers meet it in projects built by newer compilers.
                        extension(HttpClient) { }

                        public static IEnumerable<KeyValuePair<string, string>> Pairs(Credentials c) =>
                        [
                            new("grant_type", "password"),
                            .. c.User is { Length: > 0 } user ? [new KeyValuePair<string, string>("username", user)] : Array.Empty<KeyValuePair<string, string>>(),
                            KeyValuePair.Create("password", c.Password),
                        ];

                        public static string Grant(object kind) => kind switch
                        {
                            int and > 0 => "password",
                            string { Length: 0 } => "grant_type=password",
                            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
                        };

                        public static async Task<string> SendAsync(HttpClient http, Credentials c)
                        {
                            var with = c with { Password = "x" };
                            Func<string, Task<HttpResponseMessage>> post = async body => await http.PostAsync("https://idp/token", new StringContent(body));
                            var response = await post($"grant_type={"password"}&username={with.User}&password={with.Password}");
                            dynamic d = response;
                            return d.ToString() + default(string) + nameof(Credentials.Password);
                        }
                    }
                }
                """),
        };
    }
}
