using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Inventory.Analysis
{
    /// <summary>
    /// Hands each project's wrappers (<see cref="RopcWrapperExports"/>) to the projects that reference it, so a call of
    /// Lib's wrapper in App is an indirect use of Lib's request. A project that is analysed publishes its wrappers as
    /// soon as its collector has learned them; a referenced project of the solution that is not analysed (another
    /// target framework, a project outside the request) has its wrappers learned here, once. The wrappers of a project
    /// are only ever asked for by the projects that reference it, so with projects started in
    /// <see cref="ReferencesFirst"/> order no project waits for one that has not started.
    /// </summary>
    internal sealed class WrapperExchange
    {
        private readonly Dictionary<ProjectId, TaskCompletionSource<RopcWrapperExports>> published;
        private readonly ConcurrentDictionary<ProjectId, Lazy<Task<RopcWrapperExports>>> learned = new();

        /// <param name="analysed">The projects whose analysis will call <see cref="Publish"/> (or <see cref="Abandon"/>).</param>
        public WrapperExchange(IEnumerable<ProjectId> analysed)
        {
            published = analysed.Distinct().ToDictionary(id => id, _ => new TaskCompletionSource<RopcWrapperExports>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        public void Publish(ProjectId project, RopcWrapperExports wrappers)
        {
            if (published.TryGetValue(project, out var source))
            {
                source.TrySetResult(wrappers);
            }
        }

        /// <summary>The project's analysis ended without publishing (no compilation, stopped, failed): its referencers go on without its wrappers.</summary>
        public void Abandon(ProjectId project) => Publish(project, RopcWrapperExports.Empty);

        /// <summary>The wrappers of the C# projects <paramref name="project"/> references (directly, and through them).</summary>
        public async Task<RopcWrapperExports> OfReferencesAsync(Project project, CancellationToken cancellationToken)
        {
            var parts = new List<RopcWrapperExports>();
            foreach (var referenced in References(project))
            {
                parts.Add(await OfAsync(referenced, cancellationToken).ConfigureAwait(false));
            }

            return RopcWrapperExports.Combine(parts);
        }

        /// <summary>
        /// The projects in the order to start their analyses: every project after the projects it references (by the
        /// longest chain of references below it), otherwise in the given order.
        /// </summary>
        public static List<int> ReferencesFirst(IReadOnlyList<Project> projects)
        {
            var depths = new Dictionary<ProjectId, int>();
            int Depth(Project project, HashSet<ProjectId> path)
            {
                if (depths.TryGetValue(project.Id, out var known))
                {
                    return known;
                }

                // MSBuild refuses reference cycles; a cycle here (a broken solution) just stops the count.
                if (!path.Add(project.Id))
                {
                    return 0;
                }

                var depth = 0;
                foreach (var referenced in References(project))
                {
                    depth = Math.Max(depth, Depth(referenced, path) + 1);
                }

                path.Remove(project.Id);
                depths[project.Id] = depth;
                return depth;
            }

            return Enumerable.Range(0, projects.Count).OrderBy(index => Depth(projects[index], new HashSet<ProjectId>())).ThenBy(index => index).ToList();
        }

        private Task<RopcWrapperExports> OfAsync(Project project, CancellationToken cancellationToken)
            => published.TryGetValue(project.Id, out var source)
                ? source.Task.WaitAsync(cancellationToken)
                : learned.GetOrAdd(project.Id, _ => new Lazy<Task<RopcWrapperExports>>(() => LearnAsync(project, cancellationToken))).Value;

        private async Task<RopcWrapperExports> LearnAsync(Project project, CancellationToken cancellationToken)
        {
            var referenced = await OfReferencesAsync(project, cancellationToken).ConfigureAwait(false);
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                return RopcWrapperExports.Empty;
            }

            try
            {
                return RopcRecognizer.Create(project.AnalyzerOptions, compilation, referenced).ExportWrappers(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Outside the analyzer driver nothing reports a recognizer failure; the projects that reference this one
                // lose only the indirect uses through it.
                return RopcWrapperExports.Empty;
            }
        }

        /// <summary>The C# projects of the solution that <paramref name="project"/> references, in path order.</summary>
        private static IEnumerable<Project> References(Project project)
            => project.ProjectReferences
                .Select(reference => project.Solution.GetProject(reference.ProjectId))
                .OfType<Project>()
                .Where(referenced => referenced.Language == LanguageNames.CSharp && referenced.SupportsCompilation)
                .OrderBy(referenced => referenced.FilePath, StringComparer.Ordinal)
                .ThenBy(referenced => referenced.Name, StringComparer.Ordinal);
    }
}
