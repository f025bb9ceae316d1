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

            var assembler = new InventoryAssembler();
            if (options.Restore)
            {
                var dotnet = DotnetRestore.DotnetFor(instance?.MSBuildPath ?? string.Empty);
                log.Progress($"Restoring {input.FileName}...");
                var (exitCode, output) = await DotnetRestore.RunAsync(dotnet, input.FullPath, options.Properties, cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    log.Warning($"'dotnet restore' exited with {exitCode}; analysing what loads:{Environment.NewLine}{output}");
                    assembler.Add(new Problem(Problem.RestoreFailed, input.FileName, $"'dotnet restore' exited with {exitCode}"));
                }
            }

            var catalog = RopcAnalyzerCatalog.Load();
            var analysed = await new WorkspaceAnalysis(input, options, log).RunAsync(requestedProjects, catalog, assembler, cancellationToken).ConfigureAwait(false);
            if (analysed is null)
            {
                return ExitCodes.LoadError;
            }

            var referenceDate = options.ReferenceDate ?? DateOnly.FromDateTime(DateTime.Now);
            var (findings, approvals, problems) = assembler.Assemble(referenceDate);
            if (options.WriteBaselinePath is not null)
            {
                BaselineFile.Write(options.WriteBaselinePath, findings);
                log.Progress($"Wrote {Summary.Count(findings.Count(f => f.Gates), "finding")} to the baseline {options.WriteBaselinePath}");
            }

            BaselineComparison? comparison = null;
            var reported = findings;
            if (baseline is not null)
            {
                (reported, comparison) = baseline.Compare(options.BaselinePath!, findings);
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
                ProjectsAnalysed = analysed.OrderBy(name => name, StringComparer.Ordinal).ToList(),
                Baseline = comparison,
            };

            Write(result, options.Format, catalog, stdout);
            foreach (var output in options.Outputs)
            {
                var directory = Path.GetDirectoryName(output.Path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                using var file = new StreamWriter(output.Path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                Write(result, output.Format, catalog, file);
                log.Progress($"Wrote the {output.Format.ToString().ToLowerInvariant()} report to {output.Path}");
            }

            return ExitCode(result, options, log);
        }

        private static void Write(InventoryResult result, ReportFormat format, RopcAnalyzerCatalog catalog, TextWriter writer)
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
                    SarifReport.Write(result, catalog.Rules, writer);
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
            if (options.FailOnSkipped && result.SkippedProjects + result.SkippedDocuments > 0)
            {
                log.Error("something could not be analysed (--fail-on-skipped)");
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
