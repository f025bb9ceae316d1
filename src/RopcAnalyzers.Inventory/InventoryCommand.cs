using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RopcAnalyzers.Inventory.Analysis;
using RopcAnalyzers.Inventory.Loading;
using RopcAnalyzers.Inventory.Model;
using RopcAnalyzers.Inventory.Reports;

namespace RopcAnalyzers.Inventory
{
    /// <summary>One run of the tool: check the arguments, load and analyse, report, and choose the exit code.</summary>
    internal static class InventoryCommand
    {
        public static string Version { get; } =
            typeof(InventoryCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "0.0.0";

        public static async Task<int> RunAsync(InventoryOptions options, ConsoleLog log, TextWriter stdout, CancellationToken cancellationToken)
        {
            // Everything that can be checked without MSBuild is checked first, so mistakes are reported at once.
            var input = InputResolver.Resolve(options.InputPath, out var inputError);
            if (input is null)
            {
                log.Error(inputError!);
                return ExitCodes.Usage;
            }

            BaselineFile? baseline = null;
            if (options.BaselinePath is not null)
            {
                baseline = BaselineFile.Read(options.BaselinePath, out var baselineError);
                if (baseline is null)
                {
                    log.Error(baselineError!);
                    return ExitCodes.Usage;
                }
            }

            IReadOnlyList<string> requestedProjects;
            try
            {
                requestedProjects = input.IsSolution
                    ? await SolutionProjects.ReadAsync(input.FullPath, cancellationToken).ConfigureAwait(false)
                    : new[] { input.FullPath };
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                log.Error($"cannot open solution '{input.FullPath}': {exception.Message}");
                return ExitCodes.LoadError;
            }

            if (requestedProjects.Count == 0)
            {
                log.Error($"solution '{input.FullPath}' lists no project");
                return ExitCodes.LoadError;
            }

            var instance = MSBuildSetup.Register(input.BaseDirectory, out var sdkError);
            if (sdkError is not null)
            {
                log.Error(sdkError);
                return ExitCodes.LoadError;
            }

            if (instance is not null)
            {
                log.Progress($"Using the .NET SDK {instance.Version} at {instance.MSBuildPath}");
            }

            // --timeout stops the run as Ctrl+C does: what was analysed is still reported, marked partial.
            using var timeout = new CancellationTokenSource();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            if (options.Timeout is { } limit)
            {
                timeout.CancelAfter(limit);
            }

            var assembler = new InventoryAssembler();
            var catalog = RopcAnalyzerCatalog.Load();
            WorkspaceOutcome outcome;
            try
            {
                if (options.Restore)
                {
                    await RestoreAsync(input, requestedProjects, DotnetRestore.DotnetFor(instance?.MSBuildPath ?? string.Empty), options, log, assembler, stop.Token).ConfigureAwait(false);
                }

                outcome = await new WorkspaceAnalysis(input, options, log).RunAsync(requestedProjects, catalog, assembler, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped during the restore: nothing was loaded.
                foreach (var path in requestedProjects)
                {
                    assembler.Add(new Problem(Problem.ProjectNotAnalysed, new SourcePaths(input.BaseDirectory).Display(path), "the run stopped while restoring"));
                }

                outcome = new WorkspaceOutcome(Array.Empty<string>(), Interrupted: true, requestedProjects.Count);
            }
            catch (InventoryException exception)
            {
                log.Error(exception.Message);
                return ExitCodes.LoadError;
            }

            if (outcome.Analysed.Count == 0 && !outcome.Interrupted)
            {
                log.Error($"no project of '{input.FullPath}' could be analysed");
                return ExitCodes.LoadError;
            }

            string? partial = null;
            if (outcome.Interrupted)
            {
                partial = timeout.IsCancellationRequested
                    ? $"timed out after {Duration(options.Timeout!.Value)} (--timeout): {outcome.Analysed.Count} of {Summary.Count(outcome.Requested, "project")} analysed"
                    : $"interrupted: {outcome.Analysed.Count} of {Summary.Count(outcome.Requested, "project")} analysed";
            }

            var referenceDate = options.ReferenceDate ?? DateOnly.FromDateTime(DateTime.Now);
            var (findings, approvals, problems) = assembler.Assemble(referenceDate);
            if (options.WriteBaselinePath is not null)
            {
                if (partial is not null)
                {
                    log.Warning($"the baseline {options.WriteBaselinePath} was not written: the run is partial ({partial})");
                }
                else
                {
                    BaselineFile.Write(options.WriteBaselinePath, findings);
                    log.Progress($"Wrote {Summary.Count(findings.Count(f => f.Gates), "finding")} to the baseline {options.WriteBaselinePath}");
                }
            }

            BaselineComparison? comparison = null;
            IReadOnlyList<RetiredFinding> retired = Array.Empty<RetiredFinding>();
            var reported = findings;
            if (baseline is not null)
            {
                (reported, retired, comparison) = baseline.Compare(options.BaselinePath!, findings);
            }

            var result = new InventoryResult
            {
                ToolVersion = Version,
                Input = input.FileName,
                BaseDirectory = input.BaseDirectory,
                ReferenceDate = referenceDate,
                Findings = reported,
                Approvals = approvals,
                Problems = problems,
                Analyzers = catalog.AnalyzerTypes.Select(type => type.Name).ToList(),
                ProjectsAnalysed = outcome.Analysed.OrderBy(name => name, StringComparer.Ordinal).ToList(),
                Baseline = comparison,
                Retired = retired,
                Partial = partial,
            };

            if (!WriteReports(result, options.Format, options.Outputs, catalog.Rules, stdout, log))
            {
                return ExitCodes.Usage;
            }

            if (partial is not null)
            {
                log.Error($"{partial}; the reports are marked partial.");
                return timeout.IsCancellationRequested ? ExitCodes.LoadError : ExitCodes.Cancelled;
            }

            return ExitCode(result, options, log);
        }

        /// <summary>
        /// Restores the input; when a solution's restore fails (one missing project, one package source down),
        /// restores its projects one by one, so one failure costs one project, not all of them.
        /// </summary>
        private static async Task RestoreAsync(InventoryInput input, IReadOnlyList<string> requestedProjects, string dotnet, InventoryOptions options, ConsoleLog log, InventoryAssembler assembler, CancellationToken cancellationToken)
        {
            var paths = new SourcePaths(input.BaseDirectory);
            log.Progress($"Restoring {input.FileName}...");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (exitCode, output) = await DotnetRestore.RunAsync(dotnet, input.FullPath, options.Properties, options.RestoreArguments, cancellationToken).ConfigureAwait(false);
            log.Detail(output);
            if (exitCode == 0)
            {
                log.Progress($"Restored {input.FileName} in {WorkspaceAnalysis.Seconds(watch.Elapsed)}.");
                return;
            }

            var reason = paths.RelativizeText(DotnetRestore.FirstError(output) ?? $"'dotnet restore' exited with {exitCode}");
            var existing = requestedProjects.Where(File.Exists).ToList();
            if (!input.IsSolution || existing.Count == 0)
            {
                log.Warning($"restoring {input.FileName} failed: {reason}");
                assembler.Add(new Problem(Problem.RestoreFailed, input.FileName, $"'dotnet restore' failed: {reason}"));
                return;
            }

            log.Warning($"restoring {input.FileName} failed ({reason}); restoring its {Summary.Count(existing.Count, "project")} one by one");
            var failed = 0;
            for (var i = 0; i < existing.Count; i++)
            {
                var project = existing[i];
                watch.Restart();
                (exitCode, output) = await DotnetRestore.RunAsync(dotnet, project, options.Properties, options.RestoreArguments, cancellationToken).ConfigureAwait(false);
                log.Detail(output);
                var shown = paths.Display(project);
                if (exitCode == 0)
                {
                    log.Progress($"[{i + 1}/{existing.Count}] Restored {shown} in {WorkspaceAnalysis.Seconds(watch.Elapsed)}");
                    continue;
                }

                failed++;
                var projectReason = paths.RelativizeText(DotnetRestore.FirstError(output) ?? $"'dotnet restore' exited with {exitCode}");
                log.Progress($"[{i + 1}/{existing.Count}] Restoring {shown} failed: {projectReason}");
                assembler.Add(new Problem(Problem.RestoreFailed, shown, $"'dotnet restore' failed: {projectReason}"));
            }

            log.Always($"Restore: {existing.Count - failed} of {Summary.Count(existing.Count, "project")} restored one by one.");
        }

        /// <summary>Writes the report to stdout and to every --output file; false (with the reason on stderr) when a file cannot be written.</summary>
        public static bool WriteReports(InventoryResult result, ReportFormat format, IReadOnlyList<ReportOutput> outputs, IReadOnlyList<RuleInfo> rules, TextWriter stdout, ConsoleLog log)
        {
            Write(result, format, rules, stdout);
            foreach (var output in outputs)
            {
                try
                {
                    var directory = Path.GetDirectoryName(output.Path);
                    if (!string.IsNullOrEmpty(directory))
                    {
                        Directory.CreateDirectory(directory);
                    }

                    using var file = new StreamWriter(output.Path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    Write(result, output.Format, rules, file);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    log.Error($"cannot write the report '{output.Path}': {exception.Message}");
                    return false;
                }

                log.Progress($"Wrote the {output.Format.ToString().ToLowerInvariant()} report to {output.Path}");
            }

            return true;
        }

        private static string Duration(TimeSpan duration)
            => duration.TotalHours >= 1 && duration.TotalHours == Math.Floor(duration.TotalHours) ? $"{duration.TotalHours:0}h"
                : duration.TotalMinutes >= 1 && duration.TotalMinutes == Math.Floor(duration.TotalMinutes) ? $"{duration.TotalMinutes:0}m"
                : $"{duration.TotalSeconds:0.#}s";

        public static void Write(InventoryResult result, ReportFormat format, IReadOnlyList<RuleInfo> rules, TextWriter writer)
        {
            switch (format)
            {
                case ReportFormat.Json:
                    JsonReport.Write(result, writer);
                    break;
                case ReportFormat.Markdown:
                    MarkdownReport.Write(result, writer);
                    break;
                case ReportFormat.Sarif:
                    SarifReport.Write(result, rules, writer);
                    break;
                case ReportFormat.Html:
                    HtmlReport.Write(result, writer);
                    break;
                default:
                    TableReport.Write(result, writer);
                    break;
            }

            writer.Flush();
        }

        private static int ExitCode(InventoryResult result, InventoryOptions options, ConsoleLog log)
        {
            var summary = Summary.Of(result);

            // Whatever --quiet says: a skipped project or document means findings may be missing.
            if (result.SkippedProjects + result.SkippedDocuments + result.IncompleteProjects > 0)
            {
                log.Always($"Skipped: {Summary.Count(result.SkippedProjects, "project")}, {Summary.Count(result.SkippedDocuments, "document")}; incomplete: {Summary.Count(result.IncompleteProjects, "project")} (see the report's problems).");
            }

            log.Progress(summary.Sentence(result) + ".");
            if (options.FailOnSkipped && result.SkippedProjects + result.SkippedDocuments + result.IncompleteProjects > 0)
            {
                log.Error("something could not be analysed, or a project is incomplete (--fail-on-skipped)");
                return ExitCodes.LoadError;
            }

            if (result.Baseline is { New: > 0 } baseline)
            {
                log.Always($"{Summary.Count(baseline.New, "new finding")} since the baseline.");
                return ExitCodes.Findings;
            }

            if (options.FailOnFindings && result.GatingFindings > 0)
            {
                log.Always($"{Summary.Count(result.GatingFindings, "finding")} (--fail-on-findings).");
                return ExitCodes.Findings;
            }

            return ExitCodes.Success;
        }
    }
}
