using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace RopcAnalyzers.Tests.Robustness
{
    /// <summary>
    /// No analyzer and no code fix may throw on code that is being typed: every source of the corpus is cut at
    /// sampled points and compiled with the libraries, without them, and without any reference, with and without
    /// the shipped attribute and with valid and malformed options. Each run is deterministic.
    /// </summary>
    public class BrokenCodeTests
    {
        private readonly ITestOutputHelper output;

        public BrokenCodeTests(ITestOutputHelper output) => this.output = output;

        /// <summary>The test snippets share this many cases, so the run stays short as rule tests are added.</summary>
        private const int TestSnippetBudget = 600;

        private const string ConfiguredApis = "Contoso.Security.LegacyAuth.LoginAsync;Contoso.Security.PasswordSession..ctor";
        private const string MalformedConfiguredApis = ";;..ctor,Foo.,.Bar, Ns.Type.#ctor ,A.B.C D,System.String.Concat";

        [Fact]
        public async Task CuratedShapes_CutWhileTyping_NothingThrows()
        {
            var withDiagnostics = await AssertNothingThrowsAsync(RobustnessCorpus.Shapes, cutsPerSource: 24);

            // Half-typed code must still reach the recognizer, or the cuts test nothing.
            Assert.True(withDiagnostics >= RobustnessCorpus.Shapes.Count * 4, $"Only {withDiagnostics} cut shapes produced a diagnostic.");
        }

        [Fact]
        public async Task TestSnippets_CutWhileTyping_NothingThrows()
        {
            var snippets = RobustnessCorpus.TestSnippets();
            Assert.True(snippets.Count >= 10, $"Only {snippets.Count} C# snippets were found in the test files: the harvest is broken.");
            Assert.True(await AssertNothingThrowsAsync(snippets, cutsPerSource: Math.Clamp(TestSnippetBudget / snippets.Count, 4, 16)) > 0);
        }

        [Fact]
        public async Task Samples_CutWhileTyping_NothingThrows()
        {
            var samples = RobustnessCorpus.Samples();
            Assert.NotEmpty(samples);
            await AssertNothingThrowsAsync(samples, cutsPerSource: 30);
        }

        [Fact]
        public async Task MultiFileProjects_OneFileCutWhileTyping_NothingThrows()
        {
            // The whole-program analysis reads every file of the compilation: one file is typed, the others stand whole.
            var projects = RobustnessCorpus.MultiFileProjects();
            Assert.True(projects.Count >= 10, $"Only {projects.Count} multi-file projects were found: the harvest is broken.");
            var cases = new List<RobustnessCase>();
            foreach (var (name, files) in projects)
            {
                for (var typed = 0; typed < files.Count; typed++)
                {
                    var others = files.Where((_, index) => index != typed).ToList();
                    var cuts = SourceCuts.Sample($"{name}/{files[typed].Path}", files[typed].Source, 3);
                    for (var i = 0; i < cuts.Count; i++)
                    {
                        var references = (typed + i) % 3 == 2 ? ReferenceSet.FrameworkOnly : ReferenceSet.Libraries;
                        cases.Add(new RobustnessCase($"{name}/{files[typed].Path}: {cuts[i].Description}", cuts[i].Text, references, WithShippedAttribute: true, ConfiguredApis: null, others));
                    }
                }
            }

            Assert.True(await AssertNothingThrowsAsync(cases) > cases.Count / 2, "Too few cut projects reached the recognizer.");
        }

        [Fact]
        public async Task UncutSources_WithEveryReferenceSet_NothingThrows()
        {
            var sources = RobustnessCorpus.Shapes.Concat(RobustnessCorpus.Samples()).ToList();
            var cases = sources.SelectMany(source => Enum.GetValues<ReferenceSet>().Select(references =>
                new RobustnessCase($"{source.Name} as is", source.Source, references, WithShippedAttribute: true, ConfiguredApis))).ToList();
            await AssertNothingThrowsAsync(cases);
        }

        [Fact]
        public async Task CuratedShapes_AsIs_CompileWithoutErrors()
        {
            // The cuts damage valid code; the only errors allowed are on ModernSyntax's line of C# 14.
            foreach (var (name, source) in RobustnessCorpus.Shapes)
            {
                var document = RobustnessHarness.CreateDocument(new RobustnessCase(name, source, ReferenceSet.Libraries, WithShippedAttribute: name != "OwnAttributeCopy", ConfiguredApis: null));
                var errors = (await document.Project.GetCompilationAsync())!.GetDiagnostics()
                    .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
                    .Where(diagnostic => !(name == "ModernSyntax" && diagnostic.Location.SourceTree!.GetText().Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start).ToString().Contains("extension(", StringComparison.Ordinal)))
                    .ToList();

                Assert.True(errors.Count == 0, $"{name}: {string.Join(Environment.NewLine, errors)}");
            }
        }

        [Fact]
        public async Task CuratedShapes_AsIs_AreRecognised()
        {
            // The corpus is worth cutting only if its shapes reach deep into the recognizer.
            var harness = RobustnessHarness.ForShippedAssemblies();
            var failures = new List<string>();
            var project = RobustnessHarness.CreateDocument(new RobustnessCase("shapes", "// shapes", ReferenceSet.Libraries, WithShippedAttribute: true, ConfiguredApis)).Project;
            foreach (var (name, source) in RobustnessCorpus.Shapes)
            {
                project = project.AddDocument(name + ".cs", source).Project;
            }

            var compilation = (await project.GetCompilationAsync())!;
            var diagnostics = await harness.AnalyzeAsync(compilation, RobustnessHarness.AnalyzerOptionsFor(new RobustnessCase("shapes", string.Empty, ReferenceSet.Libraries, true, ConfiguredApis)), failures, concurrent: false, CancellationToken.None);

            Assert.Empty(failures);
            var reported = diagnostics.Where(diagnostic => diagnostic.Id == RuleIdentifiers.UnapprovedRopcRequest).Select(diagnostic => diagnostic.Location.SourceTree!.FilePath).Distinct().Count();
            Assert.True(reported >= RobustnessCorpus.Shapes.Count - 4, $"Only {reported} of {RobustnessCorpus.Shapes.Count} shapes have an ROPC001 site.");
        }

        /// <summary>Returns how many cases produced a diagnostic.</summary>
        private Task<int> AssertNothingThrowsAsync(IReadOnlyList<(string Name, string Source)> sources, int cutsPerSource)
        {
            var cases = new List<RobustnessCase>();
            foreach (var (name, source) in sources)
            {
                var cuts = SourceCuts.Sample(name, source, cutsPerSource);
                for (var i = 0; i < cuts.Count; i++)
                {
                    // Half the cases see every library; the rest miss them, and some miss even the runtime.
                    var references = (i % 6) switch
                    {
                        < 3 => ReferenceSet.Libraries,
                        < 5 => ReferenceSet.FrameworkOnly,
                        _ => ReferenceSet.None,
                    };
                    var options = (i % 4) switch
                    {
                        1 => ConfiguredApis,
                        3 => MalformedConfiguredApis,
                        _ => null,
                    };
                    cases.Add(new RobustnessCase($"{name}: {cuts[i].Description}", cuts[i].Text, references, WithShippedAttribute: i % 2 == 0, options));
                }
            }

            return AssertNothingThrowsAsync(cases);
        }

        private async Task<int> AssertNothingThrowsAsync(IReadOnlyList<RobustnessCase> cases)
        {
            var harness = RobustnessHarness.ForShippedAssemblies();
            Assert.NotEmpty(RobustnessHarness.ShippedAnalyzers());
            var failures = new ConcurrentBag<(RobustnessCase Case, string Failure)>();
            var casesWithDiagnostics = 0;
            var fixesApplied = 0;

            // A hang is a failure too: the whole run is bounded.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await Parallel.ForEachAsync(
                cases,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = timeout.Token },
                async (testCase, cancellationToken) =>
                {
                    var result = await harness.RunAsync(testCase, cancellationToken);
                    foreach (var failure in result.Failures)
                    {
                        failures.Add((testCase, failure));
                    }

                    Interlocked.Add(ref casesWithDiagnostics, result.Diagnostics > 0 ? 1 : 0);
                    Interlocked.Add(ref fixesApplied, result.FixesApplied);
                });

            output.WriteLine($"{cases.Count} cases; {casesWithDiagnostics} with RopcAnalyzers diagnostics; {fixesApplied} fixes applied; {RobustnessHarness.ShippedAnalyzers().Length} analyzers, {RobustnessHarness.ShippedFixers().Length} code fixes.");

            if (!failures.IsEmpty)
            {
                var first = failures.OrderBy(entry => entry.Case.Name, StringComparer.Ordinal).First();
                Assert.Fail(
                    $"{failures.Count} failures in {failures.Select(entry => entry.Case).Distinct().Count()} of {cases.Count} cases. First: {first.Case.Name} " +
                    $"({first.Case.References}, attribute: {first.Case.WithShippedAttribute}, options: {first.Case.ConfiguredApis ?? "none"}):{Environment.NewLine}{first.Failure}" +
                    $"{Environment.NewLine}--- source ---{Environment.NewLine}{first.Case.Source}{Environment.NewLine}--- other cases ---{Environment.NewLine}" +
                    string.Join(Environment.NewLine, failures.Select(entry => entry.Case.Name).Distinct().OrderBy(name => name, StringComparer.Ordinal).Take(20)));
            }

            return casesWithDiagnostics;
        }
    }
}
