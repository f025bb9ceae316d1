using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Approval;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.CodeFixes
{
    public class ApproveAsTrustedLegacyCodeFixTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.UnapprovedRopcRequest);

        private const string IdentityModelCall = "IdentityModel RequestPasswordTokenAsync";

        private static DiagnosticResult Ropc001(int location, string found = IdentityModelCall)
            => VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(location).WithArguments(found);

        private static RopcCodeFixTest<RopcUseAnalyzer, ApproveAsTrustedLegacyCodeFixProvider> Test(string source, string fixedSource, params DiagnosticResult[] expected)
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, ApproveAsTrustedLegacyCodeFixProvider>(source, fixedSource)
            {
                CodeActionEquivalenceKey = ApproveAsTrustedLegacyCodeFixProvider.EquivalenceKey,
            };
            test.ExpectedDiagnostics.AddRange(expected);
            return test;
        }

        private static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) => Test(source, fixedSource, expected).RunAsync();

        private static Task NotOfferedAsync(string source, params DiagnosticResult[] expected) => Test(source, source, expected).RunAsync();

        [Fact]
        public void Placeholder_IsTheTextTheFixWritesAndIsNotAReason()
        {
            Assert.Equal("TODO: why is this client trusted to collect the user's password?", TrustedLegacyApproval.JustificationPlaceholder);
        }

        [Fact]
        public Task Method_GetsTheAttributeBelowItsDocCommentAndTheUsing() => VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                /// <summary>Logs in.</summary>
                async Task<string> LoginAsync(HttpClient http, string user, string password)
                {
                    var response = await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password })|};
                    return response.AccessToken;
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class LegacyLogin
            {
                /// <summary>Logs in.</summary>
                [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                async Task<string> LoginAsync(HttpClient http, string user, string password)
                {
                    var response = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password });
                    return response.AccessToken;
                }
            }
            """, Ropc001(0));

        [Fact]
        public Task Method_WithAttributesAndTheUsingAlready_AddsTheAttributeLastAndNoSecondUsing() => VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            namespace Contoso.Auth
            {
                public class LegacyLogin
                {
                    [CLSCompliant(false)]
                    [Obsolete("Use the browser sign-in.")]
                    public Task<TokenResponse> LoginAsync(HttpMessageInvoker http, string user, string password)
                        => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password })|};
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            namespace Contoso.Auth
            {
                public class LegacyLogin
                {
                    [CLSCompliant(false)]
                    [Obsolete("Use the browser sign-in.")]
                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    public Task<TokenResponse> LoginAsync(HttpMessageInvoker http, string user, string password)
                        => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password });
                }
            }
            """, Ropc001(0));

        [Fact]
        public Task Constructor_GetsTheAttribute() => VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacySession
            {
                private readonly Task<TokenResponse> login;

                public LegacySession(HttpClient http, string user, string password)
                {
                    login = {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password })|};
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class LegacySession
            {
                private readonly Task<TokenResponse> login;

                [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                public LegacySession(HttpClient http, string user, string password)
                {
                    login = http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password });
                }
            }
            """, Ropc001(0));

        [Fact]
        public Task PropertyGetter_PutsTheAttributeOnTheProperty() => VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacySession
            {
                private readonly HttpClient http = new HttpClient();

                public string User { get; set; } = "";

                public string Password { get; set; } = "";

                public Task<TokenResponse> Token
                {
                    get { return {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = User, Password = Password })|}; }
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class LegacySession
            {
                private readonly HttpClient http = new HttpClient();

                public string User { get; set; } = "";

                public string Password { get; set; } = "";

                [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                public Task<TokenResponse> Token
                {
                    get { return http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = User, Password = Password }); }
                }
            }
            """, Ropc001(0));

        [Fact]
        public Task PropertyInitializer_PutsTheAttributeOnTheProperty() => VerifyAsync("""
            using System.Collections.Generic;

            class LegacyForm
            {
                public Dictionary<string, string> Fields { get; } = new Dictionary<string, string> { {|#0:{ "grant_type", "password" }|} };
            }
            """, """
            using System.Collections.Generic;
            using RopcAnalyzers;

            class LegacyForm
            {
                [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                public Dictionary<string, string> Fields { get; } = new Dictionary<string, string> { { "grant_type", "password" } };
            }
            """, Ropc001(0, "form field grant_type=password"));

        [Fact]
        public Task LocalFunction_GetsTheAttribute() => VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                async Task<string> LoginAsync(HttpClient http, string user, string password)
                {
                    var response = await RequestAsync();
                    return response.AccessToken;

                    Task<TokenResponse> RequestAsync()
                        => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password })|};
                }
            }
            """, """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class LegacyLogin
            {
                async Task<string> LoginAsync(HttpClient http, string user, string password)
                {
                    var response = await RequestAsync();
                    return response.AccessToken;

                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    Task<TokenResponse> RequestAsync()
                        => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password });
                }
            }
            """, Ropc001(0));

        [Fact]
        public Task LocalFunction_BeforeCSharp9_ApprovesTheMethodInstead()
        {
            var test = Test("""
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class LegacyLogin
                {
                    async Task<string> LoginAsync(HttpClient http, string user, string password)
                    {
                        var response = await RequestAsync();
                        return response.AccessToken;

                        Task<TokenResponse> RequestAsync()
                            => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password })|};
                    }
                }
                """, """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using RopcAnalyzers;

                class LegacyLogin
                {
                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    async Task<string> LoginAsync(HttpClient http, string user, string password)
                    {
                        var response = await RequestAsync();
                        return response.AccessToken;

                        Task<TokenResponse> RequestAsync()
                            => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password });
                    }
                }
                """, Ropc001(0));
            test.SolutionTransforms.Add((solution, projectId) =>
                solution.WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.CSharp8)));
            return test.RunAsync();
        }

        [Fact]
        public Task Lambda_ApprovesTheEnclosingMethod() => VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                Func<Task<TokenResponse>> CreateLogin(HttpClient http, string user, string password)
                    => () => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password })|};
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class LegacyLogin
            {
                [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                Func<Task<TokenResponse>> CreateLogin(HttpClient http, string user, string password)
                    => () => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password });
            }
            """, Ropc001(0));

        [Theory]
        [InlineData("class")]
        [InlineData("struct")]
        [InlineData("record")]
        [InlineData("record struct")]
        public Task FieldInitializer_ApprovesTheContainingType(string kind) => VerifyAsync($$"""
            using System.Collections.Generic;

            {{kind}} LegacyForm
            {
                private static readonly Dictionary<string, string> Fields = new Dictionary<string, string>
                {
                    {|#0:{ "grant_type", "password" }|},
                };
            }
            """, $$"""
            using System.Collections.Generic;
            using RopcAnalyzers;

            [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
            {{kind}} LegacyForm
            {
                private static readonly Dictionary<string, string> Fields = new Dictionary<string, string>
                {
                    { "grant_type", "password" },
                };
            }
            """, Ropc001(0, "form field grant_type=password"));

        [Fact]
        public Task FieldInitializer_InNestedType_ApprovesTheNestedTypeOnly() => VerifyAsync("""
            using System.Collections.Generic;

            namespace Contoso
            {
                public static class Auth
                {
                    /// <summary>The legacy form.</summary>
                    internal sealed class LegacyForm
                    {
                        public readonly Dictionary<string, string> Fields = new() { {|#0:["grant_type"] = "password"|} };
                    }
                }
            }
            """, """
            using System.Collections.Generic;
            using RopcAnalyzers;

            namespace Contoso
            {
                public static class Auth
                {
                    /// <summary>The legacy form.</summary>
                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    internal sealed class LegacyForm
                    {
                        public readonly Dictionary<string, string> Fields = new() { ["grant_type"] = "password" };
                    }
                }
            }
            """, Ropc001(0, "form field grant_type=password"));

        [Fact]
        public Task EventAccessor_GetsTheAttribute() => VerifyAsync("""
            using System;
            using System.Net.Http;
            using IdentityModel.Client;

            class LegacyEvents
            {
                private readonly HttpClient http = new HttpClient();

                public event EventHandler LoggedIn
                {
                    add { _ = {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = "u", Password = Environment.GetEnvironmentVariable("PWD") })|}; }
                    remove { }
                }
            }
            """, """
            using System;
            using System.Net.Http;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class LegacyEvents
            {
                private readonly HttpClient http = new HttpClient();

                public event EventHandler LoggedIn
                {
                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    add { _ = http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = "u", Password = Environment.GetEnvironmentVariable("PWD") }); }
                    remove { }
                }
            }
            """, Ropc001(0));

        [Fact]
        public Task MsalAndAzureIdentitySites_AreApprovedToo() => VerifyAsync("""
            using System.Threading.Tasks;
            using Azure.Identity;
            using Microsoft.Identity.Client;

            class LegacyClients
            {
                Task<AuthenticationResult> MsalAsync(IPublicClientApplication app, string user, string password)
                    => {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.ExecuteAsync();

                object Azure(string user, string password) => {|#1:new UsernamePasswordCredential(user, password, "tenant", "client")|};
            }
            """, """
            using System.Threading.Tasks;
            using Azure.Identity;
            using Microsoft.Identity.Client;
            using RopcAnalyzers;

            class LegacyClients
            {
                [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                Task<AuthenticationResult> MsalAsync(IPublicClientApplication app, string user, string password)
                    => app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password).ExecuteAsync();

                [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                object Azure(string user, string password) => new UsernamePasswordCredential(user, password, "tenant", "client");
            }
            """, Ropc001(0, "MSAL AcquireTokenByUsernamePassword"), Ropc001(1, "Azure.Identity UsernamePasswordCredential"));

        // ---------------------------------------------------------------- Fix All

        [Fact]
        public Task FixAll_TwoRequestsInOneMethod_AddOneAttribute()
        {
            var test = Test("""
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class LegacyLogin
                {
                    async Task<string> LoginTwiceAsync(HttpClient http, string user, string password)
                    {
                        var first = await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://a/connect/token", UserName = user, Password = password })|};
                        var second = await {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://b/connect/token", UserName = user, Password = password })|};
                        return first.AccessToken + second.AccessToken;
                    }
                }
                """, """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using RopcAnalyzers;

                class LegacyLogin
                {
                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    async Task<string> LoginTwiceAsync(HttpClient http, string user, string password)
                    {
                        var first = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://a/connect/token", UserName = user, Password = password });
                        var second = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://b/connect/token", UserName = user, Password = password });
                        return first.AccessToken + second.AccessToken;
                    }
                }
                """, Ropc001(0), Ropc001(1));
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            return test.RunAsync();
        }

        [Fact]
        public Task FixAll_InProjectAndSolution_ApprovesEveryMemberOnceInEveryDocument()
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, ApproveAsTrustedLegacyCodeFixProvider>("", "")
            {
                CodeActionEquivalenceKey = ApproveAsTrustedLegacyCodeFixProvider.EquivalenceKey,
                NumberOfIncrementalIterations = 3,
                NumberOfFixAllInDocumentIterations = 2,
                NumberOfFixAllIterations = 1,
            };
            test.TestState.Sources.Clear();
            test.FixedState.Sources.Clear();
            test.TestState.Sources.Add(("TrustedLegacyRopcAttribute.cs", ShippedSources.TrustedLegacyRopcAttribute));
            test.FixedState.Sources.Add(("TrustedLegacyRopcAttribute.cs", ShippedSources.TrustedLegacyRopcAttribute));
            test.TestState.Sources.Add(("Login.cs", """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class Login
                {
                    async Task<string> LoginTwiceAsync(HttpClient http, string user, string password)
                    {
                        var first = await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://a/connect/token", UserName = user, Password = password })|};
                        var second = await {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://b/connect/token", UserName = user, Password = password })|};
                        return first.AccessToken + second.AccessToken;
                    }

                    Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                        => {|#2:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://a/connect/token", UserName = user, Password = password })|};
                }
                """));
            test.TestState.Sources.Add(("Form.cs", """
                using System.Collections.Generic;

                class Form
                {
                    Dictionary<string, string> Fields(string user, string password) => new() { {|#3:{ "grant_type", "password" }|}, { "username", user }, { "password", password } };
                }
                """));
            test.FixedState.Sources.Add(("Login.cs", """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using RopcAnalyzers;

                class Login
                {
                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    async Task<string> LoginTwiceAsync(HttpClient http, string user, string password)
                    {
                        var first = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://a/connect/token", UserName = user, Password = password });
                        var second = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://b/connect/token", UserName = user, Password = password });
                        return first.AccessToken + second.AccessToken;
                    }

                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                        => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://a/connect/token", UserName = user, Password = password });
                }
                """));
            test.FixedState.Sources.Add(("Form.cs", """
                using System.Collections.Generic;
                using RopcAnalyzers;

                class Form
                {
                    [TrustedLegacyRopc("TODO: why is this client trusted to collect the user's password?")]
                    Dictionary<string, string> Fields(string user, string password) => new() { { "grant_type", "password" }, { "username", user }, { "password", password } };
                }
                """));
            test.ExpectedDiagnostics.AddRange(new[] { Ropc001(0), Ropc001(1), Ropc001(2), Ropc001(3, "form field grant_type=password") });
            return test.RunAsync();
        }

        [Fact]
        public async Task FixAllProvider_SupportsDocumentProjectAndSolutionScopes()
        {
            var provider = new ApproveAsTrustedLegacyCodeFixProvider().GetFixAllProvider();

            Assert.NotNull(provider);
            Assert.Equal(new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }, provider.GetSupportedFixAllScopes());
            await Task.CompletedTask;
        }

        // ---------------------------------------------------------------- Not offered

        [Fact]
        public Task TopLevelStatements_AreNotOffered()
        {
            const string source = """
                using System.Net.Http;
                using IdentityModel.Client;

                var http = new HttpClient();
                var response = await {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = "u", Password = args[0] })|};
                System.Console.WriteLine(response.AccessToken);
                """;
            var test = Test(source, source, Ropc001(0));
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
            return test.RunAsync();
        }

        [Fact]
        public Task InterfaceFieldInitializer_IsNotOffered() => NotOfferedAsync("""
            using System.Collections.Generic;

            interface ILegacyForm
            {
                static readonly Dictionary<string, string> Fields = new Dictionary<string, string> { {|#0:{ "grant_type", "password" }|} };
            }
            """, Ropc001(0, "form field grant_type=password"));

        [Fact]
        public Task WithoutTheAttributeInTheCompilation_IsNotOffered()
        {
            const string source = """
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class LegacyLogin
                {
                    Task<TokenResponse> LoginAsync(HttpClient http, string user, string password)
                        => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/connect/token", UserName = user, Password = password })|};
                }
                """;
            var test = Test(source, source, Ropc001(0));
            test.TestState.Sources.RemoveAt(1);
            test.FixedState.Sources.RemoveAt(1);
            return test.RunAsync();
        }
    }
}
