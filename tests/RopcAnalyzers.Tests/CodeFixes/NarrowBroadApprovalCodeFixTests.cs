using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.CodeFixes
{
    public class NarrowBroadApprovalCodeFixTests
    {
        private static DiagnosticResult Ropc006(string type, string member, int location, int memberLocation)
            => new DiagnosticResult(Descriptors.BroadApproval).WithLocation(location).WithLocation(memberLocation).WithArguments(type, member);

        private static RopcCodeFixTest<RopcUseAnalyzer, NarrowBroadApprovalCodeFixProvider> Test(string source, string fixedSource)
            => new(source, fixedSource) { CodeActionEquivalenceKey = NarrowBroadApprovalCodeFixProvider.EquivalenceKey };

        [Fact]
        public Task ApprovalMovesToTheMethod_WithItsJustificationOwnerAndExpiry()
        {
            var test = Test(
                """
                using System;
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using RopcAnalyzers;

                namespace App
                {
                    /// <summary>The kiosk's login.</summary>
                    [{|#0:TrustedLegacyRopc("Kiosk app; the IdP has no browser flow yet", Owner = "team-identity", Expires = "2027-06-30")|}]
                    public sealed class LegacyLogin
                    {
                        /// <summary>Logs in.</summary>
                        [Obsolete("Use the device flow")]
                        public Task<TokenResponse> {|#1:LogInAsync|}(HttpClient http, string user, string password)
                            => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });

                        public Task<TokenResponse> RefreshAsync(HttpClient http, string token)
                            => http.RequestRefreshTokenAsync(new RefreshTokenRequest { Address = "https://idp/token", RefreshToken = token });
                    }
                }
                """,
                """
                using System;
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using RopcAnalyzers;

                namespace App
                {
                    /// <summary>The kiosk's login.</summary>
                    public sealed class LegacyLogin
                    {
                        /// <summary>Logs in.</summary>
                        [TrustedLegacyRopc("Kiosk app; the IdP has no browser flow yet", Owner = "team-identity", Expires = "2027-06-30")]
                        [Obsolete("Use the device flow")]
                        public Task<TokenResponse> LogInAsync(HttpClient http, string user, string password)
                            => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });

                        public Task<TokenResponse> RefreshAsync(HttpClient http, string token)
                            => http.RequestRefreshTokenAsync(new RefreshTokenRequest { Address = "https://idp/token", RefreshToken = token });
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(Ropc006("LegacyLogin", "LegacyLogin.LogInAsync", 0, 1));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task FixAll_NarrowsEveryBroadApproval_ToPropertiesNestedTypesAndConstructors()
        {
            var test = Test(
                """
                using System;
                using System.Collections.Generic;
                using RopcAnalyzers;

                [Serializable, {|#0:TrustedLegacyRopc("Kiosk app")|}]
                class Forms
                {
                    Dictionary<string, string> {|#1:Form|} => new() { ["grant_type"] = "password" };

                    int Count => 0;
                }

                [{|#2:TrustedLegacyRopc("Kiosk app")|}]
                class Outer
                {
                    void Unrelated() { }

                    class {|#3:Inner|}
                    {
                        string Body() => "grant_type=password&username=u";
                        string Other() => "grant_type=password&username=v";
                    }
                }
                """,
                """
                using System;
                using System.Collections.Generic;
                using RopcAnalyzers;

                [Serializable]
                class Forms
                {
                    [TrustedLegacyRopc("Kiosk app")]
                    Dictionary<string, string> Form => new() { ["grant_type"] = "password" };

                    int Count => 0;
                }

                class Outer
                {
                    void Unrelated() { }

                    [TrustedLegacyRopc("Kiosk app")]
                    class Inner
                    {
                        string Body() => "grant_type=password&username=u";
                        string Other() => "grant_type=password&username=v";
                    }
                }
                """);
            test.TestState.Sources.Add(("Session.cs", """
                using System;
                using RopcAnalyzers;

                [{|#4:TrustedLegacyRopc("Kiosk app", Owner = "qa")|}]
                class Session
                {
                    private readonly Func<string> body;

                    {|#5:Session|}() { body = () => "grant_type=password&username=u"; }
                }
                """));
            test.FixedState.Sources.Add(("Session.cs", """
                using System;
                using RopcAnalyzers;

                class Session
                {
                    private readonly Func<string> body;

                    [TrustedLegacyRopc("Kiosk app", Owner = "qa")]
                    Session() { body = () => "grant_type=password&username=u"; }
                }
                """));
            test.ExpectedDiagnostics.Add(Ropc006("Forms", "Forms.Form", 0, 1));
            test.ExpectedDiagnostics.Add(Ropc006("Outer", "Outer.Inner", 2, 3));
            test.ExpectedDiagnostics.Add(Ropc006("Session", "Session.Session", 4, 5));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task NestedTypeWithOneUsingMember_IsNarrowedAgain_UntilTheMember()
        {
            var test = Test(
                """
                using RopcAnalyzers;

                [{|#0:TrustedLegacyRopc("Kiosk app")|}]
                class Outer
                {
                    void Unrelated() { }

                    class {|#1:Inner|}
                    {
                        string Body() => "grant_type=password&username=u";
                    }
                }
                """,
                """
                using RopcAnalyzers;

                class Outer
                {
                    void Unrelated() { }

                    class Inner
                    {
                        [TrustedLegacyRopc("Kiosk app")]
                        string Body() => "grant_type=password&username=u";
                    }
                }
                """);
            test.ExpectedDiagnostics.Add(Ropc006("Outer", "Outer.Inner", 0, 1));
            test.NumberOfIncrementalIterations = 2;
            test.NumberOfFixAllIterations = 2;
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task PartialType_ApprovalMovesToTheMemberInTheOtherFile_WithAQualifiedName()
        {
            var test = Test(
                """
                using RopcAnalyzers;

                [{|#0:TrustedLegacyRopc("Kiosk app", Expires = "2027-06-30")|}]
                partial class Login
                {
                    void Unrelated() { }
                }
                """,
                """
                using RopcAnalyzers;

                partial class Login
                {
                    void Unrelated() { }
                }
                """);
            test.TestState.Sources.Add(("Login.Form.cs", """
                partial class Login
                {
                    string {|#1:Body|}() => "grant_type=password&username=u";
                }
                """));
            test.FixedState.Sources.Add(("Login.Form.cs", """
                partial class Login
                {
                    [RopcAnalyzers.TrustedLegacyRopc("Kiosk app", Expires = "2027-06-30")]
                    string Body() => "grant_type=password&username=u";
                }
                """));
            test.ExpectedDiagnostics.Add(Ropc006("Login", "Login.Body", 0, 1));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
