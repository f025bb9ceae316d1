using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class StaleApprovalRuleTests
    {
        private static readonly VerifyRule VerifyStale = new(RuleIdentifiers.StaleApproval);

        private static DiagnosticResult Ropc005(string target, int location = 0)
            => VerifyStale.Diagnostic(Descriptors.StaleApproval).WithLocation(location).WithArguments(target);

        // ---------------------------------------------------------------- Reported

        [Fact]
        public Task MethodApproval_AfterMigration_IsReported() => VerifyStale.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class Login
            {
                [{|#0:TrustedLegacyRopc("Kiosk app", Owner = "team-identity")|}]
                Task<TokenResponse> LogInAsync(HttpClient http, string code, string verifier)
                    => http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest { Address = "https://idp/token", Code = code, RedirectUri = "app:/cb", CodeVerifier = verifier });
            }
            """, Ropc005("Login.LogInAsync"));

        [Fact]
        public Task TypePropertyLocalFunctionAndLambdaApprovals_WithoutUses_AreReported() => VerifyStale.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using RopcAnalyzers;

            [{|#0:TrustedLegacyRopc("Kiosk app")|}]
            class Forms
            {
                [{|#1:TrustedLegacyRopc("Kiosk app")|}]
                Dictionary<string, string> Form => new() { ["grant_type"] = "client_credentials" };

                void Run()
                {
                    [{|#2:TrustedLegacyRopc("Kiosk app")|}]
                    string Local() => "grant_type=refresh_token";

                    Func<string> lambda = [{|#3:TrustedLegacyRopc("Kiosk app")|}] () => "never send grant_type=password";
                    Local();
                }
            }
            """, Ropc005("Forms"), Ropc005("Forms.Form", 1), Ropc005("Local", 2), Ropc005("lambda expression", 3));

        [Fact]
        public Task TypeApproval_WhoseUsesHaveNearerApprovals_IsReported() => VerifyStale.AnalyzerAsync("""
            using System.Collections.Generic;
            using RopcAnalyzers;

            [{|#0:TrustedLegacyRopc("Kiosk app")|}]
            class Outer
            {
                [TrustedLegacyRopc("Kiosk app; token form")]
                Dictionary<string, string> Form() => new() { ["grant_type"] = "password" };

                [TrustedLegacyRopc("Kiosk app; nested client")]
                class Nested
                {
                    string Body() => "grant_type=password&username=u";
                }
            }
            """, Ropc005("Outer"));

        [Fact]
        public Task AssemblyLevelApproval_WithATeamsOwnCopy_ApprovesNothing_IsReported()
        {
            var test = new RuleTest(RuleIdentifiers.StaleApproval, """
                [assembly: {|#0:RopcAnalyzers.TrustedLegacyRopc("Everything in this assembly")|}]
                [module: {|#1:RopcAnalyzers.TrustedLegacyRopc("Everything in this module")|}]

                namespace RopcAnalyzers
                {
                    [System.AttributeUsage(System.AttributeTargets.All, AllowMultiple = true)]
                    sealed class TrustedLegacyRopcAttribute : System.Attribute { public TrustedLegacyRopcAttribute(string justification) { } }
                }

                namespace App
                {
                    [System.Obsolete]
                    class Forms
                    {
                        string Body() => "grant_type=password&username=u";
                    }
                }
                """);
            test.TestState.Sources.RemoveAll(source => source.filename == "TrustedLegacyRopcAttribute.cs");
            test.ExpectedDiagnostics.Add(Ropc005("assembly TestProject"));
            test.ExpectedDiagnostics.Add(Ropc005("module TestProject.dll", 1));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task AssemblyLevelApproval_WithTheShippedAttribute_IsACompilerErrorAndStale() => VerifyStale.AnalyzerAsync("""
            [assembly: {|#0:{|CS0592:RopcAnalyzers.TrustedLegacyRopc|}("Everything in this assembly")|}]

            class Forms
            {
                string Body() => "grant_type=password&username=u";
            }
            """, Ropc005("assembly TestProject"));

        // ---------------------------------------------------------------- Not reported

        [Fact]
        public Task ApprovalsThatCoverUses_AreNotReported() => VerifyStale.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            class Login
            {
                [TrustedLegacyRopc("Kiosk app")]
                Task<TokenResponse> LogInAsync(HttpClient http, string user, string password)
                    => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });

                [TrustedLegacyRopc("Kiosk app")]
                Dictionary<string, string> Form => new() { ["grant_type"] = "password" };

                [TrustedLegacyRopc("Kiosk app")]
                Login() { var body = "grant_type=password&username=u"; }

                void Run()
                {
                    [TrustedLegacyRopc("Kiosk app")]
                    string Local() => "grant_type=password&username=u";

                    Func<object> lambda = [TrustedLegacyRopc("Kiosk app")] () => new Azure.Identity.UsernamePasswordCredential("u", "p", "t", "c");
                    Local();
                }
            }

            [TrustedLegacyRopc("Kiosk app")]
            class ApprovedType
            {
                Dictionary<string, string> Field = new() { ["grant_type"] = "password" };

                class Nested
                {
                    class Deeper
                    {
                        Func<string> Body => () => "grant_type=password&username=u";
                    }
                }
            }
            """);

        [Fact]
        public Task ApprovalsThatCoverServerSites_AreNotReported() => VerifyStale.AnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using RopcAnalyzers;

            namespace IdentityServer4.Validation
            {
                public class ResourceOwnerPasswordValidationContext { }
                public interface IResourceOwnerPasswordValidator { Task ValidateAsync(ResourceOwnerPasswordValidationContext context); }
            }

            namespace App
            {
                class Startup
                {
                    [TrustedLegacyRopc("Kiosk clients of the in-house IdP")]
                    void Configure(IServiceCollection services) => services.AddOpenIddict().AddServer(options => options.AllowPasswordFlow());

                    [TrustedLegacyRopc("Kiosk clients of the in-house IdP")]
                    bool IsPassword(string grantType) => grantType == "password";
                }

                [TrustedLegacyRopc("Kiosk clients of the in-house IdP")]
                class Validator : IdentityServer4.Validation.IResourceOwnerPasswordValidator
                {
                    public Task ValidateAsync(IdentityServer4.Validation.ResourceOwnerPasswordValidationContext context) => Task.CompletedTask;
                }
            }
            """);

        [Fact]
        public Task PartialType_ApprovalOnOnePart_UseInAnother_IsNotReported()
        {
            var test = new RuleTest(RuleIdentifiers.StaleApproval, """
                using RopcAnalyzers;

                [TrustedLegacyRopc("Kiosk app")]
                partial class Login { }
                """);
            test.TestState.Sources.Add(("Login.Form.cs", """
                partial class Login
                {
                    string Body() => "grant_type=password&username=u";
                }
                """));
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>The approval's files are found from their text: a global alias declared in another file counts as its spelling.</summary>
        [Fact]
        public Task ApprovalUnderAGlobalAliasOfAnotherFile_ThatCoversNoUse_IsReported()
        {
            var test = new RuleTest(RuleIdentifiers.StaleApproval, """
                [{|#0:Legacy("Kiosk app")|}]
                class Login
                {
                    string Body() => "scope=api";
                }
                """);
            test.TestState.Sources.Add(("Usings.cs", "global using Legacy = RopcAnalyzers.TrustedLegacyRopcAttribute;"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.StaleApproval).WithLocation(0).WithArguments("Login"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task ConfiguredWrapper_CountsAsAUse()
        {
            var test = new RuleTest(RuleIdentifiers.StaleApproval, """
                using RopcAnalyzers;

                namespace MyCompany.Auth
                {
                    static class LegacyLogin { public static void SignIn(string user, string password) { } }

                    class Caller
                    {
                        [TrustedLegacyRopc("Wrapper around the kiosk login")]
                        void Run() => LegacyLogin.SignIn("u", "p");
                    }
                }
                """).WithEditorConfig("ropc_analyzers.additional_ropc_apis = MyCompany.Auth.LegacyLogin.SignIn");
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task WithoutTheAttributeInTheCompilation_NothingIsReported() => new RuleTest(RuleIdentifiers.StaleApproval, """
            class Plain { void M() { } }
            """, withLibraries: false).RunAsync(CancellationToken.None);
    }
}
