using Microsoft.CodeAnalysis.Testing;

using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class HardCodedPasswordRuleTests
    {
        private static readonly VerifyRule VerifyHardCoded = new(RuleIdentifiers.HardCodedPassword);

        private static DiagnosticResult Ropc008(string found, int location = 0)
            => VerifyHardCoded.Diagnostic(Descriptors.HardCodedPassword).WithLocation(location).WithArguments(found);

        [Theory]
        [InlineData("IdentityModel.Client", "IdentityModel")]
        [InlineData("Duende.IdentityModel.Client", "Duende.IdentityModel")]
        public Task PasswordTokenRequest_WithLiteralPassword_ReportsThePassword(string ns, string library) => VerifyHardCoded.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using {{ns}};

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpClient http)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = "https://idp/connect/token",
                        UserName = "svc-reports",
                        Password = {|#0:"Winter2024!"|},
                    });
            }
            """, Ropc008($"{library} RequestPasswordTokenAsync"));

        /// <summary>Pairs added one by one to a list, some inside an if block: the password is found beside the grant.</summary>
        [Fact]
        public Task PairsAddedOneByOne_PasswordInsideAnIfBlock_IsReported() => VerifyHardCoded.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            class ServiceLogin
            {
                Task<HttpResponseMessage> LoginAsync(HttpClient http, string user, bool withPassword)
                {
                    var content = new List<KeyValuePair<string, string>>();
                    content.Add(new KeyValuePair<string, string>("grant_type", "password"));
                    content.Add(new KeyValuePair<string, string>("username", user));
                    if (withPassword)
                    {
                        content.Add(new KeyValuePair<string, string>("password", {|#0:"Winter2024!"|}));
                    }

                    return http.PostAsync("https://idp.contoso.com/token", new FormUrlEncodedContent(content));
                }
            }
            """, Ropc008("form field grant_type=password"));

        [Fact]
        public Task Msal_WithConstantPassword_IsReported() => VerifyHardCoded.AnalyzerAsync("""
            using Microsoft.Identity.Client;

            static class TestAccounts { public const string Password = "P@ssw0rd"; }

            class IntegrationTests
            {
                object Login(IPublicClientApplication app)
                    => app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, "test@contoso.com", {|#0:TestAccounts.Password|});
            }
            """, Ropc008("MSAL AcquireTokenByUsernamePassword"));

        [Fact]
        public Task AzureIdentity_StaticReadonlyAndLocal_AreReported() => VerifyHardCoded.AnalyzerAsync("""
            using Azure.Identity;

            class Fixture
            {
                private static readonly string ServicePassword = "s3cr3t";

                object First() => new UsernamePasswordCredential("svc@contoso.com", {|#0:ServicePassword|}, "tenant", "client");

                object Second()
                {
                    var password = "hunter2";
                    return new UsernamePasswordCredential("svc@contoso.com", {|#1:password|}, "tenant", "client");
                }
            }
            """, Ropc008("Azure.Identity UsernamePasswordCredential"), Ropc008("Azure.Identity UsernamePasswordCredential", 1));

        [Fact]
        public Task HandWrittenForm_WithLiteralPassword_IsReported() => VerifyHardCoded.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class LegacyLogin
            {
                HttpContent Body() => new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    { "grant_type", "password" },
                    { "username", "admin" },
                    { "password", {|#0:"admin123"|} },
                });
            }
            """, Ropc008("form field grant_type=password"));

        [Theory]
        [InlineData("\"grant_type=password&username=admin&password=admin123\"")]
        [InlineData("\"grant_type=password&username=\" + user + \"&password=admin123\"")]
        public Task StringBody_WithPasswordInTheText_ReportsTheBody(string body) => VerifyHardCoded.AnalyzerAsync($$"""
            class LegacyLogin
            {
                string Body(string user) => {|#0:{{body}}|};
            }
            """, Ropc008("request body with grant_type=password"));

        [Fact]
        public Task StringBody_WithStaticReadonlyInterpolated_ReportsTheBody() => VerifyHardCoded.AnalyzerAsync("""
            class LegacyLogin
            {
                static readonly string Secret = "admin123";

                string Body(string user) => {|#0:$"grant_type=password&username={user}&password={Secret}"|};
            }
            """, Ropc008("request body with grant_type=password"));

        [Fact]
        public Task ApprovedAndTestCode_AreStillReported() => VerifyHardCoded.AnalyzerAsync("""
            using Microsoft.Identity.Client;
            using RopcAnalyzers;

            [TrustedLegacyRopc("Integration tests against the legacy tenant", Owner = "qa")]
            public class LoginTests
            {
                public object Login_Succeeds(IPublicClientApplication app)
                    => app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, "qa@contoso.com", {|#0:"Qa-Pass-1"|});
            }
            """, Ropc008("MSAL AcquireTokenByUsernamePassword"));

        [Fact]
        public Task PasswordsFromTheUserOrConfiguration_AreNotReported() => VerifyHardCoded.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                private string typed = "";

                Task<TokenResponse> FromParameter(HttpClient http, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = "u", Password = password });

                Task<TokenResponse> FromCall(HttpClient http)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = "u", Password = Console.ReadLine() });

                Task<TokenResponse> FromMutableField(HttpClient http)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = "u", Password = typed });

                void Type(string value) => typed = value;
            }
            """);

        [Theory]
        [InlineData("\"\"")]
        [InlineData("\"   \"")]
        public Task EmptyOrBlankPassword_IsNotReported(string password) => VerifyHardCoded.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                Task<TokenResponse> Anonymous(HttpClient http)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = "guest", Password = {{password}} });
            }
            """);

        [Fact]
        public Task LiteralPasswordOutsideAnRopcRequest_IsNotThisRule() => VerifyHardCoded.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net;

            class Other
            {
                object Login() => new Dictionary<string, string> { { "username", "admin" }, { "password", "admin123" } };
                object Basic() => new NetworkCredential("admin", "admin123");
                string ClientCredentials() => "grant_type=client_credentials&client_secret=abc";
            }
            """);
    }
}
