using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>
    /// ROPC that real projects spread across methods, types and files: a session class that keeps the password and
    /// calls the project's own helper in another file, wrappers of wrappers, constructors that keep what a method
    /// later sends, grant values held by settings objects. Each case is a small project of several files, analysed
    /// with every rule of <see cref="RopcUseAnalyzer"/>, both with the OAuth libraries referenced (every operation is
    /// searched) and, where the sources need none, without them (only code blocks with a grant literal or a wrapper
    /// call are searched): the diagnostics must be the same.
    /// </summary>
    public class WholeProgramTests
    {
        private const string FormRequest = "form field grant_type=password";

        private static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor, int location, params int[] additional)
        {
            var result = new DiagnosticResult(descriptor).WithLocation(location);
            foreach (var key in additional)
            {
                result = result.WithLocation(key, DiagnosticLocationOptions.InterpretAsMarkupKey);
            }

            return result;
        }

        private static async Task ProjectAsync((string Path, string Source)[] files, DiagnosticResult[] expected, bool needsLibraries = false)
        {
            foreach (var withLibraries in needsLibraries ? new[] { true } : new[] { true, false })
            {
                var test = new RopcAnalyzerTest<RopcUseAnalyzer>(string.Empty, withLibraries);
                test.TestState.Sources.Clear();
                test.TestState.Sources.Add(("TrustedLegacyRopcAttribute.cs", ShippedSources.TrustedLegacyRopcAttribute));
                foreach (var file in files)
                {
                    test.TestState.Sources.Add(file);
                }

                test.TestState.OutputKind = files.Any(file => file.Path == "Program.cs") ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
                test.ExpectedDiagnostics.AddRange(expected);
                await test.RunAsync();
            }
        }

        // ---------------------------------------------------------------- 1. project wrappers

        private const string AuthHelper = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Contoso.Api
            {
                public sealed record Token(string AccessToken);

                public static class AuthHelper
                {
                    private static readonly HttpClient Http = new HttpClient();

                    public static async Task<Token> GetTokenAsync(string url, string user, string pwd)
                    {
                        var form = new Dictionary<string, string>
                        {
                            {|#20:{ "grant_type", "password" }|},
                            { "username", user },
                            { "password", pwd },
                        };
                        var response = await Http.PostAsync(url + "/connect/token", new FormUrlEncodedContent(form));
                        return new Token(await response.Content.ReadAsStringAsync());
                    }
                }
            }
            """;

        private static readonly (string Path, string Source)[] SessionProject =
            {
                ("AuthHelper.cs", AuthHelper),
                ("Session.cs", """
                    using System.Threading.Tasks;

                    namespace Contoso.Api
                    {
                        public sealed class Session
                        {
                            private readonly string _baseUrl;
                            private readonly string _user;
                            private readonly string {|#0:_password|};

                            public Session(string baseUrl, string user, string password)
                            {
                                _baseUrl = baseUrl;
                                _user = user;
                                _password = password;
                            }

                            public Task<Token> RenewAsync() => {|#1:AuthHelper.GetTokenAsync(_baseUrl, _user, _password)|};
                        }
                    }
                    """),
                ("Program.cs", """
                    using System;
                    using Contoso.Api;

                    var session = {|#10:new Session({|#11:"http://idp.contoso.com"|}, "bob", {|#12:"hunter2"|})|};
                    Console.WriteLine((await session.RenewAsync()).AccessToken);
                    """),
            };

        [Fact]
        public Task SessionKeepingThePassword_ForTheProjectsHelper_ReportsTheFieldWithTheChain() => ProjectAsync(
            SessionProject,
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 20).WithArguments(FormRequest),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 20)
                    .WithArguments($"Session.RenewAsync → AuthHelper.GetTokenAsync → {FormRequest}", "kept in field '_password'"),
                Diagnostic(Descriptors.CleartextTokenEndpoint, 11, 1, 20)
                    .WithArguments($"Program (top-level) → new Session → Session.RenewAsync → AuthHelper.GetTokenAsync → {FormRequest}", "http://idp.contoso.com"),
                Diagnostic(Descriptors.HardCodedPassword, 12, 1, 20)
                    .WithArguments($"Program (top-level) → new Session → Session.RenewAsync → AuthHelper.GetTokenAsync → {FormRequest}"),
            });
        /// <summary>
        /// The editor analyses the document being edited, not the whole project: what the build reports in a file must
        /// appear when that file alone is analysed, in whatever order the files are opened.
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task EditorAnalysisOfEachDocument_ReportsWhatTheBuildReportsThere(bool withLibraries)
        {
            var trees = SessionProject.Select(file => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
                System.Text.RegularExpressions.Regex.Replace(file.Source, @"\{\|[^:|{}]*:|\|\}", string.Empty), path: file.Path)).ToList();
            trees.Add(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(ShippedSources.TrustedLegacyRopcAttribute, path: "TrustedLegacyRopcAttribute.cs"));
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
                "Editor",
                trees,
                withLibraries ? TestReferences.All : TestReferences.Framework,
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));

            static string Describe(Diagnostic diagnostic) => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan()} {diagnostic.GetMessage()} +{diagnostic.AdditionalLocations.Count}";
            var analyzers = System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new RopcUseAnalyzer());
            var build = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
            Assert.Equal(new[] { "ROPC001", "ROPC002", "ROPC007", "ROPC008" }, build.Select(diagnostic => diagnostic.Id).OrderBy(id => id));

            foreach (var tree in trees.AsEnumerable().Reverse())
            {
                var editor = compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new RopcUseAnalyzer()));
                var inDocument = await editor.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, default);
                Assert.Equal(
                    build.Where(diagnostic => diagnostic.Location.SourceTree == tree).Select(Describe).OrderBy(text => text),
                    inDocument.Select(Describe).OrderBy(text => text));
            }
        }

        [Fact]
        public Task WrappersOfWrappers_WithTheGrantInASettingsObject_ReportTheRequestOnceAndTheKeptPasswordWithTheChain() => ProjectAsync(
            new[]
            {
                ("TokenSettings.cs", """
                    namespace Contoso.Sync
                    {
                        public sealed class TokenSettings
                        {
                            public TokenSettings(string grantType, string userName, string password)
                            {
                                GrantType = grantType;
                                UserName = userName;
                                Password = password;
                            }

                            public string GrantType { get; }
                            public string UserName { get; }
                            public string Password { get; }
                            public string Scope { get; set; } = "api offline_access";
                        }
                    }
                    """),
                ("Http.cs", """
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    namespace Contoso.Sync
                    {
                        internal static class Http
                        {
                            private static readonly HttpClient Client = new HttpClient();

                            public static async Task<string> FormPostAsync(string url, IDictionary<string, string> form)
                            {
                                var response = await Client.PostAsync(url, new FormUrlEncodedContent(form));
                                return await response.Content.ReadAsStringAsync();
                            }
                        }
                    }
                    """),
                ("Auth.cs", """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;

                    namespace Contoso.Sync
                    {
                        internal static class Auth
                        {
                            public static Task<string> RequestAsync(string tokenUrl, TokenSettings settings)
                            {
                                var data = new Dictionary<string, string>();
                                {|#20:data.Add("grant_type", settings.GrantType)|};
                                data.Add("username", settings.UserName);
                                data.Add("password", settings.Password);
                                data.Add("scope", settings.Scope);
                                return Http.FormPostAsync(tokenUrl, data);
                            }
                        }
                    }
                    """),
                ("Client.cs", """
                    using System.Threading.Tasks;

                    namespace Contoso.Sync
                    {
                        public sealed class Client
                        {
                            private readonly string _tokenUrl;

                            public Client(string tokenUrl) => _tokenUrl = tokenUrl;

                            public Task<string> LoginAsync(string user, string pwd)
                                => {|#2:Auth.RequestAsync(_tokenUrl, new TokenSettings("password", user, pwd))|};
                        }
                    }
                    """),
                ("MainForm.cs", """
                    using System.Threading.Tasks;

                    namespace Contoso.Sync
                    {
                        public sealed class MainForm
                        {
                            private readonly Client _client = new Client("https://idp.contoso.com/connect/token");
                            private string? {|#0:_savedPassword|};
                            private string? _lastToken;

                            public async Task SignInAsync(string user, string pwd)
                            {
                                _savedPassword = pwd;
                                _lastToken = await _client.LoginAsync(user, pwd);
                            }

                            public async Task RetryAsync(string user) => _lastToken = await {|#1:_client.LoginAsync(user, _savedPassword!)|};
                        }
                    }
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 20).WithArguments(FormRequest),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 2, 20)
                    .WithArguments($"MainForm.RetryAsync → Client.LoginAsync → Auth.RequestAsync → {FormRequest}", "kept in field '_savedPassword'"),
            });

        [Fact]
        public Task GrantChosenByACondition_WhoseEveryBranchIsAPasswordGrant_IsARequest() => ProjectAsync(
            new[]
            {
                ("Auth0Login.cs", """
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    public sealed class Auth0Login
                    {
                        private readonly HttpClient http = new HttpClient();

                        public Task<HttpResponseMessage> LogInAsync(string user, string password, string? realm)
                        {
                            var grant = realm == null ? "password" : "http://auth0.com/oauth/grant-type/password-realm";
                            var form = new Dictionary<string, string?>();
                            {|#0:form["grant_type"] = grant|};
                            form["username"] = user;
                            form["password"] = password;
                            form["realm"] = realm;
                            return http.PostAsync("https://contoso.auth0.com/oauth/token", new FormUrlEncodedContent(form));
                        }
                    }
                    """),
            },
            new[] { Diagnostic(Descriptors.UnapprovedRopcRequest, 0).WithArguments(FormRequest) });

        [Fact]
        public Task GrantFromAConstructorParameter_ThatEveryCallPassesThePasswordGrant_IsARequest() => ProjectAsync(
            new[]
            {
                ("GrantRequest.cs", """
                    public sealed record GrantRequest(string GrantType, string UserName, string Password)
                    {
                        public static GrantRequest ForUser(string user, string password) => new GrantRequest("password", user, password);
                    }
                    """),
                ("TokenApi.cs", """
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    public static class TokenApi
                    {
                        public static Task<HttpResponseMessage> SendAsync(HttpClient http, GrantRequest request)
                            => http.PostAsync("https://idp.contoso.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                            {
                                {|#0:{ "grant_type", request.GrantType }|},
                                { "username", request.UserName },
                                { "password", request.Password },
                            }));
                    }
                    """),
            },
            new[] { Diagnostic(Descriptors.UnapprovedRopcRequest, 0).WithArguments(FormRequest) });

        // ---------------------------------------------------------------- look-alikes

        [Fact]
        public Task GrantMemberThatAlsoHoldsAnotherGrant_IsNotASecondRequest() => ProjectAsync(
            new[]
            {
                ("TokenOptions.cs", """
                    public sealed class TokenOptions
                    {
                        public string GrantType { get; set; } = "";
                        public string Secret { get; set; } = "";

                        public static TokenOptions ForUser(string password) => new TokenOptions { {|#0:GrantType = "password"|}, Secret = password };
                        public static TokenOptions ForService(string secret) => new TokenOptions { GrantType = "client_credentials", Secret = secret };
                    }
                    """),
                ("TokenApi.cs", """
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    // The request object built for the password grant is reported where it is built; the form that copies
                    // a grant that is sometimes client_credentials is not another request.
                    public static class TokenApi
                    {
                        public static Task<HttpResponseMessage> SendAsync(HttpClient http, TokenOptions options)
                            => http.PostAsync("https://idp.contoso.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                            {
                                { "grant_type", options.GrantType },
                                { "secret", options.Secret },
                            }));
                    }
                    """),
            },
            new[] { Diagnostic(Descriptors.UnapprovedRopcRequest, 0).WithArguments(FormRequest) });

        [Fact]
        public Task SessionKeepingAPasswordForHelpersThatSendNoPasswordGrant_IsSilent() => ProjectAsync(
            new[]
            {
                ("Helpers.cs", """
                    using System;
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Security.Cryptography;
                    using System.Text;
                    using System.Threading.Tasks;

                    public static class Helpers
                    {
                        private static readonly HttpClient Http = new HttpClient();

                        public static string Hash(string password) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

                        public static bool IsStrong(string password) => password.Length >= 12;

                        // A site's own login form, posted without grant_type=password.
                        public static Task<HttpResponseMessage> PostLoginFormAsync(string url, string user, string password)
                            => Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { { "username", user }, { "password", password } }));

                        // The password grant, with the password hashed first: the hash, not the password, is what is sent.
                        public static Task<HttpResponseMessage> LegacyTokenAsync(string user, string password)
                            => Http.PostAsync("https://idp.contoso.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                            {
                                {|#0:{ "grant_type", "password" }|},
                                { "username", user },
                                { "password", Hash(password) },
                            }));
                    }
                    """),
                ("Session.cs", """
                    using System.Threading.Tasks;

                    public sealed class Session
                    {
                        private readonly string user;
                        private readonly string password;
                        private string? refreshToken;

                        public Session(string user, string password)
                        {
                            this.user = user;
                            this.password = password;
                        }

                        public bool IsStrong => Helpers.IsStrong(password);

                        public string Fingerprint => Helpers.Hash(password);

                        public async Task LogInToWebsiteAsync() => await Helpers.PostLoginFormAsync("http://intranet.contoso.com/login", user, password);

                        public async Task LogInAsync()
                        {
                            var response = await Helpers.LegacyTokenAsync(user, "unused-" + user);
                            refreshToken = await response.Content.ReadAsStringAsync();
                        }
                    }
                    """),
            },
            new[] { Diagnostic(Descriptors.UnapprovedRopcRequest, 0).WithArguments(FormRequest) });
        // ---------------------------------------------------------------- 3. credential objects that carry the password

        [Fact]
        public Task CredentialObjectKeptInAField_ReportsTheField() => ProjectAsync(
            new[]
            {
                ("PowerBiClient.cs", """
                    using System.Threading.Tasks;
                    using Azure.Core;
                    using Azure.Identity;

                    public sealed class PowerBiClient
                    {
                        private static readonly string[] Scopes = { "https://analysis.windows.net/powerbi/api/.default" };
                        private readonly TokenCredential credential;

                        public PowerBiClient(string user, string password, string tenant)
                        {
                            {|#0:credential = {|#1:new UsernamePasswordCredential(user, password, tenant, "pbi-embed")|}|};
                        }

                        public async Task<string> AccessTokenAsync()
                            => (await credential.GetTokenAsync(new TokenRequestContext(Scopes), default)).Token;
                    }
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 1).WithArguments("Azure.Identity UsernamePasswordCredential"),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1).WithArguments("Azure.Identity UsernamePasswordCredential", "kept in field 'credential'"),
            },
            needsLibraries: true);

        [Fact]
        public Task FormCollectionKeptInAField_ReportsTheField() => ProjectAsync(
            new[]
            {
                ("TokenSource.cs", """
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    public sealed class TokenSource
                    {
                        private readonly HttpClient http = new HttpClient();
                        private readonly Dictionary<string, string> form;

                        public TokenSource(string user, string password)
                        {
                            {|#0:form = new Dictionary<string, string>
                            {
                                {|#1:{ "grant_type", "password" }|},
                                { "username", user },
                                { "password", password },
                            }|};
                        }

                        public Task<HttpResponseMessage> RefreshAsync() => http.PostAsync("https://idp.contoso.com/token", new FormUrlEncodedContent(form));
                    }
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 1).WithArguments(FormRequest),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1).WithArguments(FormRequest, "kept in field 'form'"),
            });

        // ---------------------------------------------------------------- 4. persistence outside the sending type

        [Fact]
        public Task StaticConfigurationHolder_FeedingAWrapperElsewhere_ReportsTheStaticField() => ProjectAsync(
            new[]
            {
                ("AuthHelper.cs", AuthHelper),
                ("AppConfig.cs", """
                    using System;

                    namespace Contoso.Api
                    {
                        internal static class AppConfig
                        {
                            public static readonly string Authority = Environment.GetEnvironmentVariable("PBI_AUTHORITY") ?? "https://idp.contoso.com";
                            public static readonly string User = Environment.GetEnvironmentVariable("PBI_USER") ?? "";
                            public static readonly string {|#0:Password|} = Environment.GetEnvironmentVariable("PBI_PASSWORD") ?? "";
                        }
                    }
                    """),
                ("ReportService.cs", """
                    using System.Threading.Tasks;

                    namespace Contoso.Api
                    {
                        public sealed class ReportService
                        {
                            public async Task<string> EmbedTokenAsync() => (await {|#1:AuthHelper.GetTokenAsync(AppConfig.Authority, AppConfig.User, AppConfig.Password)|}).AccessToken;
                        }
                    }
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 20).WithArguments(FormRequest),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 20)
                    .WithArguments($"ReportService.EmbedTokenAsync → AuthHelper.GetTokenAsync → {FormRequest}", "kept in field 'Password'"),
            });

        [Fact]
        public Task TokenCacheKeyedWithThePassword_ReportsTheWrite() => ProjectAsync(
            new[]
            {
                ("AuthHelper.cs", AuthHelper),
                ("TokenCache.cs", """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;

                    namespace Contoso.Api
                    {
                        public sealed class TokenCache
                        {
                            private readonly Dictionary<string, string> tokens = new Dictionary<string, string>();

                            public async Task<string> GetAsync(string user, string password)
                            {
                                var key = $"{user}|{password}";
                                if (tokens.TryGetValue(key, out var cached))
                                {
                                    return cached;
                                }

                                var token = (await {|#1:AuthHelper.GetTokenAsync("https://idp.contoso.com", user, password)|}).AccessToken;
                                {|#0:tokens[key] = token|};
                                return token;
                            }
                        }
                    }
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 20).WithArguments(FormRequest),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 20)
                    .WithArguments($"TokenCache.GetAsync → AuthHelper.GetTokenAsync → {FormRequest}", "kept in the collection in 'tokens'"),
            });

        [Fact]
        public Task PasswordReadBackFromApplicationSettings_ReportsTheRead() => ProjectAsync(
            new[]
            {
                ("AuthHelper.cs", AuthHelper),
                ("Settings.cs", Rules.PersistenceStandIns.Settings),
                ("Sync.cs", """
                    using System.Threading.Tasks;
                    using Contoso.Api;
                    using LegacyApp.Properties;

                    public sealed class Sync
                    {
                        public Task<Token> StartAsync(string user)
                            => {|#1:AuthHelper.GetTokenAsync("https://idp.contoso.com", user, {|#0:Settings.Default.SavedPassword|})|};
                    }
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 20).WithArguments(FormRequest),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 20)
                    .WithArguments($"Sync.StartAsync → AuthHelper.GetTokenAsync → {FormRequest}", "read back from application settings ('SavedPassword'), where it is stored"),
            });

        [Fact]
        public Task TokensKeptInFields_AndPerRequestDtos_AreSilent() => ProjectAsync(
            new[]
            {
                ("AuthHelper.cs", AuthHelper),
                ("LoginModel.cs", """
                    namespace Contoso.Api
                    {
                        // Model binding fills it for one request; it is not kept.
                        public sealed class LoginModel
                        {
                            public string UserName { get; set; } = "";
                            public string Password { get; set; } = "";
                        }
                    }
                    """),
                ("AccountController.cs", """
                    using System.Threading.Tasks;

                    namespace Contoso.Api
                    {
                        public sealed class AccountController
                        {
                            private string? accessToken;
                            private static string? lastUser;

                            public async Task LogInAsync(LoginModel model)
                            {
                                lastUser = model.UserName;
                                accessToken = (await AuthHelper.GetTokenAsync("https://idp.contoso.com", model.UserName, model.Password)).AccessToken;
                            }
                        }
                    }
                    """),
            },
            new[] { Diagnostic(Descriptors.UnapprovedRopcRequest, 20).WithArguments(FormRequest) });
        [Fact]
        public Task WrapperThatTakesTheGrant_TheCallPassingThePasswordGrantIsTheRequest() => ProjectAsync(
            new[]
            {
                ("AuthClient.cs", """
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    namespace Picture.Sdk
                    {
                        public sealed class AuthClient
                        {
                            private readonly HttpClient http = new HttpClient();
                            private readonly string baseUrl;
                            private readonly string userName;
                            private readonly string {|#0:password|};
                            private string? refreshToken;

                            public AuthClient(string baseUrl, string userName, string password)
                            {
                                this.baseUrl = baseUrl;
                                this.userName = userName;
                                this.password = password;
                            }

                            public Task<string> LogInAsync() => {|#1:GetTokenAsync("password", null, userName, password)|};

                            public Task<string> RefreshAsync() => GetTokenAsync("refresh_token", refreshToken, null, null);

                            private async Task<string> GetTokenAsync(string grantType, string? refresh, string? user, string? pwd)
                            {
                                var form = new Dictionary<string, string?>
                                {
                                    {|#2:{ "grant_type", grantType }|},
                                    { "refresh_token", refresh },
                                    { "username", user },
                                    { "password", pwd },
                                };
                                var response = await http.PostAsync(baseUrl + "/connect/token", new FormUrlEncodedContent(form));
                                refreshToken = await response.Content.ReadAsStringAsync();
                                return refreshToken;
                            }
                        }
                    }
                    """),
                ("Program.cs", """
                    using System;
                    using Picture.Sdk;

                    var client = {|#10:new AuthClient("https://pictures.contoso.com", "bob", Environment.GetEnvironmentVariable("PP_PASSWORD")!)|};
                    Console.WriteLine(await client.LogInAsync());
                    Console.WriteLine(await client.RefreshAsync());
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 1, 2).WithArguments("AuthClient.GetTokenAsync with grant type \"password\" → form field grant_type"),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 2)
                    .WithArguments("AuthClient.GetTokenAsync with grant type \"password\" → form field grant_type", "kept in field 'password'"),
            });

        /// <summary>The same shape with the pairs added one by one to a list, the credentials inside if blocks (as real SDKs write it).</summary>
        [Fact]
        public Task WrapperThatTakesTheGrant_AddingPairsInsideIfBlocks_ReportsTheKeptPassword() => ProjectAsync(
            new[]
            {
                ("TokenHelper.cs", """
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    namespace Picture.Sdk
                    {
                        internal static class TokenHelper
                        {
                            private static readonly HttpClient Http = new HttpClient();

                            public static async Task<string> GetTokenAsync(string url, string grantType, string? refresh, string? user, string? pwd)
                            {
                                var content = new List<KeyValuePair<string, string>>();
                                content.Add({|#2:new KeyValuePair<string, string>("grant_type", grantType)|});
                                if (refresh != null)
                                {
                                    content.Add(new KeyValuePair<string, string>("refresh_token", refresh));
                                }

                                if (user != null && pwd != null)
                                {
                                    content.Add(new KeyValuePair<string, string>("username", user));
                                    content.Add(new KeyValuePair<string, string>("password", pwd));
                                }

                                var response = await Http.PostAsync(url, new FormUrlEncodedContent(content));
                                return await response.Content.ReadAsStringAsync();
                            }
                        }
                    }
                    """),
                ("Session.cs", """
                    using System.Threading.Tasks;

                    namespace Picture.Sdk
                    {
                        public sealed class Session
                        {
                            private readonly string userName;
                            private readonly string {|#0:password|};

                            public Session(string userName, string password)
                            {
                                this.userName = userName;
                                this.password = password;
                            }

                            public Task<string> LogInAsync() => {|#1:TokenHelper.GetTokenAsync("https://pictures.contoso.com/token", "password", null, userName, password)|};

                            public Task<string> RefreshAsync(string token) => TokenHelper.GetTokenAsync("https://pictures.contoso.com/token", "refresh_token", token, null, null);
                        }
                    }
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 1, 2).WithArguments("TokenHelper.GetTokenAsync with grant type \"password\" → form field grant_type"),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 2)
                    .WithArguments("TokenHelper.GetTokenAsync with grant type \"password\" → form field grant_type", "kept in field 'password'"),
            });
    }
}
