using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>
    /// ROPC that real projects spread across methods, types and files: a session class that keeps the password and
    /// calls the project's own helper in another file, wrappers of wrappers, constructors that keep what a method
    /// later sends, grant values held by settings objects. Each case is a small project of several files, analysed
    /// with every rule of <see cref="RopcUseAnalyzer"/>, both with the OAuth libraries referenced (every operation is
    /// searched) and, where the sources need none, without them (only code blocks with a grant literal or a wrapper
    /// call are searched): the diagnostics must be the same.
    /// </summary>
    public class WholeProgramTests
    {
        private const string FormRequest = "form field grant_type=password";

        private static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor, int location, params int[] additional)
        {
            var result = new DiagnosticResult(descriptor).WithLocation(location);
            foreach (var key in additional)
            {
                result = result.WithLocation(key, DiagnosticLocationOptions.InterpretAsMarkupKey);
            }

            return result;
        }

        private static async Task ProjectAsync((string Path, string Source)[] files, DiagnosticResult[] expected, bool needsLibraries = false)
        {
            foreach (var withLibraries in needsLibraries ? new[] { true } : new[] { true, false })
            {
                var test = new RopcAnalyzerTest<RopcUseAnalyzer>(string.Empty, withLibraries);
                test.TestState.Sources.Clear();
                test.TestState.Sources.Add(("TrustedLegacyRopcAttribute.cs", ShippedSources.TrustedLegacyRopcAttribute));
                foreach (var file in files)
                {
                    test.TestState.Sources.Add(file);
                }

                test.TestState.OutputKind = files.Any(file => file.Path == "Program.cs") ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
                test.ExpectedDiagnostics.AddRange(expected);
                await test.RunAsync();
            }
        }

        // ---------------------------------------------------------------- 1. project wrappers

        private const string AuthHelper = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Contoso.Api
            {
                public sealed record Token(string AccessToken);

                public static class AuthHelper
                {
                    private static readonly HttpClient Http = new HttpClient();

                    public static async Task<Token> GetTokenAsync(string url, string user, string pwd)
                    {
                        var form = new Dictionary<string, string>
                        {
                            {|#20:{ "grant_type", "password" }|},
                            { "username", user },
                            { "password", pwd },
                        };
                        var response = await Http.PostAsync(url + "/connect/token", new FormUrlEncodedContent(form));
                        return new Token(await response.Content.ReadAsStringAsync());
                    }
                }
            }
            """;

        [Fact]
        public Task SessionKeepingThePassword_ForTheProjectsHelper_ReportsTheFieldWithTheChain() => ProjectAsync(
            new[]
            {
                ("AuthHelper.cs", AuthHelper),
                ("Session.cs", """
                    using System.Threading.Tasks;

                    namespace Contoso.Api
                    {
                        public sealed class Session
                        {
                            private readonly string _baseUrl;
                            private readonly string _user;
                            private readonly string {|#0:_password|};

                            public Session(string baseUrl, string user, string password)
                            {
                                _baseUrl = baseUrl;
                                _user = user;
                                _password = password;
                            }

                            public Task<Token> RenewAsync() => {|#1:AuthHelper.GetTokenAsync(_baseUrl, _user, _password)|};
                        }
                    }
                    """),
                ("Program.cs", """
                    using System;
                    using Contoso.Api;

                    var session = {|#10:new Session({|#11:"http://idp.contoso.com"|}, "bob", {|#12:"hunter2"|})|};
                    Console.WriteLine((await session.RenewAsync()).AccessToken);
                    """),
            },
            new[]
            {
                Diagnostic(Descriptors.UnapprovedRopcRequest, 20).WithArguments(FormRequest),
                Diagnostic(Descriptors.PasswordPersisted, 0, 1, 20)
                    .WithArguments($"Session.RenewAsync → AuthHelper.GetTokenAsync → {FormRequest}", "kept in field '_password'"),
                Diagnostic(Descriptors.CleartextTokenEndpoint, 11, 1, 20)
                    .WithArguments($"Program (top-level) → new Session → Session.RenewAsync → AuthHelper.GetTokenAsync → {FormRequest}", "http://idp.contoso.com"),
                Diagnostic(Descriptors.HardCodedPassword, 12, 1, 20)
                    .WithArguments($"Program (top-level) → new Session → Session.RenewAsync → AuthHelper.GetTokenAsync → {FormRequest}"),
            });
    }
}
