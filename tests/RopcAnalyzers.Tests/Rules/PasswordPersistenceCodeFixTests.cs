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
        {
            var test = new RopcCodeFixTest<PasswordPersistenceAnalyzer, SingleExchangeCodeFixProvider>(source, fixedSource)
            {
                CodeActionEquivalenceKey = SingleExchangeCodeFixProvider.EquivalenceKey,
            };
            test.ExpectedDiagnostics.AddRange(expected);
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
    }
}
