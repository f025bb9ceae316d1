using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>The time one analyzer spent in its callbacks, as the analyzer driver measures it.</summary>
    internal sealed record AnalyzerTime(string Analyzer, TimeSpan ExecutionTime);

    /// <summary>One run of a package's analyzers over the corpus.</summary>
    internal sealed record PackageRun(TimeSpan Total, TimeSpan WallClock, ImmutableArray<AnalyzerTime> PerAnalyzer, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Exceptions);

    /// <summary>
    /// Times the compiler and analyzer packages on one compilation. Both are measured single-threaded
    /// (ConcurrentBuild off, concurrentAnalysis off) so that the ratios compare CPU work, not how many idle
    /// cores the machine had at that moment.
    /// </summary>
    internal static class Measurement
    {
        /// <summary>
        /// The compiler's own cost: declaring every symbol, binding every method body and flow analysis, i.e.
        /// GetDiagnostics() on a fresh copy of the compilation (the syntax trees are already parsed).
        /// </summary>
        public static TimeSpan CompilerTime(CSharpCompilation compilation)
        {
            var fresh = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
            var stopwatch = Stopwatch.StartNew();
            fresh.GetDiagnostics();
            return stopwatch.Elapsed;
        }

        public static async Task<PackageRun> RunAsync(CSharpCompilation compilation, AnalyzerPackage package, CancellationToken cancellationToken)
        {
            var options = compilation.Options
                .WithConcurrentBuild(false)
                .WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.SetItems(package.DiagnosticOptions));
            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = compilation.WithOptions(options).WithAnalyzers(
                package.Analyzers,
                new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: false));

            var stopwatch = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            var wallClock = stopwatch.Elapsed;

            var perAnalyzer = ImmutableArray.CreateBuilder<AnalyzerTime>(package.Analyzers.Length);
            foreach (var analyzer in package.Analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
                perAnalyzer.Add(new AnalyzerTime(analyzer.GetType().Name, telemetry.ExecutionTime));
            }

            var total = TimeSpan.FromTicks(perAnalyzer.Sum(time => time.ExecutionTime.Ticks));
            return new PackageRun(total, wallClock, perAnalyzer.MoveToImmutable(), diagnostics, exceptions.ToImmutableArray());
        }

        public static TimeSpan Median(IEnumerable<TimeSpan> values)
        {
            var sorted = values.OrderBy(value => value).ToList();
            if (sorted.Count == 0)
            {
                return TimeSpan.Zero;
            }

            return sorted.Count % 2 == 1
                ? sorted[sorted.Count / 2]
                : TimeSpan.FromTicks((sorted[(sorted.Count / 2) - 1].Ticks + sorted[sorted.Count / 2].Ticks) / 2);
        }
    }
}
