using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// The helper analyzer below only cancels a token; it is not shipped.
#pragma warning disable RS1036 // Extended analyzer rules are for shipped analyzers.
#pragma warning disable RS2008 // Release tracking is for shipped rules.

namespace RopcAnalyzers.Tests.Robustness
{
    /// <summary>Concurrent execution gives the sequential result; cancellation stops analysis without AD0001 or a hang.</summary>
    public class ConcurrencyAndCancellationTests
    {
        private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

        [Fact]
        public async Task ConcurrentExecution_ManyFiles_GivesTheSequentialDiagnostics()
        {
            var compilation = await ManyFilesCompilationAsync();
            var failures = new List<string>();

            var sequential = Describe(await RobustnessHarness.ForShippedAssemblies().AnalyzeAsync(compilation, Options, failures, concurrent: false, CancellationToken.None));
            Assert.True(sequential.Count(line => line.StartsWith(RuleIdentifiers.UnapprovedRopcRequest, StringComparison.Ordinal)) >= 50, "The compilation should hold many ROPC sites to analyze concurrently.");
            for (var run = 0; run < 3; run++)
            {
                // Fresh analyzer instances each time, as a new build or IDE session has.
                var concurrent = Describe(await RobustnessHarness.ForShippedAssemblies().AnalyzeAsync(compilation, Options, failures, concurrent: true, CancellationToken.None));
                Assert.Equal(sequential, concurrent);
            }

            Assert.Empty(failures);
        }

        [Fact]
        public void EveryAnalyzer_EnablesConcurrentExecution_AndChoosesGeneratedCodeAnalysis()
        {
            // A DiagnosticSuppressor registers nothing: its Initialize is sealed and empty, and the driver calls it only
            // with the compilation's reported diagnostics.
            foreach (var analyzer in RobustnessHarness.ShippedAnalyzers().Where(analyzer => analyzer is not DiagnosticSuppressor))
            {
                var context = new RecordingAnalysisContext();
                analyzer.Initialize(context);

                Assert.True(context.ConcurrentExecutionEnabled, $"{analyzer.GetType().Name} does not call EnableConcurrentExecution().");
                Assert.True(context.GeneratedCodeAnalysisConfigured, $"{analyzer.GetType().Name} does not call ConfigureGeneratedCodeAnalysis().");
            }
        }

        [Fact]
        public async Task PreCancelledToken_ThrowsOperationCanceled_WithoutAnalyzerException()
        {
            var compilation = await ManyFilesCompilationAsync();
            var failures = new List<string>();
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            var analysis = RobustnessHarness.ForShippedAssemblies().AnalyzeAsync(compilation, Options, failures, concurrent: true, cancelled.Token);

            await AssertCanceledWithinLimitAsync(analysis);
            Assert.Empty(failures);
        }

        [Fact]
        public async Task TokenCancelledWhileAnalyzing_ThrowsOperationCanceled_WithoutAnalyzerException()
        {
            var compilation = await ManyFilesCompilationAsync();
            var failures = new List<string>();
            using var cancellation = new CancellationTokenSource();

            // A helper analyzer cancels the token at the first operation it sees, while the shipped analyzers are mid-way.
            var analyzers = RobustnessHarness.ShippedAnalyzers().Add(new CancelAtFirstOperationAnalyzer(cancellation));
            var harness = new RobustnessHarness(analyzers, ImmutableArray<Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider>.Empty);
            var analysis = harness.AnalyzeAsync(compilation, Options, failures, concurrent: true, cancellation.Token);

            await AssertCanceledWithinLimitAsync(analysis);
            Assert.True(cancellation.IsCancellationRequested);
            Assert.Empty(failures);
        }

        private static AnalyzerOptions Options => RobustnessHarness.AnalyzerOptionsFor(new RobustnessCase("options", string.Empty, ReferenceSet.Libraries, true, null));

        private static async Task AssertCanceledWithinLimitAsync(Task analysis)
        {
            var finished = await Task.WhenAny(analysis, Task.Delay(HangLimit));
            Assert.True(finished == analysis, $"Analysis did not stop within {HangLimit} after cancellation.");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analysis);
        }

        /// <summary>Every curated shape three times over (in separate namespaces) and the samples: ~60 files.</summary>
        private static async Task<Compilation> ManyFilesCompilationAsync()
        {
            var project = RobustnessHarness.CreateDocument(new RobustnessCase("many", "// many files", ReferenceSet.Libraries, WithShippedAttribute: true, null)).Project;
            for (var copy = 0; copy < 3; copy++)
            {
                foreach (var (name, source) in RobustnessCorpus.Shapes)
                {
                    project = project.AddDocument($"Copy{copy}/{name}.cs", source.Replace("namespace Shapes.", $"namespace Copy{copy}.Shapes.", StringComparison.Ordinal), filePath: $"Copy{copy}/{name}.cs").Project;
                }
            }

            foreach (var (name, source) in RobustnessCorpus.Samples())
            {
                project = project.AddDocument(name, source, filePath: name).Project;
            }

            return (await project.GetCompilationAsync())!;
        }

        private static IReadOnlyList<string> Describe(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics
                .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan()} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} " +
                    string.Join(",", diagnostic.Properties.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")))
                .OrderBy(line => line, StringComparer.Ordinal)
                .ToList();

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class CancelAtFirstOperationAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Never = new("TEST0001", "Never reported", "Never reported", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
            private readonly CancellationTokenSource cancellation;

            public CancelAtFirstOperationAnalyzer(CancellationTokenSource cancellation) => this.cancellation = cancellation;

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterOperationAction(_ => cancellation.Cancel(), OperationKind.Invocation);
            }
        }

        /// <summary>Records what an analyzer's Initialize asks of the host.</summary>
        private sealed class RecordingAnalysisContext : AnalysisContext
        {
            public bool ConcurrentExecutionEnabled { get; private set; }

            public bool GeneratedCodeAnalysisConfigured { get; private set; }

            public override void EnableConcurrentExecution() => ConcurrentExecutionEnabled = true;

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCodeAnalysisConfigured = true;

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            {
            }

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
            {
            }

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
            {
            }

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            {
            }

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            {
            }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
            {
            }

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
            {
            }

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            {
            }

            public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            {
            }

            public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
            {
            }

            public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
            {
            }

            public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
            {
            }

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
            {
            }
        }
    }
}
