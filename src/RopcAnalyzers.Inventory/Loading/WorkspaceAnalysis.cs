using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;
using RopcAnalyzers.Inventory.Analysis;
using RopcAnalyzers.Inventory.Model;
using RopcAnalyzers.Inventory.Reports;

namespace RopcAnalyzers.Inventory.Loading
{
    /// <summary>What the workspace run analysed, and whether it was stopped before the end.</summary>
    internal sealed record WorkspaceOutcome(IReadOnlyList<string> Analysed, bool Interrupted, int Requested);

    /// <summary>
    /// Opens the solution or project with MSBuildWorkspace (MSBuild must be registered first: this class is the
    /// first to touch MSBuild types), reports what did not load, and analyses every requested C# project, each
    /// once (its first target framework, unless --all-frameworks), several at a time where the machine allows.
    /// </summary>
    internal sealed class WorkspaceAnalysis
    {
        private readonly InventoryInput input;
        private readonly InventoryOptions options;
        private readonly ConsoleLog log;
        private readonly SourcePaths paths;

        public WorkspaceAnalysis(InventoryInput input, InventoryOptions options, ConsoleLog log)
        {
            this.input = input;
            this.options = options;
            this.log = log;
            paths = new SourcePaths(input.BaseDirectory);
        }

        /// <summary>
        /// Analyses the requested projects into <paramref name="assembler"/>. When <paramref name="cancellationToken"/>
        /// fires, stops and returns what was analysed, with the rest reported as not analysed.
        /// </summary>
        public async Task<WorkspaceOutcome> RunAsync(IReadOnlyList<string> requestedProjects, RopcAnalyzerCatalog catalog, InventoryAssembler assembler, CancellationToken cancellationToken)
        {
            using var workspace = MSBuildWorkspace.Create(options.Properties);

            // Projects outside the input are only needed for their references: their built output is enough.
            workspace.LoadMetadataForReferencedProjects = true;
            var failures = new ConcurrentQueue<WorkspaceDiagnostic>();
            using var registration = workspace.RegisterWorkspaceFailedHandler(args =>
            {
                // Each message is kept for the project it names; on the console only with --verbose, since a
                // restore warning repeats once per project and framework.
                failures.Enqueue(args.Diagnostic);
                log.Detail("msbuild: " + args.Diagnostic.Message);
            });

            Solution solution;
            var loading = Stopwatch.StartNew();
            var progress = new LoadProgress(log, paths, requestedProjects);
            try
            {
                solution = input.IsSolution
                    ? await workspace.OpenSolutionAsync(input.FullPath, progress, cancellationToken).ConfigureAwait(false)
                    : (await workspace.OpenProjectAsync(input.FullPath, progress, cancellationToken).ConfigureAwait(false)).Solution;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                foreach (var path in requestedProjects)
                {
                    assembler.Add(new Problem(Problem.ProjectNotAnalysed, paths.Display(path), progress.Loaded(path) ? "loaded, but the run stopped before its analysis" : "the run stopped while projects were loading"));
                }

                return new WorkspaceOutcome(Array.Empty<string>(), Interrupted: true, requestedProjects.Count);
            }
            catch (Exception exception)
            {
                throw new InventoryException($"cannot open '{input.FullPath}': {MSBuildMessages.OneLine(exception.Message)}");
            }

            var loadMessages = failures.Count(d => d.Kind == WorkspaceDiagnosticKind.Failure);
            log.Progress($"Loaded {input.FileName} in {Seconds(loading.Elapsed)}" + (loadMessages > 0 ? $"; MSBuild gave {Summary.Count(loadMessages, "message")} (--verbose prints them)." : "."));
            var toAnalyse = Classify(solution, requestedProjects, failures, progress, assembler);
            if (toAnalyse.Count == 0)
            {
                var reasons = assembler.Problems.Where(p => p.IsSkippedProject).ToList();
                var first = reasons.Count == 0 ? string.Empty : $": {reasons[0].Path}: {reasons[0].Message}" + (reasons.Count > 1 ? $" (and {reasons.Count - 1} more)" : string.Empty);
                throw new InventoryException($"no project of '{input.FullPath}' could be analysed{first}");
            }

            var outcomes = await AnalyseAsync(toAnalyse, catalog, cancellationToken).ConfigureAwait(false);
            var analysed = new List<string>();
            for (var i = 0; i < toAnalyse.Count; i++)
            {
                var candidate = toAnalyse[i];
                if (outcomes[i] is not { } result)
                {
                    assembler.Add(new Problem(Problem.ProjectNotAnalysed, candidate.DisplayPath, $"{candidate.Project.Name}: the run stopped before its analysis"));
                    continue;
                }

                assembler.Add(candidate.Project.Name, result);
                if (!result.HasCompilerErrors && candidate.LoadMessages.Count > 0)
                {
                    // It compiled: what MSBuild said (NU1603 version bumps, NU1510 pruning...) cost no finding.
                    assembler.Add(new Problem(
                        Problem.LoadWarning,
                        candidate.DisplayPath,
                        $"{candidate.Project.Name}: {Summary.Count(candidate.LoadMessages.Count, "MSBuild message")} while loading, but it compiled without errors; first: {candidate.LoadMessages[0]}"));
                }

                analysed.Add(candidate.Project.Name);
            }

            // Failures raised while compilations were built (documents whose text could not be read).
            foreach (var failure in failures.OfType<DocumentDiagnostic>().Where(d => d.Kind == WorkspaceDiagnosticKind.Failure))
            {
                var document = solution.GetDocument(failure.DocumentId);
                assembler.Add(new Problem(Problem.DocumentNotLoaded, document?.FilePath is { } path ? paths.Display(path) : null, MSBuildMessages.Shorten(failure.Message, paths)));
            }

            return new WorkspaceOutcome(analysed, cancellationToken.IsCancellationRequested, requestedProjects.Count);
        }

