using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Recognition;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;
using RopcAnalyzers.Tests.Robustness;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>
    /// Without an OAuth library, RopcUseAnalyzer searches only the code blocks that spell out the grant in a string literal
    /// (<see cref="GrantLiterals"/>). It must find exactly what the search of every operation finds: the same code compiled
    /// with the OAuth packages referenced (which turns the full search on) is the reference.
    /// </summary>
    public class GrantLiteralsTests
    {
        public static IEnumerable<object[]> HandWrittenUseNames => HandWrittenUses.Keys.Select(name => new object[] { name });

        private static readonly Dictionary<string, (string Source, string[] ExpectedIds)> HandWrittenUses = new()
        {
            ["DictionaryFormToCleartextEndpoint"] = ("""
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Threading.Tasks;
                class Login
                {
                    Task<HttpResponseMessage> LogIn(HttpClient http, string user)
                        => http.PostAsync("http://idp.example.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["grant_type"] = "password",
                            ["username"] = user,
                            ["password"] = "hunter2",
                        }));
                }
                """, new[] { "ROPC001", "ROPC007", "ROPC008" }),
            ["KeyValuePairsWithGrantInALocal"] = ("""
                using System.Collections.Generic;
                using System.Net.Http;
                class Login
                {
                    HttpContent Form(string user, string password)
                    {
                        var grant = "password";
                        return new FormUrlEncodedContent(new List<KeyValuePair<string, string>> { new("grant_type", grant), new("username", user), new("password", password) });
                    }
                }
                """, new[] { "ROPC001" }),
            ["InterpolatedAndConcatenatedBodies"] = ("""
                using System.Net.Http;
                using System.Text;
                class Login
                {
                    HttpContent Interpolated(string user, string password) => new StringContent($"grant_type=password&username={user}&password={password}", Encoding.UTF8, "application/x-www-form-urlencoded");
                    HttpContent Concatenated(string user, string password) => new StringContent("grant_type=password&username=" + user + "&password=" + password);
                }
                """, new[] { "ROPC001", "ROPC001" }),
            ["LambdaLocalFunctionAndNestedType"] = ("""
                using System;
                using System.Collections.Generic;
                using System.Net.Http;
                class Outer
                {
                    Func<string, string, HttpContent> MakeForm() => (user, password) => new FormUrlEncodedContent(new Dictionary<string, string> { { "grant_type", "password" }, { "username", user }, { "password", password } });

                    HttpContent Local(string user, string password)
                    {
                        return Form();
                        HttpContent Form() => new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("grant_type", "password"), new KeyValuePair<string, string>("username", user) });
                    }

                    class Nested
                    {
                        readonly Dictionary<string, string> form = new() { ["grant_type"] = "password" };
                    }
                }
                """, new[] { "ROPC001", "ROPC001", "ROPC001" }),
            ["PasswordKeptInAFieldAndAConstructor"] = ("""
                using System.Collections.Generic;
                using System.Net.Http;
                class Session
                {
                    private readonly string user;
                    private readonly string password;

                    public Session(string user, string password)
                    {
                        this.user = user;
                        this.password = password;
                    }

                    public HttpContent Refresh() => new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = user, ["password"] = password });
                }
                """, new[] { "ROPC001", "ROPC002" }),
            ["ApprovalsOnMethodsLambdasAndTypes"] = ("""
                using System;
                using System.Collections.Generic;
                using System.Net.Http;
                using RopcAnalyzers;
                class Legacy
                {
                    [TrustedLegacyRopc("Kiosk app of the trusted first party; retired with the 2027 rewrite.")]
                    HttpContent Approved(string user, string password) => new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = user, ["password"] = password });

                    [TrustedLegacyRopc("Was the kiosk login before the migration.")]
                    void Stale() { }

                    Func<string, HttpContent> ApprovedLambda() => [TrustedLegacyRopc("Kiosk app of the trusted first party; one exchange.")] (string password) => new StringContent("grant_type=password&password=" + password);

                    Action StaleLambda() => [TrustedLegacyRopc("Nothing left here.")] () => { };
                }
                """, new[] { "ROPC005", "ROPC005" }),
            ["ServerBranchesOnTheGrant"] = ("""
                using System.Collections.Generic;
                class TokenEndpoint
                {
                    string Handle(IDictionary<string, string> form)
                    {
                        if (form["grant_type"] == "password")
                        {
                            return "password";
                        }

                        switch (form["grant_type"])
                        {
                            case "password":
                                return "again";
                            default:
                                return "other";
                        }
                    }
                }
                """, new[] { "ROPC009", "ROPC009" }),
            // Forms that are not string-typed (a JSON body read into a dictionary of objects, a NameValueCollection),
            // the grant read into a local of another name or a member bound to the key by an attribute, Compare(...) == 0,
            // comparer.Equals and is-patterns.
            ["ServerBranchesOnObjectAndNameValueForms"] = ("""
                using System;
                using System.Collections.Generic;
                using System.Collections.Specialized;
                using System.Linq;
                class TokenEndpoint
                {
                    string Handle(Dictionary<string, object> body, NameValueCollection form)
                    {
                        if (body["grant_type"] == "password" || Equals(body["grant_type"], "password"))
                        {
                            return "json";
                        }

                        var grant = form.Get("grant_type");
                        if (string.Compare(grant, "password", StringComparison.OrdinalIgnoreCase) == 0)
                        {
                            return "form";
                        }

                        switch (body["grant_type"])
                        {
                            case "password":
                                return "again";
                        }

                        if (StringComparer.Ordinal.Equals(form["type"], "password") || body["type"] is "password")
                        {
                            return "an input type";
                        }

                        return form.GetValues("grant_type")?.FirstOrDefault() is "password" ? "first" : "other";
                    }

                    string Bound(TokenBody body) => body.Grant == "password" ? "bound" : "other";
                }

                class TokenBody
                {
                    [System.Text.Json.Serialization.JsonPropertyName("grant_type")]
                    public string? Grant { get; set; }
                }
                """, new[] { "ROPC009", "ROPC009", "ROPC009", "ROPC009", "ROPC009", "ROPC009" }),
            ["SqlClientConnectionStringAndAuth0Realm"] = ("""
                using System.Collections.Generic;
                using System.Net.Http;
                class Data
                {
                    const string ConnectionString = "Server=tcp:db.example.com;Authentication=Active Directory Password;User ID=app@example.com;Password=x";

                    HttpContent Auth0(string user, string password) => new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "http://auth0.com/oauth/grant-type/password-realm",
                        ["username"] = user,
                        ["password"] = password,
                        ["realm"] = "employees",
                    });
                }
                """, new[] { "ROPC001", "ROPC001" }),
            // Code blocks without an operation of their own (a delegate's parameter default, a primary constructor's base arguments):
            // the literal's outermost expression is searched. The bodies that spell out a password: ROPC008 too.
            ["ParameterDefaultsAndPrimaryConstructorBases"] = ("""
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Threading.Tasks;
                class Kiosk
                {
                    Task<HttpResponseMessage> Send(HttpClient http, string body = "grant_type=password&username=kiosk&password=hunter2")
                        => http.PostAsync("https://idp.example.com/token", new StringContent(body));
                }

                delegate void Sender(string body = "grant_type=password&username=kiosk&password=hunter2");

                sealed class PasswordForm(string user, string password) : FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = user, ["password"] = password });

                record Base(string Body);

                record PasswordBody(string User) : Base("grant_type=password&username=" + User);
                """, new[] { "ROPC001", "ROPC001", "ROPC001", "ROPC001", "ROPC008", "ROPC008" }),
            // The password sent is kept in a property of the requesting object: ROPC002 too.
            ["PropertiesAccessorsAndOperators"] = ("""
                using System.Collections.Generic;
                using System.Net.Http;
                class Login
                {
                    public string User { get; set; } = "";
                    public string Secret { get; set; } = "";
                    HttpContent Form => new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = User, ["password"] = Secret });
                    HttpContent Body { get { return new StringContent("grant_type=password&username=" + User); } }
                    public static HttpContent operator +(Login login, string scope) => new StringContent("grant_type=password&scope=" + scope);
                }
                """, new[] { "ROPC001", "ROPC001", "ROPC001", "ROPC002" }),
            ["LookAlikes"] = ("""
                using System.Collections.Generic;
                class Account
                {
                    public string Password { get; set; } = "";
                    string Prompt() => "Enter your password";
                    bool IsPasswordGrant(IDictionary<string, string> form) => form.ContainsKey("grant_type");
                    Dictionary<string, string> Settings() => new() { ["grant_type"] = "client_credentials", ["password_policy"] = "strict" };
                }
                """, new string[0]),
        };

        [Theory]
        [MemberData(nameof(HandWrittenUseNames))]
        public async Task HandWrittenUse_FromGrantLiterals_IsFoundAsByTheFullSearch(string name)
        {
            var (source, expectedIds) = HandWrittenUses[name];
            var plain = Compile(source, TestReferences.Framework);
            Assert.True(GrantLiterals.SufficeFor(options: null, plain, RopcRecognizer.Create(options: null, plain), CancellationToken.None));

            var fromLiterals = await AnalyzeAsync(plain);
            var full = await AnalyzeAsync(Compile(source, TestReferences.All));

            Assert.Equal(Describe(full), Describe(fromLiterals));
            Assert.Equal(string.Join(" ", expectedIds.OrderBy(id => id)), string.Join(" ", fromLiterals.Select(diagnostic => diagnostic.Id).OrderBy(id => id)));
        }

        [Fact]
        public async Task TopLevelStatements_FromGrantLiterals_AreFoundAsByTheFullSearch()
        {
            const string Source = """
                using System.Collections.Generic;
                using System.Net.Http;
                var http = new HttpClient();
                var response = await http.PostAsync("https://idp.example.com/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = args[0], ["password"] = args[1] }));
                System.Console.WriteLine(response.StatusCode);
                """;
            var plain = Compile(Source, TestReferences.Framework, OutputKind.ConsoleApplication);
            Assert.True(GrantLiterals.SufficeFor(options: null, plain, RopcRecognizer.Create(options: null, plain), CancellationToken.None));

            var fromLiterals = await AnalyzeAsync(plain);
            var full = await AnalyzeAsync(Compile(Source, TestReferences.All, OutputKind.ConsoleApplication));

            Assert.Equal("ROPC001", Assert.Single(fromLiterals).Id);
            Assert.Equal(Describe(full), Describe(fromLiterals));
        }

        private const string SharedConstantsForm = """
            using System.Collections.Generic;
            using System.Net.Http;
            class Login
            {
                HttpContent Form(string user, string password) => new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    {|#0:[Shared.OAuth.Key] = Shared.OAuth.Ropc|},
                    ["username"] = user,
                    [Shared.OAuth.Secret] = password,
                });
            }
            """;

        /// <summary>The documented gap: key and grant value from another assembly's constants named after neither, no grant literal.</summary>
        [Fact]
        public Task ConstantsOfAnotherAssembly_NamedAfterNeither_AreNotSearchedFromLiterals()
            => new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, SharedConstantsForm.Replace("{|#0:", string.Empty).Replace("|}", string.Empty), TestReferences.Framework.Add(SharedConstants.Value)).RunAsync();

        [Fact]
        public Task SearchEveryOperation_FindsWhatTheLiteralSearchCannotSee()
        {
            var test = new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, SharedConstantsForm, TestReferences.Framework.Add(SharedConstants.Value))
                .WithEditorConfig("ropc_analyzers.search_every_operation = true");
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments("form field grant_type=password"));
            return test.RunAsync();
        }

        private static readonly System.Lazy<MetadataReference> SharedConstants = new(() =>
        {
            var shared = CSharpCompilation.Create(
                "Shared",
                new[] { CSharpSyntaxTree.ParseText("namespace Shared { public static class OAuth { public const string Key = \"grant_type\"; public const string Ropc = \"password\"; public const string Secret = \"password\"; } }") },
                TestReferences.Framework,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new System.IO.MemoryStream();
            Assert.True(shared.Emit(image).Success);
            return MetadataReference.CreateFromImage(image.ToArray());
        });

        [Fact]
        public async Task EveryShapeThatCompilesWithoutLibraries_IsFoundAsByTheFullSearch()
        {
            var searchedFromLiterals = 0;
            foreach (var (name, source) in RopcShapes.All)
            {
                var plain = Compile(source, TestReferences.Framework);
                if (plain.GetDiagnostics().Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
                {
                    continue;
                }

                if (GrantLiterals.SufficeFor(options: null, plain, RopcRecognizer.Create(options: null, plain), CancellationToken.None))
                {
                    searchedFromLiterals++;
                }

                var fromLiterals = await AnalyzeAsync(plain);
                var full = await AnalyzeAsync(Compile(source, TestReferences.All));
                Assert.True(Describe(full).SequenceEqual(Describe(fromLiterals)), name + ": " + string.Join(", ", Describe(full)) + " <> " + string.Join(", ", Describe(fromLiterals)));
            }

            Assert.True(searchedFromLiterals >= 2, $"only {searchedFromLiterals} shapes were searched from their literals");
        }

        [Theory]
        [InlineData("class Account { public string Password { get; set; } = \"\"; void ChangePassword() { } }", true)]
        [InlineData("static class GrantTypes { public const string Password = \"password\"; }", false)]
        [InlineData("static class OAuth { public const string PasswordGrant = \"password\"; }", false)]
        [InlineData("static class OAuth { public static readonly string PasswordGrant = \"password\"; }", false)]
        [InlineData("static class OAuth { public static string GrantKey { get; } = \"grant_type\"; }", false)]
        [InlineData("class TokenForm { public string? GrantType { get; set; } }", false)]
        [InlineData("class TokenForm { public string? grant_type; }", false)]
        [InlineData("static class Messages { public const string PasswordHint = \"Use a long passphrase\"; }", true)]
        [InlineData("namespace Microsoft.IdentityModel.Protocols.OpenIdConnect { static class OpenIdConnectGrantTypes { } }", false)]
        [InlineData("namespace Microsoft.Owin.Security.OAuth { class OAuthAuthorizationServerProvider { } }", false)]
        [InlineData("namespace Microsoft.Data.SqlClient { enum SqlAuthenticationMethod { ActiveDirectoryPassword } }", false)]
        public void GrantLiteralsSuffice_UnlessALibraryOrANamedGrantConstantCanCarryTheGrant(string source, bool suffice)
        {
            var compilation = Compile(source, TestReferences.Framework);
            Assert.Equal(suffice, GrantLiterals.SufficeFor(options: null, compilation, RopcRecognizer.Create(options: null, compilation), CancellationToken.None));
        }

        [Fact]
        public void WithAnOAuthLibraryReferenced_EveryOperationIsSearched()
        {
            var compilation = Compile("class C { }", TestReferences.All);
            Assert.False(GrantLiterals.SufficeFor(options: null, compilation, RopcRecognizer.Create(options: null, compilation), CancellationToken.None));
        }

        [Theory]
        [InlineData("grant_type=password&username=u", true)]
        [InlineData("PASSWORD", true)]
        [InlineData("GrantType", true)]
        [InlineData("http://auth0.com/oauth/grant-type/password-realm", true)]
        [InlineData("client_credentials", false)]
        [InlineData("", false)]
        public void MayMarkUse_MentionsTheGrantOrAPassword(string text, bool marks)
            => Assert.Equal(marks, GrantLiterals.MayMarkUse(text));

        private static CSharpCompilation Compile(string source, IEnumerable<MetadataReference> references, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
            => CSharpCompilation.Create(
                "GrantLiterals",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)), CSharpSyntaxTree.ParseText(ShippedSources.TrustedLegacyRopcAttribute, new CSharpParseOptions(LanguageVersion.Latest)) },
                references,
                new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation)
        {
            var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new RopcUseAnalyzer()),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
            return diagnostics;
        }

        private static IEnumerable<string> Describe(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics.Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan()} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").OrderBy(text => text, System.StringComparer.Ordinal);
    }
}
