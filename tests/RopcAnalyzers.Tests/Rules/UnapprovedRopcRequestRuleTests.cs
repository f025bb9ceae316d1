using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class UnapprovedRopcRequestRuleTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.UnapprovedRopcRequest);

        private static DiagnosticResult Ropc001(string found) => VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments(found);

        private static Task NoDiagnosticAsync(string source) => VerifyRopc.AnalyzerAsync(source);

        // ---------------------------------------------------------------- IdentityModel / Duende.IdentityModel

        [Theory]
        [InlineData("IdentityModel.Client", "IdentityModel")]
        [InlineData("Duende.IdentityModel.Client", "Duende.IdentityModel")]
        public Task RequestPasswordTokenAsync_WithInlineRequest_ReportsTheCall(string ns, string library) => VerifyRopc.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using {{ns}};

            class LegacyLogin
            {
                async Task<string> LoginAsync(HttpClient http, string user, string password)
                {
                    var response = await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = "https://idp.example.com/connect/token",
                        ClientId = "legacy",
                        UserName = user,
                        Password = password,
                    })|};
                    return response.AccessToken;
                }
            }
            """, Ropc001($"{library} RequestPasswordTokenAsync"));

        [Fact]
        public Task RequestPasswordTokenAsync_WithRequestInLocal_ReportsOnlyTheCall() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                async Task<TokenResponse> LoginAsync(HttpMessageInvoker http, string user, string password)
                {
                    var request = new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password };
                    return await {|#0:http.RequestPasswordTokenAsync(request)|};
                }
            }
            """, Ropc001("IdentityModel RequestPasswordTokenAsync"));

        [Fact]
        public Task PasswordTokenRequest_BuiltButSentElsewhere_ReportsTheCreation() => VerifyRopc.AnalyzerAsync("""
            using IdentityModel.Client;

            class RequestFactory
            {
                PasswordTokenRequest Create(string user, string password)
                    => {|#0:new PasswordTokenRequest { UserName = user, Password = password }|};
            }
            """, Ropc001("IdentityModel PasswordTokenRequest"));

        [Fact]
        public Task PasswordTokenRequest_TargetTypedNew_IsReported() => VerifyRopc.AnalyzerAsync("""
            using IdentityModel.Client;

            class RequestFactory
            {
                PasswordTokenRequest Create(string user, string password)
                {
                    PasswordTokenRequest request = {|#0:new() { UserName = user, Password = password }|};
                    return request;
                }
            }
            """, Ropc001("IdentityModel PasswordTokenRequest"));

        [Theory]
        [InlineData("IdentityModel.Client", "IdentityModel")]
        [InlineData("Duende.IdentityModel.Client", "Duende.IdentityModel")]
        public Task TokenClient_RequestPasswordTokenAsync_IsReported(string ns, string library) => VerifyRopc.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using {{ns}};

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                {
                    var client = new TokenClient(http, new TokenClientOptions { Address = "https://idp/connect/token", ClientId = "legacy" });
                    return {|#0:client.RequestPasswordTokenAsync(user, password)|};
                }
            }
            """, Ropc001($"{library} RequestPasswordTokenAsync"));

        [Theory]
        [InlineData("\"password\"")]
        [InlineData("OidcConstants.GrantTypes.Password")]
        [InlineData("PasswordGrant")]
        public Task TokenClient_RequestTokenAsync_WithPasswordGrantType_IsReported(string grantType) => VerifyRopc.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel;
            using IdentityModel.Client;

            class LegacyLogin
            {
                const string PasswordGrant = "password";

                Task<TokenResponse> LoginAsync(TokenClient client, string user, string password)
                    => {|#0:client.RequestTokenAsync({{grantType}}, new Parameters { { "username", user }, { "password", password } })|};
            }
            """, Ropc001("IdentityModel TokenClient.RequestTokenAsync with grant type \"password\""));

        [Fact]
        public Task TokenClient_RequestTokenAsync_WithOtherGrantType_IsNotReported() => NoDiagnosticAsync("""
            using System.Threading.Tasks;
            using IdentityModel;
            using IdentityModel.Client;

            class Client
            {
                Task<TokenResponse> RefreshAsync(TokenClient client, string token)
                    => client.RequestTokenAsync(OidcConstants.GrantTypes.RefreshToken, new Parameters { { "refresh_token", token } });
            }
            """);

        [Theory]
        [InlineData("\"password\"")]
        [InlineData("OidcConstants.GrantTypes.Password")]
        public Task GenericTokenRequest_WithPasswordGrantType_ReportsTheGrantType(string grantType) => VerifyRopc.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel;
            using IdentityModel.Client;

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestTokenAsync(new TokenRequest
                    {
                        Address = "https://idp/connect/token",
                        {|#0:GrantType = {{grantType}}|},
                        Parameters = { { "username", user }, { "password", password } },
                    });
            }
            """, Ropc001("IdentityModel TokenRequest with GrantType \"password\""));

        [Fact]
        public Task RequestTokenRawAsync_WithPasswordGrant_ReportsTheFormField() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestTokenRawAsync("https://idp/connect/token", new Parameters
                    {
                        {|#0:{ "grant_type", "password" }|},
                        { "username", user },
                        { "password", password },
                    });
            }
            """, Ropc001("form field grant_type=password"));

        [Theory]
        [InlineData("RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest { Address = \"https://idp/token\", ClientId = \"c\" })")]
        [InlineData("RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest { Address = \"https://idp/token\", Code = \"x\", RedirectUri = \"app:/cb\", CodeVerifier = \"v\" })")]
        [InlineData("RequestRefreshTokenAsync(new RefreshTokenRequest { Address = \"https://idp/token\", RefreshToken = \"r\" })")]
        [InlineData("RequestDeviceTokenAsync(new DeviceTokenRequest { Address = \"https://idp/token\", DeviceCode = \"d\" })")]
        [InlineData("RequestTokenAsync(new TokenRequest { Address = \"https://idp/token\", GrantType = \"urn:ietf:params:oauth:grant-type:token-exchange\" })")]
        public Task OtherIdentityModelGrants_AreNotReported(string call) => NoDiagnosticAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Client
            {
                Task<TokenResponse> GetAsync(HttpClient http) => http.{{call}};
            }
            """);

        [Fact]
        public Task UsersOwnTypesNamedLikeIdentityModel_AreNotReported() => NoDiagnosticAsync("""
            using System.Threading.Tasks;

            namespace MyCompany.Auth
            {
                class PasswordTokenRequest { public string UserName { get; set; } = ""; public string Password { get; set; } = ""; }

                class TokenClient
                {
                    public Task<string> RequestPasswordTokenAsync(string user, string password) => Task.FromResult(user);
                    public Task<string> RequestResourceOwnerPasswordAsync(string user, string password) => Task.FromResult(user);
                }

                class Caller
                {
                    Task<string> Go(TokenClient client) => client.RequestPasswordTokenAsync("u", new PasswordTokenRequest().Password);
                }
            }
            """);

        // ---------------------------------------------------------------- MSAL

        [Fact]
        public Task Msal_PublicClient_AcquireTokenByUsernamePassword_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class LegacyLogin
            {
                async Task<string> LoginAsync(IPublicClientApplication app, string user, string password)
                {
                    var result = await {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.ExecuteAsync();
                    return result.AccessToken;
                }
            }
            """, Ropc001("MSAL AcquireTokenByUsernamePassword"));

        [Fact]
        public Task Msal_PublicClientApplicationClass_IsReported() => VerifyRopc.AnalyzerAsync("""
            using Microsoft.Identity.Client;

            class LegacyLogin
            {
                object Login(PublicClientApplication app, string user, string password)
                    => {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|};
            }
            """, Ropc001("MSAL AcquireTokenByUsernamePassword"));

        [Fact]
        public Task Msal_ConfidentialClient_ThroughIByUsernameAndPassword_IsReported() => VerifyRopc.AnalyzerAsync("""
            using Microsoft.Identity.Client;

            class LegacyLogin
            {
                object Login(IConfidentialClientApplication app, string user, string password)
                    => {|#0:((IByUsernameAndPassword)app).AcquireTokenByUsernamePassword(new[] { "api://x/.default" }, user, password)|};
            }
            """, Ropc001("MSAL AcquireTokenByUsernamePassword"));

        [Fact]
        public Task Msal_InteractiveAndDeviceCode_AreNotReported() => NoDiagnosticAsync("""
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                object Interactive(IPublicClientApplication app, string user) => app.AcquireTokenInteractive(new[] { "User.Read" }).WithLoginHint(user);
                object Device(IPublicClientApplication app) => app.AcquireTokenWithDeviceCode(new[] { "User.Read" }, r => Task.CompletedTask);
            }
            """);

        // ---------------------------------------------------------------- ADAL, Azure.Identity

        [Fact]
        public Task Adal_UserPasswordCredential_IsReported() => VerifyRopc.AnalyzerAsync("""
            using Microsoft.IdentityModel.Clients.ActiveDirectory;

            class LegacyLogin
            {
                object Login(AuthenticationContext context, string user, string password)
                    => context.AcquireTokenAsync("https://graph.windows.net", "client-id", {|#0:new UserPasswordCredential(user, password)|});
            }
            """, Ropc001("ADAL UserPasswordCredential"));

        [Fact]
        public Task Adal_UserCredentialWithoutPassword_IsIntegratedWindowsAuth_NotReported() => NoDiagnosticAsync("""
            using Microsoft.IdentityModel.Clients.ActiveDirectory;

            class Login
            {
                object Create(string user) => new UserCredential(user);
            }
            """);

        [Fact]
        public Task AzureIdentity_UsernamePasswordCredential_IsReported() => VerifyRopc.AnalyzerAsync("""
            using Azure.Identity;

            class LegacyLogin
            {
                object Create(string user, string password) => {|#0:new UsernamePasswordCredential(user, password, "tenant", "client")|};
            }
            """, Ropc001("Azure.Identity UsernamePasswordCredential"));

        [Fact]
        public Task AzureIdentity_OtherCredentials_AreNotReported() => NoDiagnosticAsync("""
            using Azure.Identity;

            class Login
            {
                object A() => new InteractiveBrowserCredential();
                object B() => new DeviceCodeCredential();
                object C() => new ClientSecretCredential("tenant", "client", "secret");
            }
            """);

        // ---------------------------------------------------------------- OpenIddict client

        [Fact]
        public Task OpenIddict_AuthenticateWithPasswordAsync_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using OpenIddict.Client;

            class LegacyLogin
            {
                async Task<string> LoginAsync(OpenIddictClientService service, string user, string password)
                {
                    var result = await {|#0:service.AuthenticateWithPasswordAsync(new OpenIddictClientModels.PasswordAuthenticationRequest
                    {
                        Username = user,
                        Password = password,
                    })|};
                    return result.AccessToken;
                }
            }
            """, Ropc001("OpenIddict AuthenticateWithPasswordAsync"));

        [Fact]
        public Task OpenIddict_ClientBuilderAllowPasswordFlow_IsReported() => VerifyRopc.AnalyzerAsync("""
            using Microsoft.Extensions.DependencyInjection;

            class Startup
            {
                void Configure(IServiceCollection services)
                    => services.AddOpenIddict().AddClient(options => {|#0:options.AllowPasswordFlow()|});
            }
            """, Ropc001("OpenIddict AllowPasswordFlow()"));

        // ---------------------------------------------------------------- Hand-written HTTP

        [Fact]
        public Task DictionaryCollectionInitializer_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class LegacyLogin
            {
                HttpContent Body(string user, string password) => new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    {|#0:{ "grant_type", "password" }|},
                    { "username", user },
                    { "password", password },
                });
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task DictionaryIndexerInitializer_TargetTypedNew_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class LegacyLogin
            {
                HttpContent Body(string user, string password)
                {
                    Dictionary<string, string> form = new()
                    {
                        {|#0:["grant_type"] = "password"|},
                        ["username"] = user,
                        ["password"] = password,
                    };
                    return new FormUrlEncodedContent(form);
                }
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task KeyValuePairArray_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class LegacyLogin
            {
                HttpContent Body(string user, string password) => new FormUrlEncodedContent(new[]
                {
                    {|#0:new KeyValuePair<string, string>("grant_type", "password")|},
                    new KeyValuePair<string, string>("username", user),
                    new KeyValuePair<string, string>("password", password),
                });
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task KeyValuePairCollectionExpression_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class BotLogin
            {
                HttpContent Body(string user, string password)
                {
                    KeyValuePair<string, string?>[] content =
                    [
                        new KeyValuePair<string, string?>("client_id", "bot"),
                        {|#0:new KeyValuePair<string, string?>("grant_type", "password")|},
                        new KeyValuePair<string, string?>("username", user),
                        new KeyValuePair<string, string?>("password", password),
                    ];
                    return new FormUrlEncodedContent(content);
                }
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task KeyValuePairListAdd_WithConstants_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            static class Keys { public const string GrantType = "grant_type"; public static readonly string Password = "password"; }

            class LegacyLogin
            {
                HttpContent Body(string user, string password)
                {
                    var grant = "password";
                    var pairs = new List<KeyValuePair<string, string>>();
                    pairs.Add({|#0:new KeyValuePair<string, string>(Keys.GrantType, grant)|});
                    pairs.Add(new KeyValuePair<string, string>("username", user));
                    return new FormUrlEncodedContent(pairs);
                }
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task DictionaryAddStatements_AndStaticReadonlyValue_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            class LegacyLogin
            {
                private static readonly string PasswordGrant = "password";

                HttpContent Body(string user, string password)
                {
                    var form = new Dictionary<string, string>();
                    {|#0:form.Add("grant_type", PasswordGrant)|};
                    form.Add("username", user);
                    form["password"] = password;
                    return new FormUrlEncodedContent(form);
                }
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task NameValueCollection_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Specialized;
            using System.Net;

            class LegacyLogin
            {
                byte[] Login(WebClient client, string user, string password)
                {
                    var values = new NameValueCollection
                    {
                        {|#0:{ "grant_type", "password" }|},
                        { "username", user },
                        { "password", password },
                    };
                    return client.UploadValues("https://idp/oauth2/token", values);
                }
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task AnonymousObject_Flurl_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Flurl.Http;

            class LegacyLogin
            {
                Task<IFlurlResponse> LoginAsync(string user, string password)
                    => "https://idp/oauth/token".PostUrlEncodedAsync(new { {|#0:grant_type = "password"|}, username = user, password, client_id = "app" });
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task RestSharp_AddParameter_FluentChain_IsReported() => VerifyRopc.AnalyzerAsync("""
            using RestSharp;

            class LegacyLogin
            {
                RestRequest Build(string user, string password)
                    => {|#0:new RestRequest("oauth/token", Method.Post)
                        .AddParameter("grant_type", "password")|}
                        .AddParameter("username", user)
                        .AddParameter("password", password);
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task RestSharp_AddObject_AnonymousType_IsReported() => VerifyRopc.AnalyzerAsync("""
            using RestSharp;

            class LegacyLogin
            {
                RestRequest Build(string user, string password)
                    => new RestRequest("oauth/token", Method.Post).AddObject(new { {|#0:grant_type = "password"|}, username = user, password });
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task Tuple_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;

            class LegacyLogin
            {
                IEnumerable<(string, string)> Fields(string user, string password) => new[] { {|#0:("grant_type", "password")|}, ("username", user), ("password", password) };
            }
            """, Ropc001("form field grant_type=password"));

        [Theory]
        [InlineData("\"grant_type=password&username=\" + user + \"&password=\" + password")]
        [InlineData("$\"grant_type=password&username={user}&password={password}\"")]
        [InlineData("$\"username={user}&password={password}&grant_type={Grant}\"")]
        [InlineData("\"username=\" + user + \"&password=\" + password + \"&grant_type=password\"")]
        [InlineData("$\"{{\\\"grant_type\\\":\\\"password\\\",\\\"username\\\":\\\"{user}\\\"}}\"")]
        public Task StringBodies_AreReported(string body) => VerifyRopc.AnalyzerAsync($$"""
            using System.Net.Http;
            using System.Text;

            class LegacyLogin
            {
                const string Grant = "password";

                HttpContent Body(string user, string password)
                {
                    var text = {|#0:{{body}}|};
                    return new StringContent(text, Encoding.UTF8, "application/x-www-form-urlencoded");
                }
            }
            """, VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments("request body with grant_type=password"));

        [Fact]
        public Task StringFormatBody_ReportsTheFormat() => VerifyRopc.AnalyzerAsync("""
            class LegacyLogin
            {
                string Body(string user, string password) => string.Format({|#0:"grant_type=password&username={0}&password={1}"|}, user, password);
            }
            """, VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments("request body with grant_type=password"));

        [Theory]
        [InlineData("{ \"grant_type\", \"client_credentials\" }")]
        [InlineData("{ \"grant_type\", \"authorization_code\" }")]
        [InlineData("{ \"grant_type\", \"refresh_token\" }")]
        [InlineData("{ \"grant_type\", \"urn:ietf:params:oauth:grant-type:device_code\" }")]
        [InlineData("{ \"grant_type\", \"urn:ietf:params:oauth:grant-type:token-exchange\" }")]
        [InlineData("{ \"grant_type\", grant }")]
        [InlineData("{ \"username\", \"password\" }")]
        [InlineData("{ \"password\", \"grant_type\" }")]
        public Task OtherGrantsAndLoginForms_AreNotReported(string entry) => NoDiagnosticAsync($$"""
            using System.Collections.Generic;

            class Client
            {
                Dictionary<string, string> Form(string grant) => new Dictionary<string, string> { {{entry}} };
            }
            """);

        [Theory]
        [InlineData("\"grant_type=client_credentials&client_id=x\"")]
        [InlineData("\"grant_type=refresh_token&refresh_token=\" + token")]
        [InlineData("\"Never send grant_type=password from new code\"")]
        [InlineData("\"grant_type=password_reset\"")]
        [InlineData("$\"grant_type={token}\"")]
        public Task OtherBodiesAndProse_AreNotReported(string body) => NoDiagnosticAsync($$"""
            class Client
            {
                string Body(string token) => {{body}};
            }
            """);

        [Fact]
        public Task CommentsMentioningThePasswordGrant_AreNotReported() => NoDiagnosticAsync("""
            class Client
            {
                // Legacy code used to send grant_type=password here; see rules.md.
                /* { "grant_type", "password" } */
                string Body() => "grant_type=client_credentials";
            }
            """);

        [Fact]
        public Task ServerCodeCheckingTheGrantType_IsNotReported() => NoDiagnosticAsync("""
            using System.Collections.Generic;

            class TokenEndpoint
            {
                bool IsPasswordGrant(IDictionary<string, string> form, string body)
                {
                    if (form["grant_type"] == "password") return true;
                    if (form.TryGetValue("grant_type", out var grant) && grant == "password") return true;
                    switch (form["grant_type"]) { case "password": return true; }
                    return body.Contains("grant_type=password") || string.Equals(form["grant_type"], "password");
                }
            }
            """);

        [Fact]
        public Task PasswordHashingAndSignIn_AreNotReported() => NoDiagnosticAsync("""
            using System.Security.Cryptography;
            using System.Text;

            class Accounts
            {
                byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
                byte[] Derive(string password, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(password, salt, 100_000, HashAlgorithmName.SHA256, 32);
                object LoginForm(string user, string password) => new { username = user, password };
            }
            """);

        // ---------------------------------------------------------------- DTOs

        [Fact]
        public Task DtoWithGrantTypeProperty_DefaultPassword_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Text.Json.Serialization;

            class TokenBody
            {
                [JsonPropertyName("grant_type")]
                public string Kind { get; set; } {|#0:= "password"|};
                [JsonPropertyName("username")]
                public string User { get; set; } = "";
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task DtoWithExpressionBodiedGrantType_IsReported() => VerifyRopc.AnalyzerAsync("""
            class TokenBody
            {
                public string GrantType => {|#0:"password"|};
            }
            """, VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithSpan(3, 32, 3, 42).WithArguments("form field grant_type=password"));

        // ---------------------------------------------------------------- Approval

        [Theory]
        [InlineData("[TrustedLegacyRopc(\"Kiosk app; IdP is ours\")]", "")]
        [InlineData("", "[TrustedLegacyRopc(\"Kiosk app; IdP is ours\", Owner = \"team-identity\", Expires = \"2027-06-30\")]")]
        public Task ApprovedMethodOrType_IsNotReported(string onMethod, string onType) => NoDiagnosticAsync($$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            {{onType}}
            class LegacyLogin
            {
                {{onMethod}}
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });

                class Nested
                {
                    object Create(string user, string password) => new Azure.Identity.UsernamePasswordCredential(user, password, "t", "c");
                }
            }
            """.Replace("class Nested", string.IsNullOrEmpty(onType) ? "[TrustedLegacyRopc(\"x\")] class Nested" : "class Nested"));

        [Fact]
        public Task ApprovedPropertyConstructorLocalFunctionAndStruct_AreNotReported() => NoDiagnosticAsync("""
            using System.Collections.Generic;
            using RopcAnalyzers;

            class Forms
            {
                [TrustedLegacyRopc("Device without a browser; migration tracked in JIRA-42")]
                Dictionary<string, string> Form => new() { ["grant_type"] = "password" };

                [TrustedLegacyRopc("Device without a browser")]
                Forms() { var form = new Dictionary<string, string> { { "grant_type", "password" } }; }

                void M()
                {
                    [TrustedLegacyRopc("Device without a browser")]
                    Dictionary<string, string> Local() => new() { ["grant_type"] = "password" };
                    Local();
                }
            }

            [TrustedLegacyRopc("Device without a browser")]
            struct Body
            {
                public string Text => "grant_type=password";
            }
            """);

        [Fact]
        public Task ApprovalOnAnotherMember_DoesNotCover() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using RopcAnalyzers;

            class Forms
            {
                [TrustedLegacyRopc("approved")]
                Dictionary<string, string> Approved() => new() { ["grant_type"] = "password" };

                Dictionary<string, string> NotApproved() => new() { {|#0:["grant_type"] = "password"|} };
            }
            """, Ropc001("form field grant_type=password"));

        [Fact]
        public Task TeamsOwnCopyOfTheAttribute_IsRecognised() => NoDiagnosticAsync("""
            using System.Collections.Generic;

            namespace RopcAnalyzers
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                sealed class TrustedLegacyRopcAttribute2 : System.Attribute { }
            }

            namespace App
            {
                class Forms
                {
                    [RopcAnalyzers.TrustedLegacyRopc("our own copy")]
                    Dictionary<string, string> Approved() => new() { ["grant_type"] = "password" };
                }
            }
            """);

        [Fact]
        public Task AttributeWithSameNameInOtherNamespace_DoesNotApprove() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;

            namespace Other
            {
                sealed class TrustedLegacyRopcAttribute : System.Attribute { public TrustedLegacyRopcAttribute(string why) { } }

                class Forms
                {
                    [TrustedLegacyRopc("not ours")]
                    Dictionary<string, string> NotApproved() => new() { {|#0:["grant_type"] = "password"|} };
                }
            }
            """, Ropc001("form field grant_type=password"));
    }
}
