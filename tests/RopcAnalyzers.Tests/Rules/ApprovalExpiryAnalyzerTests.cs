using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;
using VerifyExpiry = RopcAnalyzers.Tests.Infrastructure.Verify<RopcAnalyzers.Rules.ApprovalExpiryAnalyzer>;

namespace RopcAnalyzers.Tests.Rules
{
    public class ApprovalExpiryAnalyzerTests
    {
        private const string ReferenceDate = "ropc_analyzers.reference_date = 2024-06-30";

        private static DiagnosticResult Ropc004(string target, string expires, int location = 0)
            => VerifyExpiry.Diagnostic(Descriptors.ExpiredApproval).WithLocation(location).WithArguments(target, expires);

        private static DiagnosticResult Ropc010(string target, string written, int location = 0)
            => VerifyExpiry.Diagnostic(Descriptors.MalformedApprovalExpiry).WithLocation(location).WithArguments(target, written);

        private static string Approved(string expires) => $$"""
            using RopcAnalyzers;

            class LegacyLogin
            {
                [TrustedLegacyRopc("Kiosk app; the IdP has no browser flow yet", Owner = "team-identity", Expires = {{expires}})]
                void LogIn() { }
            }
            """;

        private static Task VerifyAsync(string source, string[] editorConfig, params DiagnosticResult[] expected)
        {
            var test = new RopcAnalyzerTest<ApprovalExpiryAnalyzer>(source);
            if (editorConfig.Length > 0)
            {
                test.WithEditorConfig(editorConfig);
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        // ---------------------------------------------------------------- ROPC004 with a configured reference date

        [Theory]
        [InlineData("2024-06-29")]
        [InlineData("2020-01-01")]
        [InlineData(" 2024-06-29 ")]
        public Task ExpiryBeforeTheReferenceDate_IsReported(string expires) => VerifyAsync(
            Approved($"{{|#0:\"{expires}\"|}}"), new[] { ReferenceDate }, Ropc004("LegacyLogin.LogIn", expires.Trim()));

        [Theory]
        [InlineData("2024-06-30")]
        [InlineData("2024-07-01")]
        [InlineData("2099-12-31")]
        public Task ExpiryOnOrAfterTheReferenceDate_IsNotReported(string expires) => VerifyAsync(
            Approved($"\"{expires}\""), new[] { ReferenceDate });

        [Fact]
        public Task ReferenceDateInAGlobalConfig_IsUsed()
        {
            var test = new RopcAnalyzerTest<ApprovalExpiryAnalyzer>(Approved("{|#0:\"2030-01-01\"|}")).WithGlobalConfig("ropc_analyzers.reference_date = 2031-01-01");
            test.ExpectedDiagnostics.Add(Ropc004("LegacyLogin.LogIn", "2030-01-01"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task ExpiryFromAConstant_IsReportedAtTheArgument() => VerifyAsync("""
            using RopcAnalyzers;

            static class Deadlines { public const string KioskMigration = "2023-12-31"; }

            [TrustedLegacyRopc("Kiosk app", Expires = {|#0:Deadlines.KioskMigration|})]
            class LegacyLogin { }
            """, new[] { ReferenceDate }, Ropc004("LegacyLogin", "2023-12-31"));

        // ---------------------------------------------------------------- Default reference date: today (UTC)

        [Fact]
        public Task WithoutTheOption_TodayIsTheReferenceDate() => VerifyAsync(Approved("{|#0:\"2001-01-01\"|}"), new string[0], Ropc004("LegacyLogin.LogIn", "2001-01-01"));

        [Fact]
        public Task WithoutTheOption_AFutureDateIsNotReported() => VerifyAsync(Approved("\"2999-12-31\""), new string[0]);

        [Theory]
        [InlineData("ropc_analyzers.reference_date = 2024/06/30")]
        [InlineData("ropc_analyzers.reference_date = tomorrow")]
        [InlineData("ropc_analyzers.reference_date = 2024-02-30")]
        [InlineData("ropc_analyzers.reference_date =")]
        public Task MalformedReferenceDate_FallsBackToToday(string option) => VerifyAsync("""
            using RopcAnalyzers;

            class LegacyLogin
            {
                [TrustedLegacyRopc("Kiosk app", Expires = {|#0:"2001-01-01"|})]
                void Old() { }

                [TrustedLegacyRopc("Kiosk app", Expires = "2999-12-31")]
                void Future() { }
            }
            """, new[] { option }, Ropc004("LegacyLogin.Old", "2001-01-01"));

        // ---------------------------------------------------------------- ROPC010

        [Theory]
        [InlineData("next quarter")]
        [InlineData("30/06/2027")]
        [InlineData("2027-13-01")]
        [InlineData("2027-06-30T00:00:00Z")]
        [InlineData("20270630")]
        [InlineData("")]
        public Task ExpiryThatIsNotADate_IsReported(string expires) => VerifyAsync(
            Approved($"{{|#0:\"{expires}\"|}}"), new[] { ReferenceDate }, Ropc010("LegacyLogin.LogIn", expires));

        [Fact]
        public Task ExpiryThatIsNotADate_IsReportedWithoutTheOptionToo() => VerifyAsync(
            Approved("{|#0:\"soon\"|}"), new string[0], Ropc010("LegacyLogin.LogIn", "soon"));

        [Theory]
        [InlineData("[TrustedLegacyRopc(\"Kiosk app\")]")]
        [InlineData("[TrustedLegacyRopc(\"Kiosk app\", Expires = null)]")]
        [InlineData("[TrustedLegacyRopc(\"Kiosk app\", Owner = \"team-identity\")]")]
        public Task ApprovalWithoutExpiry_IsNotReported(string attribute) => VerifyAsync($$"""
            using RopcAnalyzers;

            class LegacyLogin
            {
                {{attribute}}
                void LogIn() { }
            }
            """, new[] { ReferenceDate });

        [Fact]
        public Task LocalFunctionAndPropertyApprovals_AreChecked() => VerifyAsync("""
            using RopcAnalyzers;

            class LegacyLogin
            {
                [TrustedLegacyRopc("Kiosk app", Expires = {|#0:"2024-01-01"|})]
                string Form => "";

                void Run()
                {
                    [TrustedLegacyRopc("Kiosk app", Expires = {|#1:"someday"|})]
                    void Local() { }

                    Local();
                }
            }
            """, new[] { ReferenceDate }, Ropc004("LegacyLogin.Form", "2024-01-01"), Ropc010("Local", "someday", 1));

        // ---------------------------------------------------------------- With ROPC001: one diagnostic per problem

        [Fact]
        public Task ExpiredApproval_ReportsTheApprovalAndNotTheRequestAgain()
        {
            var test = new WithUnapprovedRopcRequestAnalyzer("""
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;
                using RopcAnalyzers;

                class LegacyLogin
                {
                    [TrustedLegacyRopc("Kiosk app", Expires = {|#0:"2024-01-31"|})]
                    Task<TokenResponse> LogInAsync(HttpClient http, string user, string password)
                        => http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password });

                    Task<TokenResponse> UnapprovedAsync(HttpClient http, string user, string password)
                        => {|#1:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })|};
                }
                """).WithEditorConfig(ReferenceDate);
            test.ExpectedDiagnostics.Add(Ropc004("LegacyLogin.LogInAsync", "2024-01-31"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.UnapprovedRopcRequest).WithLocation(1).WithArguments("IdentityModel RequestPasswordTokenAsync"));
            return test.RunAsync(CancellationToken.None);
        }

        private sealed class WithUnapprovedRopcRequestAnalyzer : RopcAnalyzerTest<ApprovalExpiryAnalyzer>
        {
            public WithUnapprovedRopcRequestAnalyzer(string source)
                : base(source)
            {
                RuleTest.DisableOtherRules(DisabledDiagnostics, new RopcUseAnalyzer().SupportedDiagnostics, RuleIdentifiers.UnapprovedRopcRequest);
            }

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
                => new DiagnosticAnalyzer[] { new ApprovalExpiryAnalyzer(), new RopcUseAnalyzer() };
        }
    }
}
