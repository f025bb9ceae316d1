using System;
using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Options;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Options
{
    /// <summary>The ropc_analyzers.* convention: where values are read from, and what malformed values do.</summary>
    public class RopcOptionsTests
    {
        private const string WrapperSource = """
            namespace MyCompany.Auth
            {
                static class LegacyLogin { public static void SignIn(string user, string password) { } }

                class Caller
                {
                    void Run() => {|#0:LegacyLogin.SignIn("u", "p")|};
                }
            }
            """;

        private static DiagnosticResult Ropc001Wrapper() => new DiagnosticResult(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments("configured ROPC API SignIn");

        [Fact]
        public Task AdditionalRopcApis_InAnEditorConfigSection_IsRead()
        {
            var test = new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, WrapperSource)
                .WithEditorConfig("ropc_analyzers.additional_ropc_apis = MyCompany.Other.Login, MyCompany.Auth.LegacyLogin.SignIn");
            test.ExpectedDiagnostics.Add(Ropc001Wrapper());
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task AdditionalRopcApis_InAGlobalConfig_IsRead()
        {
            var test = new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, WrapperSource)
                .WithGlobalConfig("ropc_analyzers.additional_ropc_apis = MyCompany.Auth.LegacyLogin.SignIn");
            test.ExpectedDiagnostics.Add(Ropc001Wrapper());
            return test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("ropc_analyzers.additional_ropc_apis = ;;, ,")]
        [InlineData("ropc_analyzers.additional_ropc_apis = SignIn, .., MyCompany.Auth.LegacyLogin.Sign-In")]
        [InlineData("ropc_analyzers.additional_ropc_apis =")]
        public Task AdditionalRopcApis_Malformed_AreIgnored(string option) => new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, 
            WrapperSource.Replace("{|#0:", string.Empty).Replace("|}", string.Empty)).WithEditorConfig(option).RunAsync(CancellationToken.None);

        [Theory]
        [InlineData("2027-06-30", 2027, 6, 30)]
        [InlineData(" 2027-06-30 ", 2027, 6, 30)]
        [InlineData("2028-02-29", 2028, 2, 29)]
        public void TryParseDate_ReadsIsoCalendarDates(string text, int year, int month, int day)
        {
            Assert.True(RopcOptions.TryParseDate(text, out var date));
            Assert.Equal(new DateTime(year, month, day), date);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("2027-6-30")]
        [InlineData("2027/06/30")]
        [InlineData("30.06.2027")]
        [InlineData("2027-02-29")]
        [InlineData("2027-06-30T00:00:00")]
        [InlineData("June 30, 2027")]
        public void TryParseDate_RejectsEverythingElse(string? text) => Assert.False(RopcOptions.TryParseDate(text, out _));
    }
}