        /// <summary>
        /// Compiles and analyses the projects, up to <see cref="InventoryOptions.Parallelism"/> at a time, each after the
        /// projects it references have started (it waits for their wrappers: <see cref="WrapperExchange"/>); the
        /// results keep the projects' order, so reports do not depend on which finished first. A project the
        /// run stopped before (or during) has no result.
        /// </summary>
        private async Task<ProjectResult?[]> AnalyseAsync(IReadOnlyList<Candidate> toAnalyse, RopcAnalyzerCatalog catalog, CancellationToken cancellationToken)
        {
            var analysis = new ProjectAnalysis(catalog, paths);
            var outcomes = new ProjectResult?[toAnalyse.Count];
            var done = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
            var exchange = new WrapperExchange(toAnalyse.Select(c => c.Project.Id));
            var order = WrapperExchange.ReferencesFirst(toAnalyse.Select(c => c.Project).ToList());
            try
            {
                await Parallel.ForEachAsync(order, parallel, async (index, token) =>
                {
                    var candidate = toAnalyse[index];
                    var watch = Stopwatch.StartNew();
                    ProjectResult result;
                    try
                    {
                        var compilation = await candidate.Project.GetCompilationAsync(token).ConfigureAwait(false);
                        if (compilation is null)
                        {
                            result = new ProjectResult();
                            result.Problems.Add(new Problem(Problem.ProjectNotAnalysed, candidate.DisplayPath, $"{candidate.Project.Name}: MSBuild gave no compilation for it"));
                        }
                        else
                        {
                            var referenced = await exchange.OfReferencesAsync(candidate.Project, token).ConfigureAwait(false);
                            result = await analysis.AnalyzeAsync(candidate.Project, compilation, candidate.LoadMessages.FirstOrDefault(), referenced, wrappers => exchange.Publish(candidate.Project.Id, wrappers), token).ConfigureAwait(false);
                            result.Problems.AddRange(await MissingDocumentsAsync(candidate.Project, token).ConfigureAwait(false));
                        }
                    }
                    finally
                    {
                        exchange.Abandon(candidate.Project.Id);
                    }

                    outcomes[index] = result;
                    var sites = result.Findings.Count(f => f.IsSite);
                    var number = Interlocked.Increment(ref done);
                    log.Progress(string.Create(
                        CultureInfo.InvariantCulture,
                        $"[{number}/{toAnalyse.Count}] {candidate.Label}: {Summary.Count(sites, "ROPC site")}, {Summary.Count(result.Findings.Count - sites, "other finding")}, {Summary.Count(result.Approvals.Count, "approval")}{(result.HasCompilerErrors ? ", compiler errors" : string.Empty)} ({Seconds(watch.Elapsed)})"));
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // What finished is kept; the caller reports the rest.
            }

            return outcomes;
        }

        /// <summary>
        /// Which loaded projects to analyse: the requested ones that loaded as C# projects, one target framework
        /// each unless --all-frameworks. Each requested project that did not load is reported with MSBuild's reason.
        /// </summary>
        private List<Candidate> Classify(Solution solution, IReadOnlyList<string> requestedProjects, IEnumerable<WorkspaceDiagnostic> failures, LoadProgress progress, InventoryAssembler assembler)
        {
            var failureMessages = failures.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure).Select(d => d.Message).Distinct(StringComparer.Ordinal).ToList();
            var loaded = solution.Projects
                .Where(project => project.FilePath is not null)
                .GroupBy(project => Path.GetFullPath(project.FilePath!), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.OrderBy(project => project.Name, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

            var toAnalyse = new List<Candidate>();
            var otherFrameworks = 0;
            foreach (var path in requestedProjects)
            {
                var shown = paths.Display(path);
                var messages = failureMessages.Where(message => message.Contains(path, StringComparison.Ordinal)).Select(message => MSBuildMessages.Shorten(message, paths)).ToList();
                if (!loaded.TryGetValue(path, out var projects))
                {
                    assembler.Add(new Problem(Problem.ProjectNotLoaded, shown, messages.FirstOrDefault() ?? (File.Exists(path) ? "MSBuild did not load it" : "the project file does not exist")));
                    continue;
                }

                var frameworks = projects.Where(p => p.Language == LanguageNames.CSharp && p.SupportsCompilation).ToList();
                if (!options.AllFrameworks && frameworks.Count > 1)
                {
                    // The framework the project lists first (the order MSBuild resolved them in), else by name.
                    var first = frameworks.OrderBy(p => progress.FrameworkRank(path, FrameworkOf(p))).First();
                    otherFrameworks += frameworks.Count - 1;
                    projects = projects.Where(p => !frameworks.Contains(p) || p == first).ToList();
                }

                foreach (var project in projects)
                {
                    if (project.Language != LanguageNames.CSharp)
                    {
                        assembler.Add(new Problem(Problem.ProjectNotAnalysed, shown, $"{project.Name} is a {project.Language} project: the RopcAnalyzers rules are for C#"));
                    }
                    else if (messages.Count > 0 && !project.Documents.Any())
                    {
                        assembler.Add(new Problem(Problem.ProjectNotLoaded, shown, messages[0]));
                    }
                    else if (!project.SupportsCompilation)
                    {
                        assembler.Add(new Problem(Problem.ProjectNotAnalysed, shown, $"{project.Name} does not support compilation"));
                    }
                    else
                    {
                        var framework = FrameworkOf(project) ?? progress.FirstFramework(path);
                        var label = ProjectNames.WithoutFramework(project.Name) + (framework is null ? string.Empty : $" ({framework})");
                        toAnalyse.Add(new Candidate(project, shown, label, messages));
                    }
                }
            }

            // Two projects of one name (samples/01/Client, samples/02/Client): progress names them by path.
            var sameName = toAnalyse.GroupBy(c => ProjectNames.WithoutFramework(c.Project.Name), StringComparer.Ordinal)
                .Where(g => g.Select(c => c.DisplayPath).Distinct(StringComparer.Ordinal).Count() > 1)
                .SelectMany(g => g)
                .ToHashSet();
            toAnalyse = toAnalyse.Select(c => sameName.Contains(c) ? c with { Label = c.DisplayPath + c.Label[ProjectNames.WithoutFramework(c.Project.Name).Length..] } : c).ToList();

            if (otherFrameworks > 0)
            {
                log.Progress($"Multi-targeted projects are analysed for their first target framework: {Summary.Count(otherFrameworks, "other framework")} left out (--all-frameworks analyses them too).");
            }

            var requested = requestedProjects.ToHashSet(StringComparer.Ordinal);
            var others = loaded.Keys.Count(path => !requested.Contains(path));
            if (others > 0)
            {
                log.Progress($"{Summary.Count(others, "referenced project")} outside {input.FileName} loaded for references only, not analysed.");
            }

            return toAnalyse;
        }

        /// <summary>"net8.0" for the project MSBuildWorkspace names "Shop(net8.0)"; null for a single-targeted project.</summary>
        private static string? FrameworkOf(Project project)
        {
            var open = project.Name.LastIndexOf('(');
            return open > 0 && project.Name.EndsWith(')') ? project.Name[(open + 1)..^1] : null;
        }

        /// <summary>
        /// Source files MSBuild lists but that could not be read: the workspace compiles them as empty files
        /// without a word, so the inventory says so.
        /// </summary>
        private async Task<List<Problem>> MissingDocumentsAsync(Project project, CancellationToken cancellationToken)
        {
            var problems = new List<Problem>();
            foreach (var document in project.Documents)
            {
                if (document.FilePath is not { } path || !Path.IsPathRooted(path))
                {
                    continue;
                }

                if (!File.Exists(path))
                {
                    problems.Add(new Problem(Problem.DocumentNotLoaded, paths.Display(path), $"{project.Name}: the source file does not exist, so it was analysed as empty"));
                }
                else if ((await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).Length == 0 && new FileInfo(path).Length > 0)
                {
                    problems.Add(new Problem(Problem.DocumentNotLoaded, paths.Display(path), $"{project.Name}: the source file could not be read, so it was analysed as empty"));
                }
            }

            return problems;
        }

        internal static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        /// <summary>A project (one target framework) to analyse, with what MSBuild said while loading it.</summary>
        private sealed record Candidate(Project Project, string DisplayPath, string Label, IReadOnlyList<string> LoadMessages);

        /// <summary>
        /// Prints one line per project and framework as MSBuild finishes loading it, numbered among the requested
        /// projects ("[3/38] Orders/Orders.csproj (net8.0): 1.2 s"), and remembers the order of each project's frameworks.
        /// </summary>
        private sealed class LoadProgress : IProgress<ProjectLoadProgress>
        {
            private readonly ConsoleLog log;
            private readonly SourcePaths paths;
            private readonly HashSet<string> requested;
            private readonly ConcurrentDictionary<string, TimeSpan> elapsed = new(StringComparer.Ordinal);
            private readonly ConcurrentDictionary<string, List<string>> frameworks = new(StringComparer.Ordinal);
            private int loadedRequested;

            public LoadProgress(ConsoleLog log, SourcePaths paths, IReadOnlyList<string> requestedProjects)
            {
                this.log = log;
                this.paths = paths;
                requested = requestedProjects.ToHashSet(StringComparer.Ordinal);
            }

            public void Report(ProjectLoadProgress value)
            {
                var total = elapsed.AddOrUpdate(value.FilePath, value.ElapsedTime, (_, sum) => sum + value.ElapsedTime);
                if (value.Operation != ProjectLoadOperation.Resolve)
                {
                    return;
                }

                elapsed.TryRemove(value.FilePath, out _);
                var path = Path.GetFullPath(value.FilePath);
                var list = frameworks.GetOrAdd(path, _ => new List<string>());
                bool first;
                lock (list)
                {
                    first = list.Count == 0;
                    list.Add(value.TargetFramework ?? string.Empty);
                }

                var framework = string.IsNullOrEmpty(value.TargetFramework) ? string.Empty : $" ({value.TargetFramework})";
                var number = requested.Contains(path)
                    ? $"[{(first ? Interlocked.Increment(ref loadedRequested) : Volatile.Read(ref loadedRequested))}/{requested.Count}] "
                    : "[reference] ";
                log.Progress($"{number}Loaded {paths.Display(value.FilePath)}{framework}: {Seconds(total)}");
            }

            public bool Loaded(string path) => frameworks.ContainsKey(path);

            public string? FirstFramework(string path)
                => frameworks.TryGetValue(path, out var list) && list.Count > 0 && list[0].Length > 0 ? list[0] : null;

            public int FrameworkRank(string path, string? framework)
            {
                if (framework is not null && frameworks.TryGetValue(path, out var list))
                {
                    var index = list.IndexOf(framework);
                    return index >= 0 ? index : int.MaxValue;
                }

                return int.MaxValue;
            }
        }
    }

    /// <summary>MSBuildWorkspace's messages, made readable: no repeated "Msbuild failed when processing the file" prefix, relative paths, one line.</summary>
    internal static class MSBuildMessages
    {
        private const string Prefix = "Msbuild failed when processing the file '";
        private const string WithMessage = "' with message: ";

        public static string Shorten(string message, SourcePaths paths)
        {
            message = OneLine(message);
            if (message.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var end = message.IndexOf(WithMessage, Prefix.Length, StringComparison.Ordinal);
                if (end > 0)
                {
                    message = message[(end + WithMessage.Length)..];
                }
            }

            return paths.RelativizeText(message);
        }

        public static string OneLine(string message)
            => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
