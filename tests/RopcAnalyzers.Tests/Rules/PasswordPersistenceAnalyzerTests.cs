using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;
using VerifyRopc = RopcAnalyzers.Tests.Infrastructure.Verify<RopcAnalyzers.Rules.PasswordPersistenceAnalyzer>;

namespace RopcAnalyzers.Tests.Rules
{
    public class PasswordPersistenceAnalyzerTests
    {
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
            var test = new RopcAnalyzerTest<PasswordPersistenceAnalyzer>(source);
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
