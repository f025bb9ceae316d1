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
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>
    /// Where the recognizer's time goes (--profile): every operation of the kinds the rules register is handed
    /// to <see cref="RopcRecognizer.TryRecognize"/> and timed, grouped by operation kind.
    /// </summary>
    internal static class RecognizerProfile
    {
        public static async Task PrintAsync(CSharpCompilation compilation)
        {
            var analyzer = new TimingAnalyzer();
            var withAnalyzers = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)).WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);

            Console.WriteLine($"  recognizer profile: {analyzer.Calls.Values.Sum(entry => entry.Count):N0} callbacks, {Ms(TimeSpan.FromTicks(analyzer.Calls.Values.Sum(entry => entry.Ticks)))} in TryRecognize, {Ms(telemetry.ExecutionTime)} in callbacks as the driver counts them");
            foreach (var (kind, entry) in analyzer.Calls.OrderByDescending(pair => pair.Value.Ticks).Select(pair => (pair.Key, pair.Value)))
            {
                var time = TimeSpan.FromTicks(entry.Ticks);
                Console.WriteLine($"    {kind,-24} {entry.Count,10:N0} calls {Ms(time),12} {time.TotalMilliseconds * 1_000_000 / Math.Max(1, entry.Count),8:N0} ns/call");
            }

            PrintIsolated(analyzer.Operations.ToList(), RopcRecognizer.Default);
        }

        /// <summary>
        /// The recognizer alone, without the driver or a stopwatch per call: the same operations recognized again
        /// in a loop, per kind (the loop is also what a sampling profiler should be pointed at).
        /// </summary>
        private static void PrintIsolated(List<IOperation> operations, RopcRecognizer recognizer)
        {
            const int Passes = 20;
            Console.WriteLine($"  recognizer alone, {Passes} passes over the same {operations.Count:N0} operations:");
            foreach (var group in operations.GroupBy(operation => operation.Kind).OrderByDescending(group => group.Count()))
            {
                var list = group.ToList();
                var stopwatch = Stopwatch.StartNew();
                for (var pass = 0; pass < Passes; pass++)
                {
                    foreach (var operation in list)
                    {
                        recognizer.TryRecognize(operation, CancellationToken.None, out _);
                    }
                }

                var perCall = stopwatch.Elapsed.TotalMilliseconds * 1_000_000 / (Passes * list.Count);
                Console.WriteLine($"    {group.Key,-24} {list.Count,10:N0} operations {perCall,8:N0} ns/call {perCall * list.Count / 1_000_000,8:N1} ms/pass");
            }
        }

        private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N1", System.Globalization.CultureInfo.InvariantCulture) + " ms";

        private sealed class Counter
        {
            private long count;
            private long ticks;

            public long Count => Interlocked.Read(ref count);

            public long Ticks => Interlocked.Read(ref ticks);

            public void Add(long elapsed)
            {
                Interlocked.Increment(ref count);
                Interlocked.Add(ref ticks, elapsed);
            }
        }

#pragma warning disable RS1036, RS2008, RS1001, RS1041 // A measuring probe, run only by this program.
        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class TimingAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Probe = new("PROBE", "Probe", "Probe", "Probe", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

            public ConcurrentDictionary<OperationKind, Counter> Calls { get; } = new();

            public ConcurrentQueue<IOperation> Operations { get; } = new();

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Probe);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.EnableConcurrentExecution();
                context.RegisterCompilationStartAction(start =>
                {
                    var recognizer = RopcRecognizer.Create(start.Options, start.Compilation);
                    start.RegisterOperationAction(
                        operationContext =>
                        {
                            var started = Stopwatch.GetTimestamp();
                            recognizer.TryRecognize(operationContext.Operation, operationContext.CancellationToken, out _);
                            var elapsed = Stopwatch.GetElapsedTime(started);
                            Calls.GetOrAdd(operationContext.Operation.Kind, _ => new Counter()).Add(elapsed.Ticks);
                            Operations.Enqueue(operationContext.Operation);
                        },
                        RopcRecognizer.SiteOperationKinds);
                });
            }
        }
#pragma warning restore RS1036, RS2008, RS1001, RS1041
    }
}
