using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Options
{
    /// <summary>
    /// RopcUseAnalyzer runs several rules, so the compiler cannot skip it for one rule set to none: the analyzer
    /// must not report that rule, or WarningsAsErrors (the CI gate) would turn it into an error.
    /// </summary>
    public class RuleSwitchesTests
    {
        private const string Source = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using IdentityModel.Client;

            class LegacyLogin
            {
                Task<TokenResponse> LogInAsync(HttpClient http, string user, string password)
                    => {|#0:http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = "https://idp/token", UserName = user, Password = password })|};
            }
            """;

        private static RopcAnalyzerTest<RopcUseAnalyzer> GatedTest(string source)
        {
            var test = new RopcAnalyzerTest<RopcUseAnalyzer>(source);
            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var options = solution.GetProject(projectId)!.CompilationOptions!;
                return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(RuleIdentifiers.UnapprovedRopcRequest, ReportDiagnostic.Error)));
            });
            return test;
        }

        [Fact]
        public Task WarningsAsErrors_WithoutEditorConfig_ReportsAnError()
        {
            var test = GatedTest(Source);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.UnapprovedRopcRequest).WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("IdentityModel RequestPasswordTokenAsync"));
            return test.RunAsync();
        }

        [Fact]
        public Task WarningsAsErrors_AndSeverityNoneInEditorConfig_ReportsNothing()
            => GatedTest(Source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty))
                .WithEditorConfig("dotnet_diagnostic.ROPC001.severity = none")
                .RunAsync();

        [Fact]
        public Task WarningsAsErrors_AndSeverityNoneInGlobalConfig_ReportsNothing()
            => GatedTest(Source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty))
                .WithGlobalConfig("dotnet_diagnostic.ROPC001.severity = none")
                .RunAsync();
    }
}
