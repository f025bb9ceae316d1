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
    /// <summary>
    /// Opens the solution or project with MSBuildWorkspace (MSBuild must be registered first: this class is the
    /// first to touch MSBuild types), reports what did not load, and analyses every requested C# project.
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

        /// <summary>Analyses the requested projects into <paramref name="assembler"/>; null when nothing could be analysed.</summary>
        public async Task<IReadOnlyList<string>?> RunAsync(IReadOnlyList<string> requestedProjects, RopcAnalyzerCatalog catalog, InventoryAssembler assembler, CancellationToken cancellationToken)
        {
            using var workspace = MSBuildWorkspace.Create(options.Properties);

            // Projects outside the input are only needed for their references: their built output is enough.
            workspace.LoadMetadataForReferencedProjects = true;
            var failures = new ConcurrentQueue<WorkspaceDiagnostic>();
            using var registration = workspace.RegisterWorkspaceFailedHandler(args =>
            {
                failures.Enqueue(args.Diagnostic);
                if (args.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    log.Warning(args.Diagnostic.Message);
                }
                else
                {
                    log.Detail("workspace: " + args.Diagnostic.Message);
                }
            });

            Solution solution;
            var loading = Stopwatch.StartNew();
            try
            {
                var progress = new LoadProgress(log, paths);
                solution = input.IsSolution
                    ? await workspace.OpenSolutionAsync(input.FullPath, progress, cancellationToken).ConfigureAwait(false)
                    : (await workspace.OpenProjectAsync(input.FullPath, progress, cancellationToken).ConfigureAwait(false)).Solution;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                log.Error($"cannot open '{input.FullPath}': {exception.Message}");
                return null;
            }

            log.Progress($"Loaded {input.FileName} in {Seconds(loading.Elapsed)}.");
            var toAnalyse = Classify(solution, requestedProjects, failures, assembler);
            if (toAnalyse.Count == 0)
            {
                log.Error($"no project of '{input.FullPath}' could be analysed");
                return null;
            }

            var analysis = new ProjectAnalysis(catalog, paths);
            var analysed = new List<string>();
            for (var i = 0; i < toAnalyse.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var project = toAnalyse[i];
                var watch = Stopwatch.StartNew();
                log.Progress($"[{i + 1}/{toAnalyse.Count}] Analysing {project.Name}...");
                var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (compilation is null)
                {
                    assembler.Add(new Problem(Problem.ProjectNotAnalysed, paths.Display(project.FilePath!), $"{project.Name}: MSBuild gave no compilation for it"));
                    continue;
                }

                var result = await analysis.AnalyzeAsync(project, compilation, cancellationToken).ConfigureAwait(false);
                result.Problems.AddRange(await MissingDocumentsAsync(project, cancellationToken).ConfigureAwait(false));
                assembler.Add(project.Name, result);
                analysed.Add(project.Name);
                var sites = result.Findings.Count(f => f.IsSite);
                log.Progress(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{i + 1}/{toAnalyse.Count}] {project.Name}: {Summary.Count(sites, "ROPC site")}, {Summary.Count(result.Findings.Count - sites, "other finding")}, {Summary.Count(result.Approvals.Count, "approval")} ({Seconds(watch.Elapsed)})"));
            }

            // Failures raised while compilations were built (documents whose text could not be read).
            foreach (var failure in failures.OfType<DocumentDiagnostic>().Where(d => d.Kind == WorkspaceDiagnosticKind.Failure))
            {
                var document = solution.GetDocument(failure.DocumentId);
                assembler.Add(new Problem(Problem.DocumentNotLoaded, document?.FilePath is { } path ? paths.Display(path) : null, failure.Message));
            }

            return analysed.Count == 0 ? null : analysed;
        }

        /// <summary>
        /// Which loaded projects to analyse: the requested ones that loaded as C# projects. Each requested project
        /// that did not is reported with the reason MSBuild gave.
        /// </summary>
        private List<Project> Classify(Solution solution, IReadOnlyList<string> requestedProjects, IEnumerable<WorkspaceDiagnostic> failures, InventoryAssembler assembler)
        {
            var failureMessages = failures.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure).Select(d => d.Message).ToList();
            var loaded = solution.Projects
                .Where(project => project.FilePath is not null)
                .GroupBy(project => Path.GetFullPath(project.FilePath!), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.OrderBy(project => project.Name, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

            var toAnalyse = new List<Project>();
            foreach (var path in requestedProjects)
            {
                var shown = paths.Display(path);
                var reason = failureMessages.FirstOrDefault(message => message.Contains(path, StringComparison.Ordinal));
                if (!loaded.TryGetValue(path, out var projects))
                {
                    assembler.Add(new Problem(Problem.ProjectNotLoaded, shown, reason ?? (File.Exists(path) ? "MSBuild did not load it" : "the project file does not exist")));
                    continue;
                }

                foreach (var project in projects)
                {
                    if (project.Language != LanguageNames.CSharp)
                    {
                        assembler.Add(new Problem(Problem.ProjectNotAnalysed, shown, $"{project.Name} is a {project.Language} project: the RopcAnalyzers rules are for C#"));
                    }
                    else if (reason is not null && !project.Documents.Any())
                    {
                        assembler.Add(new Problem(Problem.ProjectNotLoaded, shown, reason));
                    }
                    else if (!project.SupportsCompilation)
                    {
                        assembler.Add(new Problem(Problem.ProjectNotAnalysed, shown, $"{project.Name} does not support compilation"));
                    }
                    else
                    {
                        if (reason is not null)
                        {
                            assembler.Add(new Problem(Problem.ProjectLoadedWithErrors, shown, $"{project.Name} loaded with errors, so findings may be missing: {reason}"));
                        }

                        toAnalyse.Add(project);
                    }
                }
            }

            var requested = requestedProjects.ToHashSet(StringComparer.Ordinal);
            var others = loaded.Keys.Count(path => !requested.Contains(path));
            if (others > 0)
            {
                log.Progress($"{Summary.Count(others, "referenced project")} outside {input.FileName} loaded for references only, not analysed.");
            }

            return toAnalyse;
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

        private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

        /// <summary>Prints one line per project as MSBuild finishes loading it (synchronously, so lines keep their order).</summary>
        private sealed class LoadProgress : IProgress<ProjectLoadProgress>
        {
            private readonly ConsoleLog log;
            private readonly SourcePaths paths;
            private readonly ConcurrentDictionary<string, TimeSpan> elapsed = new(StringComparer.Ordinal);

            public LoadProgress(ConsoleLog log, SourcePaths paths)
            {
                this.log = log;
                this.paths = paths;
            }

            public void Report(ProjectLoadProgress value)
            {
                var total = elapsed.AddOrUpdate(value.FilePath, value.ElapsedTime, (_, sum) => sum + value.ElapsedTime);
                if (value.Operation == ProjectLoadOperation.Resolve)
                {
                    elapsed.TryRemove(value.FilePath, out _);
                    var framework = string.IsNullOrEmpty(value.TargetFramework) ? string.Empty : $" ({value.TargetFramework})";
                    log.Progress($"Loading {paths.Display(value.FilePath)}{framework}: {Seconds(total)}");
                }
            }
        }
    }
}
