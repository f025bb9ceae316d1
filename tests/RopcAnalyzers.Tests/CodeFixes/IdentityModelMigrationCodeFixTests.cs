using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.CodeFixes
{
    /// <summary>
    /// The migrations keep the password method (marked [Obsolete]) so that callers compile; ROPC001 therefore stays on
    /// its request after the fix, and every fixed source still carries the {|#0:...|} markup of that request. Each
    /// fixed source is compiled against the real IdentityModel 6.2.0 or Duende.IdentityModel 8.1.0.
    /// </summary>
    public class IdentityModelMigrationCodeFixTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.UnapprovedRopcRequest);

        private const string AuthorizationCode = IdentityModelMigrationCodeFixProvider.AuthorizationCodeEquivalenceKey;
        private const string DeviceFlow = IdentityModelMigrationCodeFixProvider.DeviceFlowEquivalenceKey;

        private static DiagnosticResult Ropc001(string found)
            => VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments(found);

        private static RopcCodeFixTest<RopcUseAnalyzer, IdentityModelMigrationCodeFixProvider> Test(string library, string equivalenceKey, string source, string fixedSource, int? codeActionIndex = null)
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, IdentityModelMigrationCodeFixProvider>(source, fixedSource)
            {
                CodeActionEquivalenceKey = equivalenceKey,
                CodeActionIndex = codeActionIndex,
                NumberOfIncrementalIterations = 1,
            };
            test.ExpectedDiagnostics.Add(Ropc001(library + " RequestPasswordTokenAsync"));
            test.FixedState.ExpectedDiagnostics.Add(Ropc001(library + " RequestPasswordTokenAsync"));
            return test;
        }

        private static Task VerifyAsync(string library, string equivalenceKey, string source, string fixedSource, int? codeActionIndex = null)
            => Test(library, equivalenceKey, source, fixedSource, codeActionIndex).RunAsync();

        private static Task NotOfferedAsync(string equivalenceKey, string source, string found = "IdentityModel RequestPasswordTokenAsync")
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, IdentityModelMigrationCodeFixProvider>(source, source)
            {
                CodeActionEquivalenceKey = equivalenceKey,
            };
            test.ExpectedDiagnostics.Add(Ropc001(found));
            return test.RunAsync();
        }

        public static TheoryData<string> Libraries() => new() { "IdentityModel", "Duende.IdentityModel" };


        /// <summary>The authorize-URL method the fix writes (the same for both libraries, up to the values carried over).</summary>
        private static string AuthorizeUrlMethod(string modifiers, string stem, string clientId, string? scope) => $$"""
                /// <summary>
                /// Authorization code flow with PKCE (RFC 7636), step 1: the URL to open in the user's browser. Keep the code
                /// verifier and the state: the authorization server redirects to <paramref name="redirectUri"/> with a code and the
                /// state, which must equal this one before the code is redeemed with <see cref="Redeem{{stem}}AuthorizationCodeAsync"/>.
                /// </summary>
                {{modifiers}}(string AuthorizeUrl, string CodeVerifier, string State) Create{{stem}}AuthorizeUrl(string authorizeEndpoint, string redirectUri)
                {
                    // A fresh verifier for every sign-in; only its S256 challenge (base64url of the SHA-256 of its ASCII bytes) is sent.
                    var codeVerifier = CryptoRandom.CreateUniqueId(32);
                    string codeChallenge;
                    using (var sha256 = SHA256.Create())
                    {
                        codeChallenge = Convert.ToBase64String(sha256.ComputeHash(Encoding.ASCII.GetBytes(codeVerifier)))
                            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
                    }

                    var state = CryptoRandom.CreateUniqueId(16);
                    var authorizeUrl = new RequestUrl(authorizeEndpoint).CreateAuthorizeUrl(
                        clientId: {{clientId}},
                        responseType: OidcConstants.ResponseTypes.Code,{{(scope is null ? "" : $"\n            scope: {scope},")}}
                        redirectUri: redirectUri,
                        state: state,
                        codeChallenge: codeChallenge,
                        codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
                    return (authorizeUrl, codeVerifier, state);
                }
            """;

        /// <summary>The switch that ends the polling loop, at the indentation of the loop's body.</summary>
        private static string PollingSwitch(string response = "response", string interval = "interval") => $$"""
                        switch ({{response}}.Error)
                        {
                            case OidcConstants.TokenErrors.AuthorizationPending:
                                break;
                            case OidcConstants.TokenErrors.SlowDown:
                                {{interval}} += TimeSpan.FromSeconds(5);
                                break;
                            case OidcConstants.TokenErrors.ExpiredToken:
                            case OidcConstants.TokenErrors.AccessDenied:
                            default:
                                return {{response}};
                        }
            """;

        // ---------------------------------------------------------------- http.RequestPasswordTokenAsync(new PasswordTokenRequest { ... })

        private static string RequestObjectLogin(string root) => $$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using {{root}}.Client;

            class LegacyLogin
            {
                private readonly HttpClient http = new HttpClient();

                public async Task<string> LoginAsync(string user, string password)
                {
                    var response = await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = "https://idp.example.com/connect/token",
                        ClientId = "legacy",
                        ClientSecret = "secret",
                        Scope = "openid api",
                        UserName = user,
                        Password = password,
                    })|};
                    return response.AccessToken;
                }
            }
            """;

        private static string ObsoleteRequestObjectLogin(string root, string first, string second) => $$"""
                private readonly HttpClient http = new HttpClient();

                [Obsolete("Sends the user's password (ROPC), which RFC 9700 forbids: sign the user in with {{first}} and {{second}} instead.")]
                public async Task<string> LoginAsync(string user, string password)
                {
                    var response = await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = "https://idp.example.com/connect/token",
                        ClientId = "legacy",
                        ClientSecret = "secret",
                        Scope = "openid api",
                        UserName = user,
                        Password = password,
                    })|};
                    return response.AccessToken;
                }
            """;

        [Theory]
        [MemberData(nameof(Libraries))]
        public Task AuthorizationCode_FirstFix_WritesThePkceAuthorizeUrlAndTheCodeRedemption(string root) => VerifyAsync(root, AuthorizationCode, RequestObjectLogin(root), $$"""
            using System;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using {{root}};
            using {{root}}.Client;

            class LegacyLogin
            {
            {{ObsoleteRequestObjectLogin(root, "CreateLoginAuthorizeUrl", "RedeemLoginAuthorizationCodeAsync")}}

            {{AuthorizeUrlMethod("public ", "Login", "\"legacy\"", "\"openid api\"")}}

                /// <summary>
                /// Authorization code flow with PKCE, step 2: redeems the code the authorization server sent to the redirect URI,
                /// with the code verifier from <see cref="CreateLoginAuthorizeUrl"/>. Check that the returned state is the one sent first.
                /// </summary>
                public Task<TokenResponse> RedeemLoginAuthorizationCodeAsync(string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken = default)
                    => http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
                    {
                        Address = "https://idp.example.com/connect/token",
                        ClientId = "legacy",
                        ClientSecret = "secret",
                        Code = code,
                        RedirectUri = redirectUri,
                        CodeVerifier = codeVerifier,
                    }, cancellationToken);
            }
            """, codeActionIndex: 0);

        [Theory]
        [MemberData(nameof(Libraries))]
        public Task DeviceFlow_SecondFix_WritesTheDeviceAuthorizationAndThePollingLoop(string root) => VerifyAsync(root, DeviceFlow, RequestObjectLogin(root), $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using {{root}};
            using {{root}}.Client;

            class LegacyLogin
            {
            {{ObsoleteRequestObjectLogin(root, "RequestLoginDeviceAuthorizationAsync", "PollLoginDeviceTokenAsync")}}

                /// <summary>
                /// Device authorization grant (RFC 8628), step 1: asks for a device code. Show the user the response's
                /// VerificationUri and UserCode (or VerificationUriComplete), then wait for the sign-in with
                /// <see cref="PollLoginDeviceTokenAsync"/>.
                /// </summary>
                public Task<DeviceAuthorizationResponse> RequestLoginDeviceAuthorizationAsync(string deviceAuthorizationEndpoint, CancellationToken cancellationToken = default)
                    => http.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
                    {
                        Address = deviceAuthorizationEndpoint,
                        ClientId = "legacy",
                        ClientSecret = "secret",
                        Scope = "openid api",
                    }, cancellationToken);

                /// <summary>
                /// Device authorization grant, step 2: polls the token endpoint until the user has signed in on another device,
                /// at the interval the server asks for (5 seconds longer after each slow_down). Returns the error response when
                /// the device code expired (expired_token), the user declined (access_denied) or another error ended the flow.
                /// </summary>
                public async Task<TokenResponse> PollLoginDeviceTokenAsync(DeviceAuthorizationResponse authorization, CancellationToken cancellationToken = default)
                {
                    var interval = TimeSpan.FromSeconds(authorization.Interval > 0 ? authorization.Interval : 5);
                    while (true)
                    {
                        await Task.Delay(interval, cancellationToken);
                        var response = await http.RequestDeviceTokenAsync(new DeviceTokenRequest
                        {
                            Address = "https://idp.example.com/connect/token",
                            ClientId = "legacy",
                            ClientSecret = "secret",
                            DeviceCode = authorization.DeviceCode,
                        }, cancellationToken);

            {{PollingSwitch()}}
                    }
                }
            }
            """, codeActionIndex: 1);

        // ---------------------------------------------------------------- new TokenClient(http, options).RequestPasswordTokenAsync(...)

        private static string TokenClientLogin(string root) => $$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using {{root}}.Client;

            static class LegacyLogin
            {
                internal static Task<TokenResponse> LoginAsync(HttpMessageInvoker http, string clientSecret, string user, string password)
                {
                    var client = new TokenClient(http, new TokenClientOptions { Address = "https://idp.example.com/connect/token", ClientId = "legacy", ClientSecret = clientSecret });
                    return {|#0:client.RequestPasswordTokenAsync(user, password, scope: "api")|};
                }
            }
            """;

        private static string ObsoleteTokenClientLogin(string first, string second) => $$"""
                [Obsolete("Sends the user's password (ROPC), which RFC 9700 forbids: sign the user in with {{first}} and {{second}} instead.")]
                internal static Task<TokenResponse> LoginAsync(HttpMessageInvoker http, string clientSecret, string user, string password)
                {
                    var client = new TokenClient(http, new TokenClientOptions { Address = "https://idp.example.com/connect/token", ClientId = "legacy", ClientSecret = clientSecret });
                    return {|#0:client.RequestPasswordTokenAsync(user, password, scope: "api")|};
                }
            """;

        [Theory]
        [MemberData(nameof(Libraries))]
        public Task AuthorizationCode_TokenClient_CarriesOptionsParametersAndThePostBodyDefault(string root) => VerifyAsync(root, AuthorizationCode, TokenClientLogin(root), $$"""
            using System;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using {{root}};
            using {{root}}.Client;

            static class LegacyLogin
            {
            {{ObsoleteTokenClientLogin("CreateLoginAuthorizeUrl", "RedeemLoginAuthorizationCodeAsync")}}

            {{AuthorizeUrlMethod("internal static ", "Login", "\"legacy\"", "\"api\"")}}

                /// <summary>
                /// Authorization code flow with PKCE, step 2: redeems the code the authorization server sent to the redirect URI,
                /// with the code verifier from <see cref="CreateLoginAuthorizeUrl"/>. Check that the returned state is the one sent first.
                /// </summary>
                internal static Task<TokenResponse> RedeemLoginAuthorizationCodeAsync(HttpMessageInvoker http, string clientSecret, string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken = default)
                    => http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
                    {
                        Address = "https://idp.example.com/connect/token",
                        ClientId = "legacy",
                        ClientSecret = clientSecret,
                        ClientCredentialStyle = ClientCredentialStyle.PostBody,
                        Code = code,
                        RedirectUri = redirectUri,
                        CodeVerifier = codeVerifier,
                    }, cancellationToken);
            }
            """);

        [Theory]
        [MemberData(nameof(Libraries))]
        public Task DeviceFlow_TokenClient_CarriesOptionsParametersAndThePostBodyDefault(string root) => VerifyAsync(root, DeviceFlow, TokenClientLogin(root), $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using {{root}};
            using {{root}}.Client;

            static class LegacyLogin
            {
            {{ObsoleteTokenClientLogin("RequestLoginDeviceAuthorizationAsync", "PollLoginDeviceTokenAsync")}}

                /// <summary>
                /// Device authorization grant (RFC 8628), step 1: asks for a device code. Show the user the response's
                /// VerificationUri and UserCode (or VerificationUriComplete), then wait for the sign-in with
                /// <see cref="PollLoginDeviceTokenAsync"/>.
                /// </summary>
                internal static Task<DeviceAuthorizationResponse> RequestLoginDeviceAuthorizationAsync(HttpMessageInvoker http, string clientSecret, string deviceAuthorizationEndpoint, CancellationToken cancellationToken = default)
                    => http.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
                    {
                        Address = deviceAuthorizationEndpoint,
                        ClientId = "legacy",
                        ClientSecret = clientSecret,
                        ClientCredentialStyle = ClientCredentialStyle.PostBody,
                        Scope = "api",
                    }, cancellationToken);

                /// <summary>
                /// Device authorization grant, step 2: polls the token endpoint until the user has signed in on another device,
                /// at the interval the server asks for (5 seconds longer after each slow_down). Returns the error response when
                /// the device code expired (expired_token), the user declined (access_denied) or another error ended the flow.
                /// </summary>
                internal static async Task<TokenResponse> PollLoginDeviceTokenAsync(HttpMessageInvoker http, string clientSecret, DeviceAuthorizationResponse authorization, CancellationToken cancellationToken = default)
                {
                    var interval = TimeSpan.FromSeconds(authorization.Interval > 0 ? authorization.Interval : 5);
                    while (true)
                    {
                        await Task.Delay(interval, cancellationToken);
                        var response = await http.RequestDeviceTokenAsync(new DeviceTokenRequest
                        {
                            Address = "https://idp.example.com/connect/token",
                            ClientId = "legacy",
                            ClientSecret = clientSecret,
                            ClientCredentialStyle = ClientCredentialStyle.PostBody,
                            DeviceCode = authorization.DeviceCode,
                        }, cancellationToken);

            {{PollingSwitch()}}
                    }
                }
            }
            """);

        // ---------------------------------------------------------------- callers, names, carried values

        [Fact]
        public Task Callers_KeepCompiling_WithAnObsoleteWarningThatNamesTheNewMethods()
        {
            const string message = "Sends the user's password (ROPC), which RFC 9700 forbids: sign the user in with CreateSignInAuthorizeUrl and RedeemSignInAuthorizationCodeAsync instead.";
            var test = Test("IdentityModel", AuthorizationCode, """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class LegacyLogin
                {
                    private static readonly HttpClient Http = new HttpClient();

                    public static Task<TokenResponse> SignInAsync(string user, string password)
                        => {|#0:Http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", ClientId = "app", UserName = user, Password = password })|};
                }

                class Caller
                {
                    async Task<string> UseAsync() => (await LegacyLogin.SignInAsync("user", "password")).AccessToken!;
                }
                """, $$"""
                using System;
                using System.Net.Http;
                using System.Security.Cryptography;
                using System.Text;
                using System.Threading;
                using System.Threading.Tasks;
                using IdentityModel;
                using IdentityModel.Client;

                class LegacyLogin
                {
                    private static readonly HttpClient Http = new HttpClient();

                    [Obsolete("{{message}}")]
                    public static Task<TokenResponse> SignInAsync(string user, string password)
                        => {|#0:Http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", ClientId = "app", UserName = user, Password = password })|};

                    /// <summary>
                    /// Authorization code flow with PKCE (RFC 7636), step 1: the URL to open in the user's browser. Keep the code
                    /// verifier and the state: the authorization server redirects to <paramref name="redirectUri"/> with a code and the
                    /// state, which must equal this one before the code is redeemed with <see cref="RedeemSignInAuthorizationCodeAsync"/>.
                    /// </summary>
                    public static (string AuthorizeUrl, string CodeVerifier, string State) CreateSignInAuthorizeUrl(string authorizeEndpoint, string redirectUri)
                    {
                        // A fresh verifier for every sign-in; only its S256 challenge (base64url of the SHA-256 of its ASCII bytes) is sent.
                        var codeVerifier = CryptoRandom.CreateUniqueId(32);
                        string codeChallenge;
                        using (var sha256 = SHA256.Create())
                        {
                            codeChallenge = Convert.ToBase64String(sha256.ComputeHash(Encoding.ASCII.GetBytes(codeVerifier)))
                                .TrimEnd('=').Replace('+', '-').Replace('/', '_');
                        }

                        var state = CryptoRandom.CreateUniqueId(16);
                        var authorizeUrl = new RequestUrl(authorizeEndpoint).CreateAuthorizeUrl(
                            clientId: "app",
                            responseType: OidcConstants.ResponseTypes.Code,
                            redirectUri: redirectUri,
                            state: state,
                            codeChallenge: codeChallenge,
                            codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
                        return (authorizeUrl, codeVerifier, state);
                    }

                    /// <summary>
                    /// Authorization code flow with PKCE, step 2: redeems the code the authorization server sent to the redirect URI,
                    /// with the code verifier from <see cref="CreateSignInAuthorizeUrl"/>. Check that the returned state is the one sent first.
                    /// </summary>
                    public static Task<TokenResponse> RedeemSignInAuthorizationCodeAsync(string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken = default)
                        => Http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
                        {
                            Address = "https://idp/connect/token",
                            ClientId = "app",
                            Code = code,
                            RedirectUri = redirectUri,
                            CodeVerifier = codeVerifier,
                        }, cancellationToken);
                }

                class Caller
                {
                    async Task<string> UseAsync() => (await {|#1:LegacyLogin.SignInAsync("user", "password")|}).AccessToken!;
                }
                """);
            test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
            test.DisabledDiagnostics.AddRange(new[] { "CS1701", "CS1702" }); // reference unification between the packages and net10.0
            test.FixedState.ExpectedDiagnostics.Add(DiagnosticResult.CompilerWarning("CS0618").WithLocation(1).WithArguments("LegacyLogin.SignInAsync(string, string)", message));
            return test.RunAsync();
        }

        [Fact]
        public Task TakenNames_GetANumberAndCarriedMembersAreNotShadowed() => VerifyAsync("IdentityModel", DeviceFlow, """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                private readonly string interval = "https://idp/connect/token";
                private readonly string response = "app";

                public Task<TokenResponse> Login(HttpClient http, string user, string password, CancellationToken cancellationToken)
                    => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = interval, ClientId = response, UserName = user, Password = password }, cancellationToken)|};

                public void PollLoginDeviceTokenAsync() { }
            }
            """, $$"""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using IdentityModel;
            using IdentityModel.Client;

            class LegacyLogin
            {
                private readonly string interval = "https://idp/connect/token";
                private readonly string response = "app";

                [Obsolete("Sends the user's password (ROPC), which RFC 9700 forbids: sign the user in with RequestLoginDeviceAuthorizationAsync and PollLoginDeviceToken2Async instead.")]
                public Task<TokenResponse> Login(HttpClient http, string user, string password, CancellationToken cancellationToken)
                    => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = interval, ClientId = response, UserName = user, Password = password }, cancellationToken)|};

                /// <summary>
                /// Device authorization grant (RFC 8628), step 1: asks for a device code. Show the user the response's
                /// VerificationUri and UserCode (or VerificationUriComplete), then wait for the sign-in with
                /// <see cref="PollLoginDeviceToken2Async"/>.
                /// </summary>
                public Task<DeviceAuthorizationResponse> RequestLoginDeviceAuthorizationAsync(HttpClient http, string deviceAuthorizationEndpoint, CancellationToken cancellationToken2 = default)
                    => http.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
                    {
                        Address = deviceAuthorizationEndpoint,
                        ClientId = response,
                    }, cancellationToken2);

                /// <summary>
                /// Device authorization grant, step 2: polls the token endpoint until the user has signed in on another device,
                /// at the interval the server asks for (5 seconds longer after each slow_down). Returns the error response when
                /// the device code expired (expired_token), the user declined (access_denied) or another error ended the flow.
                /// </summary>
                public async Task<TokenResponse> PollLoginDeviceToken2Async(HttpClient http, DeviceAuthorizationResponse authorization, CancellationToken cancellationToken2 = default)
                {
                    var interval2 = TimeSpan.FromSeconds(authorization.Interval > 0 ? authorization.Interval : 5);
                    while (true)
                    {
                        await Task.Delay(interval2, cancellationToken2);
                        var response2 = await http.RequestDeviceTokenAsync(new DeviceTokenRequest
                        {
                            Address = interval,
                            ClientId = response,
                            DeviceCode = authorization.DeviceCode,
                        }, cancellationToken2);

            {{PollingSwitch("response2", "interval2")}}
                    }
                }

                public void PollLoginDeviceTokenAsync() { }
            }
            """);

        [Fact]
        public Task ResourceIndicatorsAndClientAssertion_AreCarriedToTheCodeRedemption() => VerifyAsync("Duende.IdentityModel", AuthorizationCode, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Duende.IdentityModel.Client;

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpMessageInvoker http, string assertion, string user, string password)
                {
                    var request = new PasswordTokenRequest
                    {
                        Address = "https://idp/connect/token",
                        ClientId = "app",
                        ClientAssertion = { Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", Value = assertion },
                        Resource = { "urn:api1", "urn:api2" },
                        UserName = user,
                        Password = password,
                    };
                    return {|#0:http.RequestPasswordTokenAsync(request)|};
                }
            }
            """, $$"""
            using System;
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Duende.IdentityModel;
            using Duende.IdentityModel.Client;

            class LegacyLogin
            {
                [Obsolete("Sends the user's password (ROPC), which RFC 9700 forbids: sign the user in with CreateLoginAuthorizeUrl and RedeemLoginAuthorizationCodeAsync instead.")]
                Task<TokenResponse> LoginAsync(HttpMessageInvoker http, string assertion, string user, string password)
                {
                    var request = new PasswordTokenRequest
                    {
                        Address = "https://idp/connect/token",
                        ClientId = "app",
                        ClientAssertion = { Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", Value = assertion },
                        Resource = { "urn:api1", "urn:api2" },
                        UserName = user,
                        Password = password,
                    };
                    return {|#0:http.RequestPasswordTokenAsync(request)|};
                }

            {{AuthorizeUrlMethod("", "Login", "\"app\"", null)}}

                /// <summary>
                /// Authorization code flow with PKCE, step 2: redeems the code the authorization server sent to the redirect URI,
                /// with the code verifier from <see cref="CreateLoginAuthorizeUrl"/>. Check that the returned state is the one sent first.
                /// </summary>
                Task<TokenResponse> RedeemLoginAuthorizationCodeAsync(HttpMessageInvoker http, string assertion, string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken = default)
                    => http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
                    {
                        Address = "https://idp/connect/token",
                        ClientId = "app",
                        ClientAssertion = { Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", Value = assertion },
                        Resource = { "urn:api1", "urn:api2" },
                        Code = code,
                        RedirectUri = redirectUri,
                        CodeVerifier = codeVerifier,
                    }, cancellationToken);
            }
            """);

        [Fact]
        public Task ResourceIndicators_DeviceFlowIsNotOffered() => NotOfferedAsync(DeviceFlow, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", ClientId = "app", Resource = { "urn:api" }, UserName = user, Password = password })|};
            }
            """);

        // ---------------------------------------------------------------- not offered

        public static TheoryData<string, string> ShapesThatCannotBeCarriedOver() => new()
        {
            {
                "token endpoint from a local (discovery document)",
                """
                async Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                {
                    var disco = await http.GetDiscoveryDocumentAsync("https://idp");
                    return await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = disco.TokenEndpoint, ClientId = "app", UserName = user, Password = password })|};
                }
                """
            },
            {
                "request object from a parameter",
                "Task<TokenResponse> LoginAsync(HttpClient http, PasswordTokenRequest request) => {|#0:http.RequestPasswordTokenAsync(request)|};"
            },
            {
                "request object changed after its initializer",
                """
                Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                {
                    var request = new PasswordTokenRequest { Address = "https://idp/connect/token", ClientId = "app", UserName = user, Password = password };
                    request.ClientSecret = "secret";
                    return {|#0:http.RequestPasswordTokenAsync(request)|};
                }
                """
            },
            {
                "extra form parameters",
                "Task<TokenResponse> LoginAsync(HttpClient http, string user, string password) => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = \"https://idp/connect/token\", ClientId = \"app\", Parameters = { { \"acr_values\", \"tenant:x\" } }, UserName = user, Password = password })|};"
            },
            {
                "no client id",
                "Task<TokenResponse> LoginAsync(HttpClient http, string user, string password) => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = \"https://idp/connect/token\", UserName = user, Password = password })|};"
            },
            {
                "a TokenClient whose options are not in reach",
                "private readonly TokenClient client = null!; Task<TokenResponse> LoginAsync(string user, string password) => {|#0:client.RequestPasswordTokenAsync(user, password)|};"
            },
            {
                "a TokenClient created from an invoker factory",
                "Task<TokenResponse> LoginAsync(HttpClient http, string user, string password) => {|#0:new TokenClient(() => http, new TokenClientOptions { Address = \"https://idp/connect/token\", ClientId = \"app\" }).RequestPasswordTokenAsync(user, password)|};"
            },
            {
                "a value from a lambda parameter",
                "System.Func<string, Task<TokenResponse>> Login(HttpClient http, string user, string password) => clientId => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = \"https://idp/connect/token\", ClientId = clientId, UserName = user, Password = password })|};"
            },
            {
                "an already obsolete method",
                "[System.Obsolete] Task<TokenResponse> LoginAsync(HttpClient http, string user, string password) => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = \"https://idp/connect/token\", ClientId = \"app\", UserName = user, Password = password })|};"
            },
            {
                "a generic method",
                "Task<TokenResponse> LoginAsync<T>(HttpClient http, string user, string password) => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = \"https://idp/connect/token\", ClientId = typeof(T).Name, UserName = user, Password = password })|};"
            },
        };

        [Theory]
        [MemberData(nameof(ShapesThatCannotBeCarriedOver))]
        public async Task ValuesOutOfReach_AreNotOffered(string reason, string member)
        {
            Assert.NotEmpty(reason);
            foreach (var equivalenceKey in new[] { AuthorizationCode, DeviceFlow })
            {
                await NotOfferedAsync(equivalenceKey, $$"""
                    using System.Net.Http;
                    using System.Threading.Tasks;
                    using IdentityModel.Client;

                    class LegacyLogin
                    {
                        {{member}}
                    }
                    """);
            }
        }

        [Fact]
        public Task HalfTypedValue_IsNotOffered()
        {
            const string source = """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class LegacyLogin
                {
                    Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                        => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", ClientId = {|#1:clientI|}, UserName = user, Password = password })|};
                }
                """;
            var test = new RopcCodeFixTest<RopcUseAnalyzer, IdentityModelMigrationCodeFixProvider>(source, source) { CodeActionEquivalenceKey = AuthorizationCode };
            test.ExpectedDiagnostics.Add(Ropc001("IdentityModel RequestPasswordTokenAsync"));
            test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0103").WithLocation(1).WithArguments("clientI"));
            return test.RunAsync();
        }

        [Fact]
        public Task Override_IsNotOffered() => NotOfferedAsync(AuthorizationCode, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            abstract class Login
            {
                public abstract Task<TokenResponse> LoginAsync(HttpClient http, string user, string password);
            }

            class LegacyLogin : Login
            {
                public override Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                    => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", ClientId = "app", UserName = user, Password = password })|};
            }
            """);

        [Theory]
        [InlineData("PasswordTokenRequest Create(string user, string password) => {|#0:new PasswordTokenRequest { Address = \"https://idp/connect/token\", ClientId = \"app\", UserName = user, Password = password }|};", "IdentityModel PasswordTokenRequest")]
        [InlineData("Task<TokenResponse> LoginAsync(HttpClient http, string user, string password) => http.RequestTokenAsync(new TokenRequest { Address = \"https://idp/connect/token\", ClientId = \"app\", {|#0:GrantType = \"password\"|}, Parameters = { { \"username\", user }, { \"password\", password } } });", "IdentityModel TokenRequest with GrantType \"password\"")]
        public Task OtherIdentityModelShapes_AreNotOffered(string member, string found) => NotOfferedAsync(AuthorizationCode, $$"""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                {{member}}
            }
            """, found);
    }
}
