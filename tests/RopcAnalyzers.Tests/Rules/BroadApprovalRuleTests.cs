using Microsoft.CodeAnalysis.Testing;

using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class BroadApprovalRuleTests
    {
        private static readonly VerifyRule VerifyBroad = new(RuleIdentifiers.BroadApproval);

        private static DiagnosticResult Ropc006(string type, string member, int location = 0)
            => VerifyBroad.Diagnostic(Descriptors.BroadApproval).WithLocation(location).WithLocation(1).WithArguments(type, member);

        [Fact]
        public Task TypeApproval_WithOneMethodUsingRopc_IsReported() => VerifyBroad.AnalyzerAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;
            using RopcAnalyzers;

            [{|#0:TrustedLegacyRopc("Kiosk app", Owner = "team-identity", Expires = "2027-06-30")|}]
            class LegacyLogin
            {
                Task<TokenResponse> {|#1:LogInAsync|}(HttpClient http, string user, string password)
                {
                    var first = http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });
                    return http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });
                }

                Task<TokenResponse> RefreshAsync(HttpClient http, string token)
                    => http.RequestRefreshTokenAsync(new RefreshTokenRequest { Address = "https://idp/token", RefreshToken = token });
            }
            """, Ropc006("LegacyLogin", "LegacyLogin.LogInAsync"));

        [Fact]
        public Task TypeApproval_WithTheUseInAPropertyAccessor_NamesTheProperty() => VerifyBroad.AnalyzerAsync("""
            using System.Collections.Generic;
            using RopcAnalyzers;

            [{|#0:TrustedLegacyRopc("Kiosk app")|}]
            struct Forms
            {
                Dictionary<string, string> {|#1:Form|}
                {
                    get { return new() { ["grant_type"] = "password" }; }
                }

                int Count => 0;
            }
            """, Ropc006("Forms", "Forms.Form"));

        [Fact]
        public Task TypeApproval_WithTheUseInALambdaOfAConstructor_NamesTheConstructor() => VerifyBroad.AnalyzerAsync("""
            using System;
            using RopcAnalyzers;

            [{|#0:TrustedLegacyRopc("Kiosk app")|}]
            class Forms
            {
                private readonly Func<string> body;

                {|#1:Forms|}() { body = () => "grant_type=password&username=u"; }

                string Other() => "grant_type=client_credentials";
            }
            """, Ropc006("Forms", "Forms.Forms"));

        [Fact]
        public Task TypeApproval_WithTheUseInANestedType_NamesTheNestedType() => VerifyBroad.AnalyzerAsync("""
            using RopcAnalyzers;

            [{|#0:TrustedLegacyRopc("Kiosk app")|}]
            class Outer
            {
                void Unrelated() { }

                class {|#1:Inner|}
                {
                    string Body() => "grant_type=password&username=u";
                    string Other() => "grant_type=password&username=v";
                }
            }
            """, Ropc006("Outer", "Outer.Inner"));

        [Fact]
        public Task TypeApproval_WithTheUseInAServerMethod_IsReported() => VerifyBroad.AnalyzerAsync("""
            using RopcAnalyzers;

            [{|#0:TrustedLegacyRopc("Kiosk clients of the in-house IdP")|}]
            class TokenEndpoint
            {
                bool {|#1:IsPassword|}(string grantType) => grantType == "password";
                bool IsRefresh(string grantType) => grantType == "refresh_token";
            }
            """, Ropc006("TokenEndpoint", "TokenEndpoint.IsPassword"));

        [Fact]
        public Task TypeApproval_WithSeveralMembersUsingRopc_IsNotReported() => VerifyBroad.AnalyzerAsync("""
            using System.Collections.Generic;
            using RopcAnalyzers;

            [TrustedLegacyRopc("Kiosk app: the whole client is the legacy login")]
            class LegacyLogin
            {
                string Body() => "grant_type=password&username=u";
                Dictionary<string, string> Form() => new() { ["grant_type"] = "password" };
            }
            """);

        [Fact]
        public Task TypeApproval_OnAPasswordValidator_IsNotReported() => VerifyBroad.AnalyzerAsync("""
            using System.Threading.Tasks;
            using RopcAnalyzers;

            namespace IdentityServer4.Validation
            {
                public class ResourceOwnerPasswordValidationContext { }
                public interface IResourceOwnerPasswordValidator { Task ValidateAsync(ResourceOwnerPasswordValidationContext context); }
            }

            namespace App
            {
                [TrustedLegacyRopc("Kiosk clients of the in-house IdP")]
                class Validator : IdentityServer4.Validation.IResourceOwnerPasswordValidator
                {
                    public Task ValidateAsync(IdentityServer4.Validation.ResourceOwnerPasswordValidationContext context) => Task.CompletedTask;
                    bool IsPassword(string grantType) => grantType == "password";
                }
            }
            """);

        [Fact]
        public Task TypeApproval_WithTheOnlyUseInAFieldInitializer_IsNotReported() => VerifyBroad.AnalyzerAsync("""
            using System.Collections.Generic;
            using RopcAnalyzers;

            [TrustedLegacyRopc("Kiosk app: the attribute cannot be put on a field")]
            class Forms
            {
                private readonly Dictionary<string, string> form = new() { ["grant_type"] = "password" };

                void Unrelated() { }
            }
            """);

        [Fact]
        public Task MemberApprovals_AndStaleTypeApprovals_AreNotThisRule() => VerifyBroad.AnalyzerAsync("""
            using RopcAnalyzers;

            class Login
            {
                [TrustedLegacyRopc("Kiosk app")]
                string Body() => "grant_type=password&username=u";
            }

            [TrustedLegacyRopc("Kiosk app")]
            class Covered
            {
                [TrustedLegacyRopc("Kiosk app")]
                string Body() => "grant_type=password&username=u";
            }

            [TrustedLegacyRopc("Kiosk app")]
            class Empty
            {
                void Nothing() { }
            }
            """);
    }
}
