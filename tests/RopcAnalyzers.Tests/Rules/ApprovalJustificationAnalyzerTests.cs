using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Rules;
using VerifyJustification = RopcAnalyzers.Tests.Infrastructure.Verify<RopcAnalyzers.Rules.ApprovalJustificationAnalyzer>;

namespace RopcAnalyzers.Tests.Rules
{
    public class ApprovalJustificationAnalyzerTests
    {
        private static DiagnosticResult Ropc003(string target, string problem, int location = 0)
            => VerifyJustification.Diagnostic(Descriptors.ApprovalWithoutJustification).WithLocation(location).WithArguments(target, problem);

        [Theory]
        [InlineData("\"\"", "it is empty")]
        [InlineData("null", "it is empty")]
        [InlineData("\"   \"", "it is only white space")]
        [InlineData("\"TODO\"", "it is a TODO placeholder")]
        [InlineData("\"todo: ask security\"", "it is a TODO placeholder")]
        [InlineData("\"TBD\"", "it is a TBD placeholder")]
        [InlineData("\"FIXME - explain\"", "it is a FIXME placeholder")]
        [InlineData("\"...\"", "it has no words")]
        [InlineData("\"-\"", "it has no words")]
        [InlineData("Reasons.None", "it is empty")]
        public Task Justification_ThatIsNotAReason_IsReported(string justification, string problem) => VerifyJustification.AnalyzerAsync($$"""
            using RopcAnalyzers;

            static class Reasons { public const string None = ""; }

            class LegacyLogin
            {
                [TrustedLegacyRopc({|#0:{{justification}}|}, Owner = "team-identity")]
                void LogIn() { }
            }
            """, Ropc003("LegacyLogin.LogIn", problem));

        [Fact]
        public Task ApprovalUnderAGlobalAliasOfAnotherFile_IsChecked()
        {
            var test = new Infrastructure.RopcAnalyzerTest<ApprovalJustificationAnalyzer>("""
                class LegacyLogin
                {
                    [Legacy({|#0:"TODO"|})]
                    void LogIn() { }
                }
                """);
            test.TestState.Sources.Add(("Usings.cs", "global using Legacy = RopcAnalyzers.TrustedLegacyRopcAttribute;"));
            test.ExpectedDiagnostics.Add(Ropc003("LegacyLogin.LogIn", "it is a TODO placeholder"));
            return test.RunAsync();
        }

        [Fact]
        public Task PlaceholderOfTheApprovalCodeFix_IsReported() => VerifyJustification.AnalyzerAsync($$"""
            using RopcAnalyzers;

            class LegacyLogin
            {
                [TrustedLegacyRopc({|#0:"{{TrustedLegacyApproval.JustificationPlaceholder}}"|})]
                void LogIn() { }
            }
            """, Ropc003("LegacyLogin.LogIn", "it is the placeholder that the approval code fix inserts"));

        [Fact]
        public Task EveryPlaceAnApprovalCanBe_IsChecked() => VerifyJustification.AnalyzerAsync("""
            using System;
            using RopcAnalyzers;

            [TrustedLegacyRopc({|#0:""|})]
            class LegacyLogin
            {
                [TrustedLegacyRopc({|#1:""|})]
                LegacyLogin() { }

                [TrustedLegacyRopc(justification: {|#2:" "|})]
                string Form => "";

                void Run()
                {
                    [TrustedLegacyRopc({|#3:""|})]
                    void Local() { }

                    Action lambda = [TrustedLegacyRopc({|#4:""|})] () => { };
                    Local();
                }

                [TrustedLegacyRopc({|#5:""|})]
                struct Nested { }
            }
            """,
            Ropc003("LegacyLogin", "it is empty", 0),
            Ropc003("LegacyLogin.LegacyLogin", "it is empty", 1),
            Ropc003("LegacyLogin.Form", "it is only white space", 2),
            Ropc003("Local", "it is empty", 3),
            Ropc003("lambda expression", "it is empty", 4),
            Ropc003("LegacyLogin.Nested", "it is empty", 5));

        [Theory]
        [InlineData("Kiosk app; the IdP has no browser flow for it yet (IAM-42)")]
        [InlineData("Todoist sync service: vendor API only supports ROPC")]
        [InlineData("SAP 7.4 connector")]
        public Task RealJustification_IsNotReported(string justification) => VerifyJustification.AnalyzerAsync($$"""
            using RopcAnalyzers;

            class LegacyLogin
            {
                [TrustedLegacyRopc("{{justification}}", Owner = "team-identity", Expires = "2027-06-30")]
                void LogIn() { }
            }
            """);

        [Fact]
        public Task AttributeOfTheSameNameInAnotherNamespace_IsNotChecked() => VerifyJustification.AnalyzerAsync("""
            namespace Other
            {
                sealed class TrustedLegacyRopcAttribute : System.Attribute { public TrustedLegacyRopcAttribute(string why) { } }

                class C
                {
                    [TrustedLegacyRopc("")]
                    void M() { }
                }
            }
            """);

        [Fact]
        public Task AttributeThatDoesNotBind_LeavesItToTheCompiler() => VerifyJustification.AnalyzerAsync("""
            using RopcAnalyzers;

            class LegacyLogin
            {
                [{|CS7036:TrustedLegacyRopc|}]
                void LogIn() { }
            }
            """);

        [Theory]
        [InlineData("", "it is empty")]
        [InlineData(" \t", "it is only white space")]
        [InlineData("TODO", "it is a TODO placeholder")]
        [InlineData("  TODO: later", "it is a TODO placeholder")]
        [InlineData("?!", "it has no words")]
        [InlineData(TrustedLegacyApproval.JustificationPlaceholder, "it is the placeholder that the approval code fix inserts")]
        [InlineData("Todo-list app, vendor-only ROPC", null)]
        [InlineData("Todos: vendor API", null)]
        [InlineData("Kiosk", null)]
        public void Problem_NamesWhatIsWrong(string justification, string? problem)
            => Assert.Equal(problem, ApprovalJustificationAnalyzer.Problem(justification));
    }
}
