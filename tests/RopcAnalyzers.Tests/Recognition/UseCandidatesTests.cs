using System;
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
    /// RopcUseAnalyzer hands the recognizers the operations of only the code blocks that spell a candidate use
    /// (<see cref="UseCandidates"/>). With <c>ropc_analyzers.search_every_operation = true</c> it hands them every
    /// operation: that is the reference, and on every source of the test project, the samples and the ROPC shapes
    /// (each compiled with the OAuth libraries, so that nothing is left to the literal search) the two must agree.
    /// </summary>
    public class UseCandidatesTests
    {
        public static IEnumerable<object[]> Parts => Enumerable.Range(0, PartCount).Select(part => new object[] { part });

        private const int PartCount = 4;

        [Theory]
        [MemberData(nameof(Parts))]
        public async Task EverySourceOfTheTests_WithTheOAuthLibraries_FindsWhatTheSearchOfEveryOperationFinds(int part)
        {
            var projects = RobustnessCorpus.TestSnippets().Select(snippet => (snippet.Name, Files: (IReadOnlyList<(string Path, string Source)>)new[] { ("Test.cs", snippet.Source) }))
                .Concat(RobustnessCorpus.Shapes.Select(shape => (shape.Name, Files: (IReadOnlyList<(string Path, string Source)>)new[] { ("Shape.cs", shape.Source) })))
                .Concat(RobustnessCorpus.MultiFileProjects())
                .Where((_, index) => index % PartCount == part)
                .ToList();
            Assert.True(projects.Count > 100, $"only {projects.Count} sources in part {part}");

            var compared = 0;
            foreach (var (name, files) in projects)
            {
                var compilation = Compile(files, TestReferences.All);
                var candidates = Describe(await AnalyzeAsync(compilation, searchEveryOperation: false));
                var everyOperation = Describe(await AnalyzeAsync(compilation, searchEveryOperation: true));
                Assert.True(everyOperation.SequenceEqual(candidates), $"{name}:\n  every operation: {string.Join("\n    ", everyOperation)}\n  candidates:      {string.Join("\n    ", candidates)}");
                compared += everyOperation.Count == 0 ? 0 : 1;
            }

            Assert.True(compared > 50, $"only {compared} sources of part {part} had a diagnostic to compare");
        }

        [Fact]
        public async Task GrantAndKeyFromMembersNamedAfterNeither_AreFoundWithoutSearchingEveryOperation()
        {
            var compilation = Compile(
                new[]
                {
                    ("Keys.cs", """
                        static class Keys
                        {
                            public const string Kind = "grant_type";
                            public static readonly string Legacy = "password";
                            public static string User => "username";
                        }
                        """),
                    ("Login.cs", """
                        using System.Collections.Generic;
                        using System.Net.Http;
                        class Login
                        {
                            HttpContent Form(string name) => new FormUrlEncodedContent(new Dictionary<string, string> { [Keys.Kind] = Keys.Legacy, [Keys.User] = name });
                        }
                        """),
                },
                TestReferences.All);

            var diagnostics = await AnalyzeAsync(compilation, searchEveryOperation: false);

            var found = Assert.Single(diagnostics);
            Assert.Equal("ROPC001", found.Id);
            Assert.Equal("Login.cs: (4,96)-(4,121)", $"{found.Location.SourceTree!.FilePath}: {found.Location.GetLineSpan().Span}");
        }

        [Theory]
        [InlineData("class Account { string password = \"\"; void Hash() { } }", "Account", false, true)]
        [InlineData("class Account { string password = \"\"; void Hash() { } }", "Account", true, false)]
        [InlineData("class Forms { string Kind() => \"grant_type\"; }", "Forms", true, true)]
        [InlineData("class Orders { int Count() => 42; class Nested { string Grant => \"\"; } }", "Orders", false, true)]
        [InlineData("class Orders { int Count() => 42; } class Other { string Grant => \"\"; }", "Orders", false, false)]
        [InlineData("class Calls { void Run(Auth auth) => auth.Fetch(\"u\", \"p\"); } class Auth { public void Fetch(string u, string p) { } }", "Calls", false, false)]
        public void AType_IsACandidate_WhenItsDeclarationsSpellTheGrantOrAPassword(string source, string typeName, bool literalsOnly, bool isCandidate)
        {
            var compilation = Compile(new[] { ("Test.cs", source) }, TestReferences.Framework);
            var candidates = UseCandidates.Of(RopcRecognizer.Create(options: null, compilation), literalsOnly);

            Assert.Equal(isCandidate, candidates.AnyIn(compilation.GetTypeByMetadataName(typeName)!, CancellationToken.None));
        }

        [Fact]
        public void ACallOfAWrapper_MakesItsTypeACandidate_ThoughItSpellsNeitherTheGrantNorAPassword()
        {
            var compilation = Compile(
                new[]
                {
                    ("Session.cs", "class Session { string user = \"\", secret = \"\"; public System.Threading.Tasks.Task<string> Renew() => Auth.Fetch(user, secret); }"),
                    ("Auth.cs", """
                        using System.Collections.Generic;
                        using System.Net.Http;
                        using System.Threading.Tasks;
                        static class Auth
                        {
                            public static async Task<string> Fetch(string u, string p)
                            {
                                using var http = new HttpClient();
                                var response = await http.PostAsync("https://idp.example.com/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = u, ["password"] = p }));
                                return await response.Content.ReadAsStringAsync();
                            }
                        }
                        """),
                },
                TestReferences.Framework);
            var candidates = UseCandidates.Of(RopcRecognizer.Create(options: null, compilation), grantLiteralsSuffice: true);

            Assert.True(candidates.AnyIn(compilation.GetTypeByMetadataName("Session")!, CancellationToken.None));
        }

        private static CSharpCompilation Compile(IEnumerable<(string Path, string Source)> files, IEnumerable<MetadataReference> references)
            => CSharpCompilation.Create(
                "UseCandidates",
                files.Select(file => CSharpSyntaxTree.ParseText(file.Source, new CSharpParseOptions(LanguageVersion.Latest), file.Path))
                    .Append(CSharpSyntaxTree.ParseText(ShippedSources.TrustedLegacyRopcAttribute, new CSharpParseOptions(LanguageVersion.Latest), "TrustedLegacyRopcAttribute.cs")),
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, bool searchEveryOperation)
        {
            var options = RobustnessHarness.WithGlobalOptions(ImmutableDictionary<string, string>.Empty.Add("ropc_analyzers.search_every_operation", searchEveryOperation ? "true" : "false"));
            var diagnostics = await compilation.WithAnalyzers(
                    ImmutableArray.Create<DiagnosticAnalyzer>(new RopcUseAnalyzer()),
                    new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
            return diagnostics;
        }

        private static List<string> Describe(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics
                .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.SourceTree?.FilePath}{diagnostic.Location.GetLineSpan().Span} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{string.Join(", ", diagnostic.AdditionalLocations.Select(location => location.GetLineSpan().Span))}]")
                .OrderBy(text => text, StringComparer.Ordinal)
                .ToList();
    }
}
