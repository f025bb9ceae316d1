using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class CleartextTokenEndpointRuleTests
    {
        private static readonly VerifyRule VerifyCleartext = new(RuleIdentifiers.CleartextTokenEndpoint);

        private const string FormField = "form field grant_type=password";

        private static DiagnosticResult Ropc007(string found, string url, int location = 0)
            => VerifyCleartext.Diagnostic(Descriptors.CleartextTokenEndpoint).WithLocation(location).WithArguments(found, url);

        private static Task VerifyWithOptionsAsync(string source, string[] options, params DiagnosticResult[] expected)
        {
            var test = new RuleTest(RuleIdentifiers.CleartextTokenEndpoint, source).WithEditorConfig(options);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        // ---------------------------------------------------------------- Library requests

        [Theory]
        [InlineData("IdentityModel.Client", "IdentityModel")]
        [InlineData("Duende.IdentityModel.Client", "Duende.IdentityModel")]
        public Task RequestPasswordTokenAsync_WithHttpAddress_ReportsTheAddress(string ns, string library) => VerifyCleartext.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using {{ns}};

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = {|#0:"http://idp.example.com/connect/token"|},
                        ClientId = "legacy",
                        UserName = user,
                        Password = password,
                    });
            }
            """, Ropc007($"{library} RequestPasswordTokenAsync", "http://idp.example.com/connect/token"));

        [Fact]
        public Task TokenClientOptions_WithConstantHttpAddress_IsReported() => VerifyCleartext.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                const string TokenEndpoint = "HTTP://idp.example.com:8080/connect/token";

                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                {
                    var client = new TokenClient(http, new TokenClientOptions { Address = {|#0:TokenEndpoint|}, ClientId = "legacy" });
                    return client.RequestPasswordTokenAsync(user, password);
                }
            }
            """, Ropc007("IdentityModel RequestPasswordTokenAsync", "HTTP://idp.example.com:8080/connect/token"));

        [Fact]
        public Task InterpolatedAddress_WithKnownAuthority_IsReported() => VerifyCleartext.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                static readonly string Authority = "http://idp.example.com";

                Task<TokenResponse> LoginAsync(HttpClient http, string tenant, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = {|#0:$"{Authority}/{tenant}/connect/token"|}, UserName = user, Password = password });
            }
            """, Ropc007("IdentityModel RequestPasswordTokenAsync", "http://idp.example.com/"));

        // ---------------------------------------------------------------- Hand-written HTTP

        [Fact]
        public Task HttpClientPostAsync_WithFormInline_ReportsTheUrl() => VerifyCleartext.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            class LegacyLogin
            {
                Task<HttpResponseMessage> LoginAsync(HttpClient http, string user, string password)
                    => http.PostAsync({|#0:"http://idp.example.com/oauth2/token"|}, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        { "grant_type", "password" },
                        { "username", user },
                        { "password", password },
                    }));
            }
            """, Ropc007(FormField, "http://idp.example.com/oauth2/token"));

        [Fact]
        public Task HttpClientPostAsync_WithFormAndContentInLocals_ReportsTheUrl() => VerifyCleartext.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            class LegacyLogin
            {
                async Task<string> LoginAsync(HttpClient http, string user, string password)
                {
                    var form = new Dictionary<string, string>();
                    form.Add("grant_type", "password");
                    form.Add("username", user);
                    form["password"] = password;
                    using var content = new FormUrlEncodedContent(form);
                    var response = await http.PostAsync({|#0:new Uri("http://10.0.0.5/token")|}, content);
                    return await response.Content.ReadAsStringAsync();
                }
            }
            """, Ropc007(FormField, "http://10.0.0.5/token"));

        [Fact]
        public Task HttpRequestMessage_WithStringBody_ReportsTheRequestUri() => VerifyCleartext.AnalyzerAsync("""
            using System.Net.Http;
            using System.Text;
            using System.Threading.Tasks;

            class LegacyLogin
            {
                Task<HttpResponseMessage> LoginAsync(HttpClient http, string user, string password)
                {
                    var body = $"grant_type=password&username={user}&password={password}";
                    var message = new HttpRequestMessage(HttpMethod.Post, {|#0:"http://idp.example.com/token"|})
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
                    };
                    return http.SendAsync(message);
                }
            }
            """, Ropc007("request body with grant_type=password", "http://idp.example.com/token"));

        [Fact]
        public Task WebClientUploadValues_ReportsTheAddress() => VerifyCleartext.AnalyzerAsync("""
            using System.Collections.Specialized;
            using System.Net;

            class LegacyLogin
            {
                byte[] Login(WebClient client, string user, string password)
                {
                    var values = new NameValueCollection { { "grant_type", "password" }, { "username", user }, { "password", password } };
                    return client.UploadValues({|#0:"http://idp/oauth2/token"|}, "POST", values);
                }
            }
            """, Ropc007(FormField, "http://idp/oauth2/token"));

        [Fact]
        public Task WebClientUploadString_WithStringBody_ReportsTheAddress() => VerifyCleartext.AnalyzerAsync("""
            using System.Net;

            class LegacyLogin
            {
                const string TokenUrl = "http://idp.example.com/oauth2/token";

                string Login(WebClient client, string user, string password)
                    => client.UploadString({|#0:TokenUrl|}, "grant_type=password&username=" + user + "&password=" + password);
            }
            """, Ropc007("request body with grant_type=password", "http://idp.example.com/oauth2/token"));

        [Fact]
        public Task Flurl_PostUrlEncodedAsync_ReportsTheUrl() => VerifyCleartext.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Flurl;
            using Flurl.Http;

            class LegacyLogin
            {
                Task<IFlurlResponse> LoginAsync(string user, string password)
                    => {|#0:"http://idp.example.com".AppendPathSegment("oauth/token")|}.PostUrlEncodedAsync(new { grant_type = "password", username = user, password });
            }
            """, Ropc007(FormField, "http://idp.example.com"));

        [Fact]
        public Task RestSharp_RelativeResourceOnHttpClientBase_ReportsTheBaseUrl() => VerifyCleartext.AnalyzerAsync("""
            using System.Threading.Tasks;
            using RestSharp;

            class LegacyLogin
            {
                Task<RestResponse> LoginAsync(string user, string password)
                {
                    var client = new RestClient({|#0:"http://idp.example.com"|});
                    var request = new RestRequest("oauth/token", Method.Post);
                    request.AddParameter("grant_type", "password");
                    request.AddParameter("username", user);
                    request.AddParameter("password", password);
                    return client.ExecuteAsync(request);
                }
            }
            """, Ropc007(FormField, "http://idp.example.com"));

        [Fact]
        public Task RestSharp_AbsoluteResourceInFluentChain_ReportsTheResource() => VerifyCleartext.AnalyzerAsync("""
            using System.Threading.Tasks;
            using RestSharp;

            class LegacyLogin
            {
                Task<RestResponse> LoginAsync(RestClient client, string user, string password)
                {
                    var request = new RestRequest({|#0:"http://idp.example.com/oauth/token"|}, Method.Post)
                        .AddParameter("grant_type", "password")
                        .AddParameter("username", user);
                    return client.ExecuteAsync(request);
                }
            }
            """, Ropc007(FormField, "http://idp.example.com/oauth/token"));

        [Fact]
        public Task IdentityModelRequestTokenRawAsync_ReportsTheAddress() => VerifyCleartext.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestTokenRawAsync({|#0:"http://idp/connect/token"|}, new Parameters { { "grant_type", "password" }, { "username", user }, { "password", password } });
            }
            """, Ropc007(FormField, "http://idp/connect/token"));

        // ---------------------------------------------------------------- Not reported

        [Theory]
        [InlineData("\"https://idp.example.com/connect/token\"")]
        [InlineData("\"http://localhost:5000/connect/token\"")]
        [InlineData("\"http://127.0.0.1/connect/token\"")]
        [InlineData("\"http://127.10.20.30:8080/connect/token\"")]
        [InlineData("\"http://[::1]:5000/connect/token\"")]
        [InlineData("\"http://idp.localhost/connect/token\"")]
        [InlineData("disco.TokenEndpoint")]
        [InlineData("\"http://\" + host + \"/connect/token\"")]
        [InlineData("$\"http://{host}/connect/token\"")]
        [InlineData("address")]
        public Task SecureLoopbackOrUnknownAddresses_AreNotReported(string address) => VerifyCleartext.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                Task<TokenResponse> LoginAsync(HttpClient http, DiscoveryDocumentResponse disco, string host, string address, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = {{address}}, UserName = user, Password = password });
            }
            """);

        [Fact]
        public Task OtherGrantsOverHttp_AreNotThisRule() => VerifyCleartext.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Client
            {
                Task<TokenResponse> Credentials(HttpClient http)
                    => http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest { Address = "http://idp/connect/token", ClientId = "c" });

                Task<HttpResponseMessage> Form(HttpClient http)
                    => http.PostAsync("http://idp/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string> { { "grant_type", "client_credentials" } }));
            }
            """);

        [Fact]
        public Task FormSentElsewhere_HasNoKnownAddress_NotReported() => VerifyCleartext.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class Login
            {
                HttpContent Body(string user, string password)
                    => new FormUrlEncodedContent(new Dictionary<string, string> { { "grant_type", "password" }, { "username", user } });

                void Unrelated(HttpClient http) => http.GetAsync("http://example.com/");
            }
            """);

        // ---------------------------------------------------------------- Option: ropc_analyzers.allow_loopback_http

        [Theory]
        [InlineData("ropc_analyzers.allow_loopback_http = false")]
        [InlineData("ropc_analyzers.allow_loopback_http = False")]
        public Task LoopbackOverHttp_WhenNotAllowed_IsReported(string option) => VerifyWithOptionsAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = {|#0:"http://localhost:5000/connect/token"|}, UserName = user, Password = password });
            }
            """, new[] { option }, Ropc007("IdentityModel RequestPasswordTokenAsync", "http://localhost:5000/connect/token"));

        [Theory]
        [InlineData("ropc_analyzers.allow_loopback_http = true")]
        [InlineData("ropc_analyzers.allow_loopback_http = maybe")]
        [InlineData("ropc_analyzers.allow_loopback_http =")]
        public Task LoopbackOverHttp_WhenAllowedOrOptionMalformed_IsNotReported(string option) => VerifyWithOptionsAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "http://127.0.0.1:5000/connect/token", UserName = user, Password = password });
            }
            """, new[] { option });

        [Fact]
        public Task LoopbackOverHttp_WhenDisallowedInGlobalConfig_IsReported()
        {
            var test = new RuleTest(RuleIdentifiers.CleartextTokenEndpoint, """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class Login
                {
                    Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                        => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = {|#0:"http://[::1]/connect/token"|}, UserName = user, Password = password });
                }
                """).WithGlobalConfig("ropc_analyzers.allow_loopback_http = false");
            test.ExpectedDiagnostics.Add(Ropc007("IdentityModel RequestPasswordTokenAsync", "http://[::1]/connect/token"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task ApprovedRequest_OverHttp_IsStillReported() => VerifyCleartext.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class Login
            {
                [TrustedLegacyRopc("Kiosk app; IdP has no browser flow", Owner = "team-identity")]
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = {|#0:"http://idp/connect/token"|}, UserName = user, Password = password });
            }
            """, Ropc007("IdentityModel RequestPasswordTokenAsync", "http://idp/connect/token"));

        // ---------------------------------------------------------------- Host parsing

        [Theory]
        [InlineData("http://idp/token", true, "idp")]
        [InlineData("http://user:pw@idp.example.com:8443/token", true, "idp.example.com")]
        [InlineData("http://[::1]:5000/", true, "[::1]")]
        [InlineData("http://idp.example.com", true, "idp.example.com")]
        public void TryGetCleartextHost_ReadsTheHost(string url, bool complete, string host)
        {
            Assert.True(CleartextTokenEndpointRule.TryGetCleartextHost(url, complete, out var actual));
            Assert.Equal(host, actual);
        }

        [Theory]
        [InlineData("https://idp/token", true)]
        [InlineData("http://idp", false)]
        [InlineData("ftp://idp/token", true)]
        [InlineData("http://", true)]
        public void TryGetCleartextHost_RejectsSecureForeignOrUnfinishedUrls(string url, bool complete)
            => Assert.False(CleartextTokenEndpointRule.TryGetCleartextHost(url, complete, out _));

        [Theory]
        [InlineData("localhost", true)]
        [InlineData("LOCALHOST", true)]
        [InlineData("api.localhost", true)]
        [InlineData("127.0.0.1", true)]
        [InlineData("127.255.0.9", true)]
        [InlineData("[::1]", true)]
        [InlineData("128.0.0.1", false)]
        [InlineData("localhost.example.com", false)]
        [InlineData("127", false)]
        [InlineData("[::2]", false)]
        public void IsLoopback_KnowsTheLoopbackHosts(string host, bool expected)
            => Assert.Equal(expected, CleartextTokenEndpointRule.IsLoopback(host));
    }
}
