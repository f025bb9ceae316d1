using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class PasswordPersistenceRuleTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.PasswordPersisted);

        private const string IdentityModelRequest = "IdentityModel RequestPasswordTokenAsync";

        /// <summary>ROPC002 at markup 0, with the request at markup 1 as additional location.</summary>
        private static DiagnosticResult Ropc002(string sentBy, string kept, int location = 0, int request = 1)
            => VerifyRopc.Diagnostic(Descriptors.PasswordPersisted)
                .WithLocation(location)
                .WithLocation(request, DiagnosticLocationOptions.InterpretAsMarkupKey)
                .WithArguments(sentBy, kept);

        private static Task NoDiagnosticAsync(string source) => VerifyRopc.AnalyzerAsync(source);

        /// <summary>An executable with top-level statements.</summary>
        private static Task ProgramAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new RuleTest(RuleIdentifiers.PasswordPersisted, source);
            test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        // ---------------------------------------------------------------- (a) fields and properties of the requesting type

        [Fact]
        public Task PasswordFieldSetInConstructor_ReadByLogIn_ReportsTheField() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class ApiSession
            {
                private readonly HttpClient http;
                private readonly string userName;
                private readonly string {|#0:password|};

                public ApiSession(HttpClient http, string userName, string password)
                {
                    this.http = http;
                    this.userName = userName;
                    this.password = password;
                }

                public async Task<string> LogInAsync()
                {
                    var response = await {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = "https://idp.example.com/connect/token",
                        ClientId = "legacy",
                        UserName = userName,
                        Password = password,
                    })|};
                    return response.AccessToken;
                }
            }
            """, Ropc002(IdentityModelRequest, "kept in field 'password'"));

        [Fact]
        public Task NestedTypeReadingOuterField_ReportsTheFieldOnce() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Outer
            {
                private static string {|#0:password|} = "";

                class Bot
                {
                    Task<TokenResponse> LogInAsync(HttpClient http, string user)
                        => {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })|};
                }
            }
            """, Ropc002(IdentityModelRequest, "kept in field 'password'"));

        [Fact]
        public Task TopLevelStatements_LogThePassword_Reports() => ProgramAsync("""
            using System;
            using System.Net.Http;
            using IdentityModel.Client;

            var password = Console.ReadLine() ?? "";
            using var http = new HttpClient();
            {|#0:Console.WriteLine($"Logging in with {password}")|};
            var response = await {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = "me", Password = password })|};
            Console.WriteLine(response.AccessToken);
            """, Ropc002(IdentityModelRequest, "written to the console"));

        [Fact]
        public Task FieldReadByTwoRequests_ReportsTheFieldOnceWithBothRequests() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                private readonly HttpClient http = new HttpClient();
                private readonly TokenClient tokens;
                private string user;
                private string {|#0:password|};

                public Bot(TokenClient tokens, string user, string password) { this.tokens = tokens; this.user = user; this.password = password; }

                public Task<TokenResponse> LoginAsync()
                    => {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })|};

                public Task<TokenResponse> ReloginAsync()
                    => {|#2:tokens.RequestPasswordTokenAsync(user, password)|};
            }
            """, Ropc002(IdentityModelRequest, "kept in field 'password'").WithLocation(2, DiagnosticLocationOptions.InterpretAsMarkupKey));

        [Fact]
        public Task StaticFieldAndFieldReadThroughLocal_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            static class Credentials
            {
                internal static string User = "";
                internal static string {|#0:Password|} = "";

                internal static Task<TokenResponse> RefreshAsync(TokenClient client)
                {
                    var secret = Password.Trim();
                    var user = User;
                    return {|#1:client.RequestPasswordTokenAsync(user, secret)|};
                }
            }
            """, Ropc002(IdentityModelRequest, "kept in field 'Password'"));

        [Fact]
        public Task PropertyOverAField_ReportsTheField() => VerifyRopc.AnalyzerAsync("""
            using Azure.Identity;

            class Connector
            {
                private string {|#0:password|} = "";

                public string Password { get => password; set => password = value; }

                public object Credential() => {|#1:new UsernamePasswordCredential("user", Password, "tenant", "client")|};
            }
            """, Ropc002("Azure.Identity UsernamePasswordCredential", "kept in field 'password'"));

        [Fact]
        public Task CapturedPrimaryConstructorParameter_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Session(HttpClient http, string user, string {|#0:password|})
            {
                public Task<TokenResponse> LogInAsync()
                    => {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })|};
            }
            """, Ropc002(IdentityModelRequest, "kept in primary constructor parameter 'password'"));

        [Fact]
        public Task FieldOfABaseClass_ReadByDerivedClass_ReportsTheBaseField() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Net.Http;

            abstract class BotBase
            {
                protected string UserName = "";
                protected string {|#0:Password|} = "";
            }

            class Bot : BotBase
            {
                public HttpContent Form() => new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    {|#1:{ "grant_type", "password" }|},
                    { "username", UserName },
                    { "password", Password },
                });
            }
            """, Ropc002("form field grant_type=password", "kept in field 'Password'"));

        [Fact]
        public Task ApprovedRequest_IsStillReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;
            using RopcAnalyzers;

            [TrustedLegacyRopc("Kiosk without a browser; migration tracked in JIRA-42", Owner = "team-identity", Expires = "2099-01-01")]
            class Kiosk
            {
                private readonly IPublicClientApplication app;
                private readonly string user;
                private readonly string {|#0:password|};

                public Kiosk(IPublicClientApplication app, string user, string password) { this.app = app; this.user = user; this.password = password; }

                [TrustedLegacyRopc("Kiosk without a browser")]
                public async Task<string> TokenAsync()
                    => (await {|#1:app.AcquireTokenByUsernamePassword(new[] { "api://kiosk/.default" }, user, password)|}.ExecuteAsync()).AccessToken;
            }
            """, Ropc002("MSAL AcquireTokenByUsernamePassword", "kept in field 'password'"));

        [Theory]
        [InlineData("password = null;")]
        [InlineData("password = string.Empty;")]
        [InlineData("this.password = \"\";")]
        [InlineData("password = default;")]
        public Task FieldClearedAfterTheExchange_IsNotReported(string clear) => NoDiagnosticAsync($$"""
            #nullable disable
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Session
            {
                private readonly HttpClient http;
                private readonly string user;
                private string password;
                private string refreshToken;

                public Session(HttpClient http, string user, string password) { this.http = http; this.user = user; this.password = password; }

                public async Task<string> LogInAsync()
                {
                    var response = refreshToken is null
                        ? await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })
                        : await http.RequestRefreshTokenAsync(new RefreshTokenRequest { Address = "https://idp/token", RefreshToken = refreshToken });
                    {{clear}}
                    refreshToken = response.RefreshToken ?? refreshToken;
                    return response.AccessToken;
                }
            }
            """);

        [Fact]
        public Task SecureStringFieldDisposedAfterTheExchange_IsNotReported() => NoDiagnosticAsync("""
            using System.Security;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                private readonly IPublicClientApplication app;
                private readonly SecureString password;

                public Login(IPublicClientApplication app, SecureString password) { this.app = app; this.password = password; }

                public async Task<string> TokenAsync()
                {
                    var result = await app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, "user", password).ExecuteAsync();
                    password.Dispose();
                    return result.AccessToken;
                }
            }
            """);

        [Fact]
        public Task SecureStringFieldKept_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Security;
            using Microsoft.Identity.Client;

            class Login
            {
                private readonly IPublicClientApplication app;
                private readonly SecureString {|#0:password|};

                public Login(IPublicClientApplication app, SecureString password) { this.app = app; this.password = password; }

                public object Token() => {|#1:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, "user", password)|};
            }
            """, Ropc002("MSAL AcquireTokenByUsernamePassword", "kept in field 'password'"));

        [Fact]
        public Task HardCodedPasswordInAConstFieldOrPropertyInitializer_IsLeftToRopc008() => NoDiagnosticAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Fixture
            {
                private const string Password = "hunter2";
                private static readonly string OtherPassword = "hunter3";
                private string testPassword = "Pass123$";
                public string AdminPassword { get; set; } = "admin";

                Task<TokenResponse> A(TokenClient client) => client.RequestPasswordTokenAsync("alice", Password);
                Task<TokenResponse> B(TokenClient client) => client.RequestPasswordTokenAsync("bob", OtherPassword);
                Task<TokenResponse> C(TokenClient client) => client.RequestPasswordTokenAsync("carol", testPassword);
                Task<TokenResponse> D(TokenClient client) => client.RequestPasswordTokenAsync("admin", AdminPassword);
            }
            """);

        [Fact]
        public Task RequestObjectKeptInAFieldAndResent_ReportsTheField() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Poller
            {
                private readonly HttpClient http = new HttpClient();
                private readonly PasswordTokenRequest {|#0:tokenRequest|};

                public Poller(string user, string password)
                {
                    tokenRequest = new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password };
                }

                public async Task<string?> RenewAsync() => (await {|#1:http.RequestPasswordTokenAsync(tokenRequest)|}).AccessToken;
            }
            """, Ropc002(IdentityModelRequest, "kept in field 'tokenRequest'"));

        [Fact]
        public Task PasswordReadFromAnotherObject_IsConfigurationNotReported() => NoDiagnosticAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class BotOptions { public string User { get; set; } = ""; public string Password { get; set; } = ""; }

            class Bot
            {
                private readonly BotOptions options;
                private readonly TokenClient client;

                public Bot(BotOptions options, TokenClient client) { this.options = options; this.client = client; }

                public Task<TokenResponse> LogInAsync() => client.RequestPasswordTokenAsync(options.User, options.Password);
            }
            """);

        // ---------------------------------------------------------------- (b) writes of the password in the requesting method

        [Fact]
        public Task PasswordStoredInFieldByTheMethodThatSendsIt_ReportsTheWrite() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Session
            {
                private readonly HttpClient http = new HttpClient();
                private string user = "";
                private string savedPassword = "";

                public async Task<string> LogInAsync(string user, string password)
                {
                    this.user = user;
                    {|#0:savedPassword = password|};
                    var response = await {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })|};
                    return response.AccessToken;
                }
            }
            """, Ropc002(IdentityModelRequest, "kept in field 'savedPassword'"));

        [Fact]
        public Task PasswordStoredByLogInAndReplayedByRefresh_ReportsTheFieldOnce() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Bot
            {
                private readonly TokenClient client;
                private string user = "";
                private string {|#0:password|} = "";

                public Bot(TokenClient client) { this.client = client; }

                public Task<TokenResponse> LogInAsync(string user, string password)
                {
                    this.user = user;
                    this.password = password;
                    return client.RequestPasswordTokenAsync(user, password);
                }

                public Task<TokenResponse> RefreshAsync() => {|#1:client.RequestPasswordTokenAsync(user, password)|};
            }
            """, Ropc002(IdentityModelRequest, "kept in field 'password'"));

        [Fact]
        public Task PasswordStoredInStaticMemberOfAnotherType_ReportsTheWrite() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            static class Globals { public static string Password { get; set; } = ""; }

            class Login
            {
                public Task<TokenResponse> LogInAsync(TokenClient client, string user, string password)
                {
                    {|#0:Globals.Password = password|};
                    return {|#1:client.RequestPasswordTokenAsync(user, password)|};
                }
            }
            """, Ropc002(IdentityModelRequest, "kept in property 'Password'"));

        [Fact]
        public Task ApplicationSettings_PropertyAndIndexer_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;

            namespace LegacyApp
            {
                class LoginForm
                {
                    async Task<string> LogInAsync(TokenClient client, string user, string password, bool remember)
                    {
                        var response = await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                        if (remember)
                        {
                            {|#0:Properties.Settings.Default.SavedPassword = password|};
                            {|#2:Properties.Settings.Default["Password"] = password|};
                            Properties.Settings.Default.Save();
                        }

                        return response.AccessToken;
                    }
                }
            }
            """ + PersistenceStandIns.Settings,
            Ropc002(IdentityModelRequest, "stored in application settings"),
            Ropc002(IdentityModelRequest, "stored in application settings", location: 2));

        [Fact]
        public Task Files_WriteAllTextAndStreamWriterOnAFile_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Text;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                async Task LogInAsync(TokenClient client, string user, string password)
                {
                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                    {|#0:File.WriteAllText("login.txt", user + ":" + password)|};
                    using var writer = new StreamWriter("remember.txt");
                    {|#2:writer.WriteLine(password)|};
                    using (var appended = File.AppendText("audit.txt"))
                    {
                        {|#3:appended.Write(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)))|};
                    }
                }
            }
            """,
            Ropc002(IdentityModelRequest, "written to a file"),
            Ropc002(IdentityModelRequest, "written to a file", location: 2),
            Ropc002(IdentityModelRequest, "written to a file", location: 3));

        [Fact]
        public Task StreamWriterOverTheRequestStream_IsTheRequestNotAFile() => NoDiagnosticAsync("""
            using System.IO;
            using System.Net;

            class Login
            {
                string LogIn(string user, string password)
                {
                    var request = (HttpWebRequest)WebRequest.Create("https://idp/oauth/token");
                    request.Method = "POST";
                    var body = "grant_type=password&username=" + user + "&password=" + password;
                    using (var writer = new StreamWriter(request.GetRequestStream()))
                    {
                        writer.Write(body);
                        writer.Write("&password=" + password);
                    }

                    using var response = request.GetResponse();
                    return new StreamReader(response.GetResponseStream()).ReadToEnd();
                }
            }
            """);

        [Fact]
        public Task EnvironmentAndRegistry_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System;
            using Azure.Identity;
            using Microsoft.Win32;

            class Login
            {
                object Create(RegistryKey key, string user, string password)
                {
                    {|#0:Environment.SetEnvironmentVariable("APP_PASSWORD", password)|};
                    {|#2:key.SetValue("Password", password)|};
                    return {|#1:new UsernamePasswordCredential(user, password, "tenant", "client")|};
                }
            }
            """,
            Ropc002("Azure.Identity UsernamePasswordCredential", "stored in an environment variable"),
            Ropc002("Azure.Identity UsernamePasswordCredential", "stored in the registry", location: 2));

        [Fact]
        public Task MemoryAndDistributedCaches_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.Caching.Memory;

            class Login
            {
                async Task LogInAsync(TokenClient client, IMemoryCache memory, IDistributedCache distributed, string user, string password)
                {
                    {|#0:memory.Set("pwd:" + user, password)|};
                    await {|#2:distributed.SetStringAsync("pwd:" + user, password)|};
                    using (var entry = memory.CreateEntry("p"))
                    {
                        {|#3:entry.Value = password|};
                    }

                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                }
            }
            """,
            Ropc002(IdentityModelRequest, "stored in a cache"),
            Ropc002(IdentityModelRequest, "stored in a cache", location: 2),
            Ropc002(IdentityModelRequest, "stored in a cache", location: 3));

        [Fact]
        public Task SessionsAndCookies_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.AspNetCore.Http;

            class LoginController
            {
                async Task LogInAsync(TokenClient client, ISession session, IResponseCookies cookies, System.Web.SessionState.HttpSessionState legacy, string user, string password)
                {
                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                    {|#0:session.SetString("pwd", password)|};
                    {|#2:legacy["pwd"] = password|};
                    {|#3:cookies.Append("pwd", password)|};
                    var cookie = {|#4:new System.Web.HttpCookie("pwd", password)|};
                }
            }
            """ + PersistenceStandIns.WebAndLogging,
            Ropc002(IdentityModelRequest, "stored in the session"),
            Ropc002(IdentityModelRequest, "stored in the session", location: 2),
            Ropc002(IdentityModelRequest, "stored in a cookie", location: 3),
            Ropc002(IdentityModelRequest, "stored in a cookie", location: 4));

        [Fact]
        public Task Logs_ILoggerDebugTraceConsoleAndSerilog_AreReported() => VerifyRopc.AnalyzerAsync("""
            using System;
            using System.Diagnostics;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                async Task LogInAsync(TokenClient client, ILogger<Login> logger, string user, string password)
                {
                    {|#0:logger.LogInformation("Logging in {User} with {Password}", user, password)|};
                    {|#2:logger.LogDebug($"password={password}")|};
                    {|#3:logger.Log(LogLevel.Trace, "{Credentials}", new { user, password })|};
                    {|#4:Debug.WriteLine("pwd " + password)|};
                    {|#5:Trace.TraceInformation("pwd {0}", password)|};
                    {|#6:Console.Error.WriteLine(password)|};
                    {|#7:Serilog.Log.Information("{Password}", password)|};
                    await {|#1:client.RequestPasswordTokenAsync(user, password)|};
                }
            }
            """ + PersistenceStandIns.WebAndLogging,
            Ropc002(IdentityModelRequest, "written to a log"),
            Ropc002(IdentityModelRequest, "written to a log", location: 2),
            Ropc002(IdentityModelRequest, "written to a log", location: 3),
            Ropc002(IdentityModelRequest, "written to a log", location: 4),
            Ropc002(IdentityModelRequest, "written to a log", location: 5),
            Ropc002(IdentityModelRequest, "written to the console", location: 6),
            Ropc002(IdentityModelRequest, "written to a log", location: 7));

        [Fact]
        public Task PasswordOfARequestModel_WrittenByTheHandler_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Logging;

            public sealed class LoginModel { public string UserName { get; set; } = ""; public string Password { get; set; } = ""; }

            public sealed class LoginHandler
            {
                private readonly HttpClient http = new HttpClient();
                private readonly ILogger<LoginHandler> logger;

                public LoginHandler(ILogger<LoginHandler> logger) { this.logger = logger; }

                public async Task<string?> HandleAsync(LoginModel model, ISession session)
                {
                    var response = await {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = model.UserName, Password = model.Password })|};
                    {|#0:session.SetString("password", model.Password)|};
                    logger.LogInformation("{User} signed in; password length {Length}", model.UserName, model.Password.Length);
                    return response.AccessToken;
                }
            }
            """ + PersistenceStandIns.WebAndLogging, Ropc002(IdentityModelRequest, "stored in the session"));

        [Fact]
        public Task CopyOfThePasswordInALocal_IsFollowedToTheWrite() => VerifyRopc.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Http;

            class Login
            {
                HttpContent Form(string user, string password)
                {
                    var remembered = password;
                    {|#0:File.WriteAllText("p.txt", remembered)|};
                    return new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        {|#1:["grant_type"] = "password"|},
                        ["username"] = user,
                        ["password"] = password,
                    });
                }
            }
            """, Ropc002("form field grant_type=password", "written to a file"));

        [Fact]
        public Task TwoRequestsInOneMethod_ReportTheSharedWriteOnce() => VerifyRopc.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                async Task<TokenResponse> LogInAsync(TokenClient primary, TokenClient fallback, string user, string password)
                {
                    {|#0:Console.WriteLine(password)|};
                    var response = await {|#1:primary.RequestPasswordTokenAsync(user, password)|};
                    return response.IsError ? await fallback.RequestPasswordTokenAsync(user, password) : response;
                }
            }
            """, Ropc002(IdentityModelRequest, "written to the console"));

        // ---------------------------------------------------------------- (c) delegates that replay the grant

        [Fact]
        public Task LambdaCapturingThePassword_StoredInAField_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class ApiClient
            {
                private Func<Task<TokenResponse>>? tokenFactory;

                public void Configure(HttpClient http, string user, string password)
                {
                    {|#0:tokenFactory|} = () => {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })|};
                }
            }
            """, Ropc002(IdentityModelRequest, "captured by a delegate kept in 'tokenFactory'"));

        [Fact]
        public Task LambdaGivenToAnObjectKeptInAField_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            sealed class TokenProvider
            {
                public TokenProvider(Func<Task<string>> acquire) { }
            }

            class GraphService
            {
                private TokenProvider Provider { get; set; } = null!;

                public GraphService(IPublicClientApplication app, string user, string password)
                {
                    {|#0:Provider|} = new TokenProvider(async () =>
                    {
                        var result = await {|#1:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.ExecuteAsync();
                        return result.AccessToken;
                    });
                }
            }
            """, Ropc002("MSAL AcquireTokenByUsernamePassword", "captured by a delegate kept in 'Provider'"));

        [Fact]
        public Task LocalFunctionStoredAsADelegate_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Client
            {
                private Func<Task<TokenResponse>> relogin = () => Task.FromResult<TokenResponse>(null!);

                public void Start(TokenClient tokens, string user, string password)
                {
                    Task<TokenResponse> LogInAgain() => {|#1:tokens.RequestPasswordTokenAsync(user, password)|};
                    {|#0:relogin|} = LogInAgain;
                }
            }
            """, Ropc002(IdentityModelRequest, "captured by a delegate kept in 'relogin'"));

        [Fact]
        public Task LambdaTakingThePasswordAsItsParameter_IsNotReported() => NoDiagnosticAsync("""
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Client
            {
                private Func<string, string, Task<TokenResponse>>? login;

                public void Start(TokenClient tokens)
                {
                    login = (user, password) => tokens.RequestPasswordTokenAsync(user, password);
                }
            }
            """);

        [Fact]
        public Task LambdaCapturingThePassword_RunOnceAndNotStored_IsNotReported() => NoDiagnosticAsync("""
            using System;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Client
            {
                private TokenResponse? last;
                private Task<TokenResponse>? pending;

                public async Task<TokenResponse> LogInAsync(TokenClient tokens, string user, string password)
                {
                    last = await Task.Run(() => tokens.RequestPasswordTokenAsync(user, password));
                    pending = Retry(() => tokens.RequestPasswordTokenAsync(user, password));
                    Func<Task<TokenResponse>> once = () => tokens.RequestPasswordTokenAsync(user, password);
                    return await Retry(once);
                }

                static Task<TokenResponse> Retry(Func<Task<TokenResponse>> action) => action();
            }
            """);

        // ---------------------------------------------------------------- correct shapes and look-alikes

        [Fact]
        public Task PasswordParameterUsedOnce_IsNotReported() => NoDiagnosticAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class Login
            {
                private string? refreshToken;

                public async Task<string> LogInAsync(HttpClient http, string user, string password)
                {
                    var response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });
                    refreshToken = response.RefreshToken;
                    return response.AccessToken;
                }
            }
            """);

        [Fact]
        public Task StoringAndLoggingTokens_IsNotReported() => NoDiagnosticAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.Extensions.Logging;

            class Login
            {
                private string? accessToken;
                private string? refreshToken;
                public static string? LastUser { get; set; }

                public async Task LogInAsync(TokenClient client, IMemoryCache cache, ILogger logger, string user, string password)
                {
                    var response = await client.RequestPasswordTokenAsync(user, password);
                    accessToken = response.AccessToken;
                    refreshToken = response.RefreshToken;
                    LastUser = user;
                    cache.Set("token:" + user, response.AccessToken);
                    File.WriteAllText("refresh.txt", response.RefreshToken);
                    logger.LogInformation("Logged in {User}, token expires in {Seconds}s", user, response.ExpiresIn);
                }
            }
            """);

        [Fact]
        public Task FactsAboutThePassword_HashesAndEncryptedCopies_AreNotReported() => NoDiagnosticAsync("""
            using System;
            using System.IO;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using Microsoft.Extensions.Logging;

            class Login
            {
                private byte[] passwordHash = Array.Empty<byte>();

                async Task LogInAsync(TokenClient client, ILogger logger, string user, string password)
                {
                    logger.LogDebug("Password length {Length}, empty: {Empty}", password.Length, string.IsNullOrEmpty(password));
                    logger.LogDebug("Password {Masked}", password.Substring(0, 1) + "***");
                    passwordHash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
                    File.WriteAllBytes("pwd.bin", Protect(password));
                    await client.RequestPasswordTokenAsync(user, password);
                }

                static byte[] Protect(string value) => Encoding.UTF8.GetBytes(value);
            }
            """);

        [Fact]
        public Task PasswordFieldUsedByOtherApisThanRopc_IsNotReported() => NoDiagnosticAsync("""
            using System.Net;
            using System.Net.Mail;

            class Mailer
            {
                private readonly string user = "";
                private readonly string password = "";

                SmtpClient Client() => new SmtpClient("smtp.example.com") { Credentials = new NetworkCredential(user, password) };
            }
            """);

        [Fact]
        public Task HalfTypedCode_DoesNotThrow()
        {
            var test = new RuleTest(RuleIdentifiers.PasswordPersisted, """
                using System.IO;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class Broken
                {
                    private string password;

                    Task<TokenResponse> A(TokenClient client) => client.RequestPasswordTokenAsync("u", missing);
                    Task<TokenResponse> B(TokenClient client) => client.RequestPasswordTokenAsync(, password
                    void C(TokenClient client, string p) { undefined = p; File.WriteAllText(p); client.RequestPasswordTokenAsync("u", p, ); Log(p) }
                    Task<TokenResponse> D(TokenClient client) => client.RequestPasswordTokenAsync("u", (string)(object)password.Trim().);
                }
                """)
            {
                // Only the analyzer's own output matters here: any exception would surface as AD0001 and fail the test.
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task AutoProperty_ReadByLogIn_ReportsTheProperty() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class LoginViewModel
            {
                public IPublicClientApplication App { get; set; } = null!;
                public string UserName { get; set; } = "";
                public string {|#0:Password|} { get; set; } = "";

                public async Task<string> LogInAsync()
                {
                    var result = await {|#1:App.AcquireTokenByUsernamePassword(new[] { "User.Read" }, UserName, Password)|}.ExecuteAsync();
                    return result.AccessToken;
                }
            }
            """, Ropc002("MSAL AcquireTokenByUsernamePassword", "kept in property 'Password'"));
    }
}
