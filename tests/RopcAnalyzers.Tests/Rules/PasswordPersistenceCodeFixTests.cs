using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class PasswordPersistenceCodeFixTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.PasswordPersisted);

        private static DiagnosticResult Ropc002(string sentBy, string kept, int location = 0, int request = 1)
            => VerifyRopc.Diagnostic(Descriptors.PasswordPersisted)
                .WithLocation(location)
                .WithLocation(request, DiagnosticLocationOptions.InterpretAsMarkupKey)
                .WithArguments(sentBy, kept);

        private static Task SingleExchangeAsync(string source, string fixedSource, params DiagnosticResult[] expected)
            => SingleExchangeAsync(source, fixedSource, expectedTitle: null, expected);

        private static Task SingleExchangeAsync(string source, string fixedSource, string? expectedTitle, params DiagnosticResult[] expected)
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, SingleExchangeCodeFixProvider>(source, fixedSource)
            {
                CodeActionEquivalenceKey = SingleExchangeCodeFixProvider.EquivalenceKey,
            };
            if (expectedTitle is not null)
            {
                test.CodeActionVerifier = (action, verifier) => verifier.Equal(expectedTitle, action.Title);
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The diagnostic stays and the single-exchange fix is not offered (the code is left as is).</summary>
        private static Task SingleExchangeNotOfferedAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, SingleExchangeCodeFixProvider>(source, source)
            {
                CodeActionEquivalenceKey = SingleExchangeCodeFixProvider.EquivalenceKey,
            };
            test.ExpectedDiagnostics.AddRange(expected);
            test.FixedState.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private static Task WriteFixAsync(string source, string fixedSource, string equivalenceKey, string? expectedTitle, params DiagnosticResult[] expected)
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, PasswordWriteCodeFixProvider>(source, fixedSource)
            {
                CodeActionEquivalenceKey = equivalenceKey,
            };
            if (expectedTitle is not null)
            {
                test.CodeActionVerifier = (action, verifier) => verifier.Equal(expectedTitle, action.Title);
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Neither write fix is offered: the code stays as it is with its diagnostics.</summary>
        private static async Task WriteFixNotOfferedAsync(string source, params DiagnosticResult[] expected)
        {
            foreach (var key in new[] { PasswordWriteCodeFixProvider.RemoveFromMessageKey, PasswordWriteCodeFixProvider.RemoveWriteKey })
            {
                var test = new RopcCodeFixTest<RopcUseAnalyzer, PasswordWriteCodeFixProvider>(source, source) { CodeActionEquivalenceKey = key };
                test.ExpectedDiagnostics.AddRange(expected);
                test.FixedState.ExpectedDiagnostics.AddRange(expected);
                await test.RunAsync(CancellationToken.None);
            }
        }

        // ---------------------------------------------------------------- exchange the password once

        [Fact]
        public Task IdentityModel_SessionKeepingThePassword_ExchangesItOnceAndKeepsTheRefreshToken() => SingleExchangeAsync("""
            #nullable enable
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            public sealed class ApiSession
            {
                private readonly HttpClient http;
                private readonly string tokenEndpoint;
                private readonly string userName;
                private readonly string {|#0:password|};
                private string? accessToken;

                public ApiSession(HttpClient http, string tokenEndpoint, string userName, string password)
                {
                    this.http = http;
                    this.tokenEndpoint = tokenEndpoint;
                    this.userName = userName;
                    this.password = password;
                }

                public async Task<string?> GetTokenAsync()
                {
                    await LogInAsync();
                    return accessToken;
                }

                private async Task LogInAsync()
                {
                    var response = await {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = tokenEndpoint,
                        ClientId = "legacy-console",
                        Scope = "orders.read offline_access",
                        UserName = userName,
                        Password = password,
                    })|};

                    if (response.IsError)
                    {
                        throw new InvalidOperationException($"Login failed: {response.Error}");
                    }

                    accessToken = response.AccessToken;
                }
            }
            """, """
            #nullable enable
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            public sealed class ApiSession
            {
                private readonly HttpClient http;
                private readonly string tokenEndpoint;
                private readonly string userName;
                private string password;
                private string? refreshToken;
                private string? accessToken;

                public ApiSession(HttpClient http, string tokenEndpoint, string userName, string password)
                {
                    this.http = http;
                    this.tokenEndpoint = tokenEndpoint;
                    this.userName = userName;
                    this.password = password;
                }

                public async Task<string?> GetTokenAsync()
                {
                    await LogInAsync();
                    return accessToken;
                }

                private async Task LogInAsync()
                {
                    TokenResponse response;
                    if (refreshToken is null)
                    {
                        response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest
                        {
                            Address = tokenEndpoint,
                            ClientId = "legacy-console",
                            Scope = "orders.read offline_access",
                            UserName = userName,
                            Password = password,
                        });
                        password = string.Empty;
                    }
                    else
                    {
                        response = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
                        {
                            Address = tokenEndpoint,
                            ClientId = "legacy-console",
                            Scope = "orders.read offline_access",
                            RefreshToken = refreshToken,
                        });
                    }

                    refreshToken = response.RefreshToken ?? refreshToken;

                    if (response.IsError)
                    {
                        throw new InvalidOperationException($"Login failed: {response.Error}");
                    }

                    accessToken = response.AccessToken;
                }
            }
            """, Ropc002("IdentityModel RequestPasswordTokenAsync", "kept in field 'password'"));

        [Fact]
        public Task IdentityModel_TokenClientReturnedWithConfigureAwait_KeepsTheRefreshToken() => SingleExchangeAsync("""
            #nullable disable
            using System.Threading;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                private readonly TokenClient _tokens;
                private readonly string _user;
                private readonly string {|#0:_password|};

                public Bot(TokenClient tokens, string user, string password)
                {
                    _tokens = tokens;
                    _user = user;
                    _password = password;
                }

                public async Task<TokenResponse> RefreshAsync(CancellationToken cancellationToken)
                {
                    return await {|#1:_tokens.RequestPasswordTokenAsync(_user, _password, "api offline_access", cancellationToken: cancellationToken)|}.ConfigureAwait(false);
                }
            }
            """, """
            #nullable disable
            using System.Threading;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                private readonly TokenClient _tokens;
                private readonly string _user;
                private string _password;
                private string _refreshToken;

                public Bot(TokenClient tokens, string user, string password)
                {
                    _tokens = tokens;
                    _user = user;
                    _password = password;
                }

                public async Task<TokenResponse> RefreshAsync(CancellationToken cancellationToken)
                {
                    TokenResponse response;
                    if (_refreshToken is null)
                    {
                        response = await _tokens.RequestPasswordTokenAsync(_user, _password, "api offline_access", cancellationToken: cancellationToken).ConfigureAwait(false);
                        _password = null;
                    }
                    else
                    {
                        response = await _tokens.RequestRefreshTokenAsync(_refreshToken, scope: "api offline_access", cancellationToken: cancellationToken).ConfigureAwait(false);
                    }

                    _refreshToken = response.RefreshToken ?? _refreshToken;
                    return response;
                }
            }
            """, Ropc002("IdentityModel RequestPasswordTokenAsync", "kept in field '_password'"));

        [Fact]
        public Task DuendeIdentityModel_RequestInALocal_AssignedToAField_KeepsTheRefreshToken() => SingleExchangeAsync("""
            #nullable enable
            using System.Net.Http;
            using System.Threading.Tasks;
            using Duende.IdentityModel.Client;

            class Worker
            {
                private readonly HttpMessageInvoker http;
                private string {|#0:password|} = "";
                private TokenResponse? current;

                public Worker(HttpMessageInvoker http) { this.http = http; }

                public void SignIn(string password) { this.password = password; }

                public async Task RenewAsync()
                {
                    PasswordTokenRequest request = new() { Address = "https://idp.example.com/connect/token", ClientId = "worker", UserName = "svc", Password = password };
                    current = await {|#1:http.RequestPasswordTokenAsync(request)|};
                }
            }
            """, """
            #nullable enable
            using System.Net.Http;
            using System.Threading.Tasks;
            using Duende.IdentityModel.Client;

            class Worker
            {
                private readonly HttpMessageInvoker http;
                private string password = "";
                private string? refreshToken;
                private TokenResponse? current;

                public Worker(HttpMessageInvoker http) { this.http = http; }

                public void SignIn(string password) { this.password = password; }

                public async Task RenewAsync()
                {
                    PasswordTokenRequest request = new() { Address = "https://idp.example.com/connect/token", ClientId = "worker", UserName = "svc", Password = password };
                    if (refreshToken is null)
                    {
                        current = await http.RequestPasswordTokenAsync(request);
                        password = string.Empty;
                    }
                    else
                    {
                        current = await http.RequestRefreshTokenAsync(new() { Address = "https://idp.example.com/connect/token", ClientId = "worker", RefreshToken = refreshToken });
                    }

                    refreshToken = current.RefreshToken ?? refreshToken;
                }
            }
            """, Ropc002("Duende.IdentityModel RequestPasswordTokenAsync", "kept in field 'password'"));

        [Fact]
        public Task Msal_PublicClientKeepingThePassword_ExchangesItOnceThenAcquiresSilently() => SingleExchangeAsync("""
            #nullable enable
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class GraphLogin
            {
                private static readonly string[] Scopes = { "User.Read" };
                private readonly IPublicClientApplication app;
                private readonly string user;
                private readonly string {|#0:password|};

                public GraphLogin(IPublicClientApplication app, string user, string password)
                {
                    this.app = app;
                    this.user = user;
                    this.password = password;
                }

                public async Task<string> AccessTokenAsync()
                {
                    var result = await {|#1:app.AcquireTokenByUsernamePassword(Scopes, user, password)|}.ExecuteAsync();
                    return result.AccessToken;
                }
            }
            """, """
            #nullable enable
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class GraphLogin
            {
                private static readonly string[] Scopes = { "User.Read" };
                private readonly IPublicClientApplication app;
                private readonly string user;
                private string password;
                private IAccount? account;

                public GraphLogin(IPublicClientApplication app, string user, string password)
                {
                    this.app = app;
                    this.user = user;
                    this.password = password;
                }

                public async Task<string> AccessTokenAsync()
                {
                    AuthenticationResult result;
                    if (account is null)
                    {
                        result = await app.AcquireTokenByUsernamePassword(Scopes, user, password).ExecuteAsync();
                        password = string.Empty;
                    }
                    else
                    {
                        result = await app.AcquireTokenSilent(Scopes, account).ExecuteAsync();
                    }

                    account = result.Account;
                    return result.AccessToken;
                }
            }
            """,
            "Exchange the password once and keep the account: clear 'password' after the first request, then call AcquireTokenSilent",
            Ropc002("MSAL AcquireTokenByUsernamePassword", "kept in field 'password'"));

        [Fact]
        public Task SingleExchange_HasAnExactTitleAndNoFixAll()
        {
            var provider = new SingleExchangeCodeFixProvider();
            Assert.Null(provider.GetFixAllProvider());
            Assert.Equal(new[] { "ROPC002" }, provider.FixableDiagnosticIds);
            return SingleExchangeAsync(
                """
                #nullable enable
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class Bot
                {
                    private readonly TokenClient tokens;
                    private readonly string {|#0:secret|};

                    public Bot(TokenClient tokens, string secret) { this.tokens = tokens; this.secret = secret; }

                    public async Task<string?> TokenAsync()
                    {
                        var response = await {|#1:tokens.RequestPasswordTokenAsync("bot", secret)|};
                        return response.AccessToken;
                    }
                }
                """,
                """
                #nullable enable
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class Bot
                {
                    private readonly TokenClient tokens;
                    private string secret;
                    private string? refreshToken;

                    public Bot(TokenClient tokens, string secret) { this.tokens = tokens; this.secret = secret; }

                    public async Task<string?> TokenAsync()
                    {
                        TokenResponse response;
                        if (refreshToken is null)
                        {
                            response = await tokens.RequestPasswordTokenAsync("bot", secret);
                            secret = string.Empty;
                        }
                        else
                        {
                            response = await tokens.RequestRefreshTokenAsync(refreshToken);
                        }

                        refreshToken = response.RefreshToken ?? refreshToken;
                        return response.AccessToken;
                    }
                }
                """,
                "Exchange the password once and keep the refresh token: clear 'secret' after the first request, then call RequestRefreshTokenAsync",
                Ropc002("IdentityModel RequestPasswordTokenAsync", "kept in field 'secret'"));
        }

        // ---------------------------------------------------------------- not offered where it cannot be made safely

        [Fact]
        public Task FieldAlsoReadForSomethingElse_IsNotOffered() => SingleExchangeNotOfferedAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                private readonly TokenClient tokens;
                private readonly string {|#0:password|};

                public Bot(TokenClient tokens, string password) { this.tokens = tokens; this.password = password; }

                public bool HasCredentials => password.Length > 0;

                public async Task<string?> TokenAsync()
                {
                    var response = await {|#1:tokens.RequestPasswordTokenAsync("bot", password)|};
                    return response.AccessToken;
                }
            }
            """, Ropc002("IdentityModel RequestPasswordTokenAsync", "kept in field 'password'"));

        [Fact]
        public Task FieldReplayedByTwoRequests_IsNotOffered() => SingleExchangeNotOfferedAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                private readonly TokenClient tokens;
                private readonly string {|#0:password|};

                public Bot(TokenClient tokens, string password) { this.tokens = tokens; this.password = password; }

                public async Task<TokenResponse> LogInAsync()
                {
                    var response = await {|#1:tokens.RequestPasswordTokenAsync("bot", password)|};
                    return response;
                }

                public async Task<TokenResponse> ReLogInAsync()
                {
                    var response = await {|#2:tokens.RequestPasswordTokenAsync("bot", password)|};
                    return response;
                }
            }
            """, Ropc002("IdentityModel RequestPasswordTokenAsync", "kept in field 'password'").WithLocation(2, DiagnosticLocationOptions.InterpretAsMarkupKey));

        [Theory]
        [InlineData("var response = {|#1:tokens.RequestPasswordTokenAsync(\"bot\", password)|}.Result;")]
        [InlineData("var response = await {|#1:tokens.RequestPasswordTokenAsync(\"bot\", password, Scope())|};")]
        [InlineData("var response = await {|#1:tokens.RequestPasswordTokenAsync(\"bot\", password)|} ?? new TokenResponse();")]
        [InlineData("Func<Task<TokenResponse>> later = async () => await {|#1:tokens.RequestPasswordTokenAsync(\"bot\", password)|}; var response = await later();")]
        public Task RequestShapesTheFixCannotRewriteSafely_AreNotOffered(string statement) => SingleExchangeNotOfferedAsync($$"""
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                private readonly TokenClient tokens;
                private readonly string {|#0:password|};

                public Bot(TokenClient tokens, string password) { this.tokens = tokens; this.password = password; }

                static string Scope() => "api";

                public async Task<string?> TokenAsync()
                {
                    {{statement}}
                    return response.AccessToken;
                }
            }
            """, Ropc002("IdentityModel RequestPasswordTokenAsync", "kept in field 'password'"));

        [Fact]
        public Task Msal_ApplicationCreatedForEachCall_IsNotOffered() => SingleExchangeNotOfferedAsync("""
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class GraphLogin
            {
                private readonly string user;
                private readonly string {|#0:password|};

                public GraphLogin(string user, string password) { this.user = user; this.password = password; }

                public async Task<string> AccessTokenAsync()
                {
                    var app = PublicClientApplicationBuilder.Create("client-id").Build();
                    var result = await {|#1:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.ExecuteAsync();
                    return result.AccessToken;
                }
            }
            """, Ropc002("MSAL AcquireTokenByUsernamePassword", "kept in field 'password'"));

        [Fact]
        public Task PublicFieldOrHandWrittenForm_IsNotOffered() => SingleExchangeNotOfferedAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                public string {|#0:Password|} = "";
                private string {|#2:secret|} = "";

                public async Task<string?> TokenAsync(TokenClient tokens) => (await {|#1:tokens.RequestPasswordTokenAsync("bot", Password)|}).AccessToken;

                public HttpContent Form() => new FormUrlEncodedContent(new Dictionary<string, string> { {|#3:{ "grant_type", "password" }|}, { "password", secret } });
            }
            """,
            Ropc002("IdentityModel RequestPasswordTokenAsync", "kept in field 'Password'"),
            Ropc002("form field grant_type=password", "kept in field 'secret'", location: 2, request: 3));

        // ---------------------------------------------------------------- remove the password from what is written

        [Fact]
        public Task LogMessageTemplate_DropsTheArgumentAndItsPlaceholder() => WriteFixAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                async Task LogInAsync(TokenClient client, ILogger logger, string user, string password)
                {
                    {|#0:logger.LogInformation("Logging in {User} with {Password} at {Endpoint}", user, password, "idp")|};
                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                async Task LogInAsync(TokenClient client, ILogger logger, string user, string password)
                {
                    logger.LogInformation("Logging in {User} with at {Endpoint}", user, "idp");
                    await client.RequestPasswordTokenAsync(user, password);
                }
            }
            """,
            PasswordWriteCodeFixProvider.RemoveFromMessageKey,
            "Remove the argument 'password' and its placeholder '{Password}' from the log message",
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to a log"));

        [Fact]
        public Task InterpolatedLogMessage_DropsTheHole() => WriteFixAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                async Task LogInAsync(TokenClient client, ILogger<Login> logger, string user, string password)
                {
                    {|#0:logger.LogDebug($"Logging in {user} with {password}")|};
                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                async Task LogInAsync(TokenClient client, ILogger<Login> logger, string user, string password)
                {
                    logger.LogDebug($"Logging in {user} with");
                    await client.RequestPasswordTokenAsync(user, password);
                }
            }
            """,
            PasswordWriteCodeFixProvider.RemoveFromMessageKey,
            "Remove {password} from the log message",
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to a log"));

        [Fact]
        public Task CompositeFormat_DropsTheArgumentAndRenumbersTheOthers() => WriteFixAsync("""
            using System;
            using System.Diagnostics;
            using Azure.Identity;

            class Login
            {
                object Create(string user, string password, string tenant)
                {
                    {|#0:Trace.TraceInformation("User {0}, password {1}, tenant {2}", user, password, tenant)|};
                    return {|#1:new UsernamePasswordCredential(user, password, tenant, "client")|};
                }
            }
            """, """
            using System;
            using System.Diagnostics;
            using Azure.Identity;

            class Login
            {
                object Create(string user, string password, string tenant)
                {
                    Trace.TraceInformation("User {0}, password, tenant {1}", user, tenant);
                    return new UsernamePasswordCredential(user, password, tenant, "client");
                }
            }
            """,
            PasswordWriteCodeFixProvider.RemoveFromMessageKey,
            "Remove the argument 'password' and its placeholder '{1}' from the log message",
            Ropc002("Azure.Identity UsernamePasswordCredential", "written to a log"));

        [Fact]
        public Task WholeValueWrites_RemoveTheStatement_FixAllInDocument() => WriteFixAsync("""
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Caching.Distributed;

            namespace LegacyApp
            {
                class LoginForm
                {
                    async Task<string?> LogInAsync(TokenClient client, IDistributedCache cache, string user, string password)
                    {
                        {|#0:Console.WriteLine(password)|};
                        {|#2:Properties.Settings.Default.SavedPassword = password|};
                        Properties.Settings.Default.Save();
                        await {|#3:cache.SetStringAsync("pwd:" + user, password)|}.ConfigureAwait(false);
                        var response = await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                        return response.AccessToken;
                    }
                }
            }
            """ + PersistenceStandIns.Settings, """
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Caching.Distributed;

            namespace LegacyApp
            {
                class LoginForm
                {
                    async Task<string?> LogInAsync(TokenClient client, IDistributedCache cache, string user, string password)
                    {
                        Properties.Settings.Default.Save();
                        var response = await client.RequestPasswordTokenAsync(user, password);
                        return response.AccessToken;
                    }
                }
            }
            """ + PersistenceStandIns.Settings,
            PasswordWriteCodeFixProvider.RemoveWriteKey,
            null,
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to the console"),
            Ropc002("IdentityModel RequestPasswordTokenAsync", "stored in application settings", location: 2),
            Ropc002("IdentityModel RequestPasswordTokenAsync", "stored in a cache", location: 3));

        [Theory]
        [InlineData("{|#0:Console.WriteLine(password)|};", "Remove the statement that writes the password to the console")]
        [InlineData("{|#0:Environment.SetEnvironmentVariable(\"APP_PASSWORD\", password)|};", "Remove the statement that stores the password in the environment variable")]
        public Task RemoveStatement_TitleSaysWhatIsRemoved(string write, string title) => WriteFixAsync($$"""
            using System;
            using Azure.Identity;

            class Login
            {
                object Create(string user, string password)
                {
                    {{write}}
                    return {|#1:new UsernamePasswordCredential(user, password, "tenant", "client")|};
                }
            }
            """, """
            using System;
            using Azure.Identity;

            class Login
            {
                object Create(string user, string password)
                {
                    return new UsernamePasswordCredential(user, password, "tenant", "client");
                }
            }
            """,
            PasswordWriteCodeFixProvider.RemoveWriteKey,
            title,
            Ropc002("Azure.Identity UsernamePasswordCredential", write.Contains("Console") ? "written to the console" : "stored in an environment variable"));

        [Fact]
        public Task LogMessages_FixAllInDocument() => WriteFixAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                async Task LogInAsync(TokenClient client, ILogger logger, string user, string password)
                {
                    {|#0:logger.LogInformation("Logging in {User} with {Password}", user, password)|};
                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                    {|#2:logger.LogDebug($"Sent {password} for {user}")|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                async Task LogInAsync(TokenClient client, ILogger logger, string user, string password)
                {
                    logger.LogInformation("Logging in {User} with", user);
                    await client.RequestPasswordTokenAsync(user, password);
                    logger.LogDebug($"Sent for {user}");
                }
            }
            """,
            PasswordWriteCodeFixProvider.RemoveFromMessageKey,
            null,
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to a log"),
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to a log", location: 2));

        [Fact]
        public Task WritesTheFixesCannotEditSafely_OfferNothing() => WriteFixNotOfferedAsync("""
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Logging;

            class Login
            {
                int counter;

                string NextKey() => "k" + counter++;

                async Task LogInAsync(TokenClient client, ILogger logger, IMemoryCache cache, string user, string password, bool remember)
                {
                    {|#0:logger.LogInformation("Password: " + password)|};
                    {|#2:cache.Set(NextKey(), password)|};
                    if (remember) {|#3:Environment.SetEnvironmentVariable("P", password)|};
                    {|#4:logger.LogInformation("{User} {Password}", user, password, counter)|};
                    {|#5:logger.LogInformation($"{password}")|};
                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                }
            }
            """,
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to a log"),
            Ropc002("IdentityModel RequestPasswordTokenAsync", "stored in a cache", location: 2),
            Ropc002("IdentityModel RequestPasswordTokenAsync", "stored in an environment variable", location: 3),
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to a log", location: 4),
            Ropc002("IdentityModel RequestPasswordTokenAsync", "written to a log", location: 5));

        [Fact]
        public void WriteFixes_AreLocalAndBatchFixable()
        {
            var provider = new PasswordWriteCodeFixProvider();
            Assert.Same(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer, provider.GetFixAllProvider());
            Assert.Equal(new[] { "ROPC002" }, provider.FixableDiagnosticIds);
        }
    }
}
