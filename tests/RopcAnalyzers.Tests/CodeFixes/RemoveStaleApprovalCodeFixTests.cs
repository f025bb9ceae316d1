using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.CodeFixes
{
    public class RemoveStaleApprovalCodeFixTests
    {
        private static DiagnosticResult Ropc005(string target, int location) => new DiagnosticResult(Descriptors.StaleApproval).WithLocation(location).WithArguments(target);

        [Fact]
        public Task StaleApprovals_AreRemoved_KeepingCommentsAndOtherAttributes()
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, RemoveStaleApprovalCodeFixProvider>(
                """
                using System;
                using RopcAnalyzers;

                /// <summary>Signs users in.</summary>
                [{|#0:TrustedLegacyRopc("Kiosk app", Owner = "team-identity", Expires = "2027-06-30")|}]
                public class Login
                {
                    /// <summary>Logs in with a code.</summary>
                    [{|#1:TrustedLegacyRopc("Kiosk app")|}]
                    public string LogIn(string code) => "grant_type=authorization_code&code=" + code;

                    [Obsolete("use LogIn"), {|#2:TrustedLegacyRopc("Kiosk app")|}]
                    public string Old() => "grant_type=client_credentials";

                    [{|#3:TrustedLegacyRopc("Kiosk app")|}] public string SameLine() => "";

                    [{|#4:TrustedLegacyRopc("Kiosk app")|}]
                    // Kept: a comment between the attribute and the member.
                    public string Commented() => "";

                    [TrustedLegacyRopc("Kiosk app")]
                    // The form the kiosk posts.
                    public string Still => "grant_type=password&username=u";
                }
                """,
                """
                using System;
                using RopcAnalyzers;

                /// <summary>Signs users in.</summary>
                public class Login
                {
                    /// <summary>Logs in with a code.</summary>
                    public string LogIn(string code) => "grant_type=authorization_code&code=" + code;

                    [Obsolete("use LogIn")]
                    public string Old() => "grant_type=client_credentials";

                    public string SameLine() => "";

                    // Kept: a comment between the attribute and the member.
                    public string Commented() => "";

                    [TrustedLegacyRopc("Kiosk app")]
                    // The form the kiosk posts.
                    public string Still => "grant_type=password&username=u";
                }
                """);
            test.ExpectedDiagnostics.Add(Ropc005("Login", 0));
            test.ExpectedDiagnostics.Add(Ropc005("Login.LogIn", 1));
            test.ExpectedDiagnostics.Add(Ropc005("Login.Old", 2));
            test.ExpectedDiagnostics.Add(Ropc005("Login.SameLine", 3));
            test.ExpectedDiagnostics.Add(Ropc005("Login.Commented", 4));
            test.CodeActionEquivalenceKey = RemoveStaleApprovalCodeFixProvider.EquivalenceKey;
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task FixAll_RemovesStaleApprovalsInEveryDocument_AndLeavesCoveringOnes()
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, RemoveStaleApprovalCodeFixProvider>(
                """
                using RopcAnalyzers;

                class First
                {
                    [{|#0:TrustedLegacyRopc("Kiosk app")|}]
                    void Migrated() { }

                    [TrustedLegacyRopc("Kiosk app")]
                    string Legacy() => "grant_type=password&username=u";
                }
                """,
                """
                using RopcAnalyzers;

                class First
                {
                    void Migrated() { }

                    [TrustedLegacyRopc("Kiosk app")]
                    string Legacy() => "grant_type=password&username=u";
                }
                """);
            test.TestState.Sources.Add(("Second.cs", """
                using System;
                using RopcAnalyzers;

                class Second
                {
                    void Run()
                    {
                        Func<string> lambda = [{|#1:TrustedLegacyRopc("Kiosk app")|}] () => "";

                        [{|#2:TrustedLegacyRopc("Kiosk app")|}]
                        void Local() { }
                    }
                }
                """));
            test.FixedState.Sources.Add(("Second.cs", """
                using System;
                using RopcAnalyzers;

                class Second
                {
                    void Run()
                    {
                        Func<string> lambda = () => "";

                        void Local() { }
                    }
                }
                """));
            test.ExpectedDiagnostics.Add(Ropc005("First.Migrated", 0));
            test.ExpectedDiagnostics.Add(Ropc005("lambda expression", 1));
            test.ExpectedDiagnostics.Add(Ropc005("Local", 2));
            test.CodeActionEquivalenceKey = RemoveStaleApprovalCodeFixProvider.EquivalenceKey;
            return test.RunAsync(CancellationToken.None);
        }
    }
}
