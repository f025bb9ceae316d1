using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;
using VerifyRopc = RopcAnalyzers.Tests.Infrastructure.Verify<RopcAnalyzers.Rules.PasswordPersistenceAnalyzer>;

namespace RopcAnalyzers.Tests.Rules
{
    public class PasswordPersistenceCodeFixTests
    {
        private static DiagnosticResult Ropc002(string sentBy, string kept, int location = 0, int request = 1)
            => VerifyRopc.Diagnostic(Descriptors.PasswordPersisted)
                .WithLocation(location)
                .WithLocation(request, DiagnosticLocationOptions.InterpretAsMarkupKey)
                .WithArguments(sentBy, kept);

        private static Task SingleExchangeAsync(string source, string fixedSource, params DiagnosticResult[] expected)
            => SingleExchangeAsync(source, fixedSource, expectedTitle: null, expected);

        private static Task SingleExchangeAsync(string source, string fixedSource, string? expectedTitle, params DiagnosticResult[] expected)
        {
            var test = new RopcCodeFixTest<PasswordPersistenceAnalyzer, SingleExchangeCodeFixProvider>(source, fixedSource)
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
            var test = new RopcCodeFixTest<PasswordPersistenceAnalyzer, SingleExchangeCodeFixProvider>(source, source)
            {
                CodeActionEquivalenceKey = SingleExchangeCodeFixProvider.EquivalenceKey,
            };
            test.ExpectedDiagnostics.AddRange(expected);
            test.FixedState.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
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
    }
}
