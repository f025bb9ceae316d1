using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>
    /// Measures, in one process and on one compilation, the compiler's own cost, each RopcAnalyzers analyzer,
    /// and the peer packages Meziantou.Analyzer and the NetAnalyzers security rules; prints every figure and
    /// the ratios against the goals of issue 7.
    /// </summary>
    internal static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(BenchmarkOptions.Usage);
                return 0;
            }

            BenchmarkOptions options;
            try
            {
                options = BenchmarkOptions.Parse(args);
            }
            catch (ArgumentException exception)
            {
                Console.Error.WriteLine(exception.Message);
                Console.Error.WriteLine(BenchmarkOptions.Usage);
                return 2;
            }

            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            PrintMachine();

            var packages = new List<AnalyzerPackage> { AnalyzerPackage.RopcAnalyzers(options.OtherRopcBuild) };
            if (options.Peers)
            {
                packages.Add(AnalyzerPackage.Meziantou());
                packages.Add(AnalyzerPackage.NetAnalyzersSecurity());
            }

            foreach (var package in packages)
            {
                Console.WriteLine($"  {package.Name}: {package.Description}");
            }

            var ok = true;
            foreach (var corpus in options.Corpora)
            {
                ok &= await MeasureCorpusAsync(corpus, options, packages).ConfigureAwait(false);
            }

            return ok ? 0 : 1;
        }

        private static async Task<bool> MeasureCorpusAsync(char corpus, BenchmarkOptions options, IReadOnlyList<AnalyzerPackage> packages)
        {
            var plan = CorpusPlan.For(corpus, options);
            var files = plan.Files;
            var lines = CorpusGenerator.CountLines(files);
            var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, preprocessorSymbols: plan.PreprocessorSymbols);
            var stopwatch = Stopwatch.StartNew();
            var trees = files.Select(file => CSharpSyntaxTree.ParseText(file.Text, parseOptions, file.Path)).ToList();
            var parseTime = stopwatch.Elapsed;
            var compilation = CSharpCompilation.Create(
                "Corpus" + char.ToUpperInvariant(corpus),
                trees,
                plan.WithLibraries ? CorpusReferences.FrameworkAndOAuthLibraries() : CorpusReferences.Framework(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));

            Console.WriteLine();
            Console.WriteLine($"Corpus ({corpus}): {files.Count} files, {lines:N0} lines; {plan.Description}");
            Console.WriteLine($"  parse: {Ms(parseTime)}");

            // Warm-up: JIT the compiler, and check that the corpus is valid code.
            var compilerDiagnostics = compilation.GetDiagnostics();
            var errors = compilerDiagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
            Console.WriteLine($"  compiler diagnostics: {errors.Count} errors, {compilerDiagnostics.Length - errors.Count} warnings");
            if (errors.Count > 0)
            {
                foreach (var error in errors.Take(10))
                {
                    Console.WriteLine("    " + error);
                }

                // Generated corpora must compile; a source directory measured as it is may miss a reference or a symbol.
                if (!plan.FromSourceDirectory)
                {
                    return false;
                }
            }

            var ok = true;
            var warmUps = new Dictionary<AnalyzerPackage, PackageRun>();
            foreach (var package in packages)
            {
                var warmUp = await Measurement.RunAsync(compilation, package, CancellationToken.None).ConfigureAwait(false);
                warmUps[package] = warmUp;
                ok &= Check(plan, package, warmUp);
            }

            // After the warm-up, so that the recognizer's code is jitted at full optimization.
            if (options.Profile)
            {
                await RecognizerProfile.PrintAsync(compilation).ConfigureAwait(false);
            }

            if (options.Editor)
            {
                foreach (var package in packages)
                {
                    await EditorMeasurement.PrintAsync(compilation, package).ConfigureAwait(false);
                }
            }

            // Iterations run round-robin so that a change in the machine's load affects every figure alike.
            var compilerTimes = new List<TimeSpan>();
            var runs = packages.ToDictionary(package => package, _ => new List<PackageRun>());
            for (var iteration = 0; iteration < options.Iterations; iteration++)
            {
                compilerTimes.Add(Measurement.CompilerTime(compilation));
                foreach (var package in packages)
                {
                    runs[package].Add(await Measurement.RunAsync(compilation, package, CancellationToken.None).ConfigureAwait(false));
                }
            }

            Report(plan, packages, compilerTimes, runs, warmUps);
            return ok;
        }

        /// <summary>
        /// Prints the medians, and the ratios as the median of the per-iteration ratios: each iteration measures
        /// every figure within a few minutes, so its ratios hold even when the machine's load drifts between iterations.
        /// </summary>
        private static void Report(CorpusPlan plan, IReadOnlyList<AnalyzerPackage> packages, List<TimeSpan> compilerTimes, Dictionary<AnalyzerPackage, List<PackageRun>> runs, Dictionary<AnalyzerPackage, PackageRun> warmUps)
        {
            var compilerTime = Measurement.Median(compilerTimes);
            Console.WriteLine($"  {"compiler (GetDiagnostics, single-threaded)",-48} {Ms(compilerTime),12}   runs: {string.Join(", ", compilerTimes.Select(Ms))}");

            var ropc = packages.Single(package => package.IsRopcAnalyzers);
            var ropcTimes = runs[ropc].Select(run => run.Total).ToList();
            var ofCompiler = Ratio(ropcTimes, compilerTimes);
            var versusPeer = new Dictionary<AnalyzerPackage, double>();
            foreach (var package in packages)
            {
                var times = runs[package].Select(run => run.Total).ToList();
                var ratios = package.IsRopcAnalyzers
                    ? $"{ofCompiler:P2} of compiler"
                    : $"{Ratio(times, compilerTimes):P2} of compiler; RopcAnalyzers / this = {versusPeer[package] = Ratio(ropcTimes, times):P2}";
                Console.WriteLine($"  {package.Name,-48} {Ms(Measurement.Median(times)),12}   {ratios}   runs: {string.Join(", ", times.Select(Ms))}");
                Console.WriteLine($"    {"",-46} wall clock with the compiler's binding: {Ms(Measurement.Median(runs[package].Select(run => run.WallClock)))}; diagnostics: {warmUps[package].Diagnostics.Length}");
                PrintPerAnalyzer(package, runs[package]);
            }

            var goal = plan.Goal;
            Console.WriteLine($"  goal: RopcAnalyzers < {goal:P1} of the compiler: {(ofCompiler < goal ? "met" : "MISSED")} ({ofCompiler:P2})");
            if (versusPeer.Count > 0)
            {
                var cheapest = versusPeer.OrderByDescending(pair => pair.Value).First();
                Console.WriteLine($"  goal: RopcAnalyzers < the cheapest peer ({cheapest.Key.Name}): {(cheapest.Value < 1 ? "met" : "MISSED")} (RopcAnalyzers / {cheapest.Key.Name} = {cheapest.Value:P2})");
            }
        }

        private static void PrintPerAnalyzer(AnalyzerPackage package, List<PackageRun> runs)
        {
            var perAnalyzer = package.Analyzers
                .Select((analyzer, index) => (name: runs[0].PerAnalyzer[index].Analyzer, time: Measurement.Median(runs.Select(run => run.PerAnalyzer[index].ExecutionTime))))
                .Where(entry => entry.time > TimeSpan.Zero)
                .OrderByDescending(entry => entry.time)
                .ToList();
            var shown = package.IsRopcAnalyzers ? perAnalyzer.Count : Math.Min(5, perAnalyzer.Count);
            foreach (var (name, time) in perAnalyzer.Take(shown))
            {
                Console.WriteLine($"    {name,-46} {Ms(time),12}");
            }

            if (shown < perAnalyzer.Count)
            {
                Console.WriteLine($"    ... {perAnalyzer.Count - shown} more analyzers ran ({package.Analyzers.Length} loaded)");
            }
        }

        /// <summary>The median over the iterations of part[i] / whole[i].</summary>
        private static double Ratio(IReadOnlyList<TimeSpan> part, IReadOnlyList<TimeSpan> whole)
        {
            var ratios = part.Zip(whole, (p, w) => p.TotalMilliseconds / w.TotalMilliseconds).OrderBy(ratio => ratio).ToList();
            return ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
        }

        /// <summary>Checks that the package ran cleanly and, for RopcAnalyzers, found exactly the planted ROPC sites.</summary>
        private static bool Check(CorpusPlan plan, AnalyzerPackage package, PackageRun run)
        {
            var ok = true;
            foreach (var exception in run.Exceptions.Distinct().Take(5))
            {
                Console.WriteLine($"  ! {package.Name} threw: {exception}");
                ok &= !package.IsRopcAnalyzers;
            }

            if (package.IsRopcAnalyzers)
            {
                if (plan.FromSourceDirectory)
                {
                    foreach (var diagnostic in run.Diagnostics.Where(diagnostic => diagnostic.Id.StartsWith("ROPC", StringComparison.Ordinal)))
                    {
                        Console.WriteLine("    found: " + diagnostic);
                    }

                    return ok;
                }

                var expected = plan.ExpectedUnapprovedSites;
                var found = run.Diagnostics.Count(diagnostic => diagnostic.Id == RuleIdentifiers.UnapprovedRopcRequest);
                var expectedKept = plan.ExpectedKeptPasswords;
                var kept = run.Diagnostics.Count(diagnostic => diagnostic.Id == RuleIdentifiers.PasswordPersisted && diagnostic.AdditionalLocations.Count > 1);
                if (kept != expectedKept)
                {
                    Console.WriteLine($"  ! RopcAnalyzers reported {kept} ROPC002 diagnostics through wrappers; the corpus has {expectedKept}.");
                    ok = false;
                }

                if (found != expected)
                {
                    Console.WriteLine($"  ! RopcAnalyzers reported {found} ROPC001 diagnostics; the corpus has {expected} unapproved ROPC sites:");
                    foreach (var diagnostic in run.Diagnostics.Where(diagnostic => diagnostic.Id == RuleIdentifiers.UnapprovedRopcRequest))
                    {
                        Console.WriteLine("    " + diagnostic);
                    }

                    ok = false;
                }
            }

            return ok;
        }

        private static void PrintMachine()
        {
            var cpu = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
            Console.WriteLine("RopcAnalyzers benchmark");
            Console.WriteLine($"  machine: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; load average {load}");
            Console.WriteLine($"  runtime: {RuntimeInformation.FrameworkDescription}; host Roslyn {typeof(Compilation).Assembly.GetName().Version}; RopcAnalyzers built against Roslyn {typeof(RuleIdentifiers).Assembly.GetReferencedAssemblies().First(name => name.Name == "Microsoft.CodeAnalysis").Version}");
            Console.WriteLine("  timing: analyzer execution time from the driver's telemetry (concurrentAnalysis off); compiler time single-threaded; medians");
        }

        private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    }

    internal sealed class BenchmarkOptions
    {
        public const string Usage = "usage: RopcAnalyzers.Benchmarks [--corpus abc|rs] [--modules N] [--auth-modules N] [--iterations N] [--seed N] [--no-peers] [--profile] [--editor] [--ropc-dll PATH] [--source DIR [--define A;B]]\n"
            + "  corpora: a = generated, no OAuth library; b = generated, OAuth libraries and ROPC; c = generated, OAuth libraries and no ROPC;\n"
            + "           r = the .cs files under --source DIR as they are; s = the same with the OAuth libraries referenced";

        public string Corpora { get; private set; } = "abc";

        /// <summary>Another build of RopcAnalyzers.dll to measure instead of the referenced one (the figures before a change).</summary>
        public string? OtherRopcBuild { get; private set; }

        /// <summary>Also measure the editor's case: one changed document of the corpus analysed alone, span by span.</summary>
        public bool Editor { get; private set; }

        /// <summary>A directory of C# sources measured as corpora (r) and (s).</summary>
        public string? SourceDirectory { get; private set; }

        /// <summary>The preprocessor symbols the sources under <see cref="SourceDirectory"/> are compiled with.</summary>
        public IReadOnlyList<string> Defines { get; private set; } = Array.Empty<string>();

        /// <summary>185 modules make about 107,000 lines.</summary>
        public int Modules { get; private set; } = 185;

        public int AuthenticationModules { get; private set; } = 40;

        public int Iterations { get; private set; } = 3;

        public int Seed { get; private set; } = 7;

        public bool Peers { get; private set; } = true;

        /// <summary>Time the recognizer per operation kind before the measured runs.</summary>
        public bool Profile { get; private set; }

        public static BenchmarkOptions Parse(string[] args)
        {
            var options = new BenchmarkOptions();
            for (var index = 0; index < args.Length; index++)
            {
                string Value() => index + 1 < args.Length ? args[++index] : throw new ArgumentException($"{args[index]} needs a value.");
                int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : throw new ArgumentException($"{args[index]} must be a positive number.");
                switch (args[index])
                {
                    case "--corpus":
                        options.Corpora = Value().ToLowerInvariant();
                        if (options.Corpora.Length == 0 || options.Corpora.Any(c => c is not ('a' or 'b' or 'c' or 'r' or 's')))
                        {
                            throw new ArgumentException("--corpus takes letters among a, b, c, r and s.");
                        }

                        break;
                    case "--source":
                        options.SourceDirectory = Path.GetFullPath(Value());
                        if (!Directory.Exists(options.SourceDirectory))
                        {
                            throw new ArgumentException($"--source: no directory {options.SourceDirectory}.");
                        }

                        break;
                    case "--ropc-dll":
                        options.OtherRopcBuild = Path.GetFullPath(Value());
                        if (!File.Exists(options.OtherRopcBuild))
                        {
                            throw new ArgumentException($"--ropc-dll: no file {options.OtherRopcBuild}.");
                        }

                        break;
                    case "--editor":
                        options.Editor = true;
                        break;
                    case "--define":
                        options.Defines = Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        break;
                    case "--modules":
                        options.Modules = Number();
                        break;
                    case "--auth-modules":
                        options.AuthenticationModules = Number();
                        break;
                    case "--iterations":
                        options.Iterations = Number();
                        break;
                    case "--seed":
                        options.Seed = Number();
                        break;
                    case "--no-peers":
                        options.Peers = false;
                        break;
                    case "--profile":
                        options.Profile = true;
                        break;
                    default:
                        throw new ArgumentException($"Unknown argument {args[index]}.");
                }
            }

            if (options.Corpora.Any(c => c is 'r' or 's') && options.SourceDirectory is null)
            {
                throw new ArgumentException("Corpora r and s measure --source DIR.");
            }

            return options;
        }
    }
}
