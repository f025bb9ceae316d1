using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using RopcAnalyzers.Inventory.Analysis;
using RopcAnalyzers.Inventory.Model;
using RopcAnalyzers.Inventory.Reports;

namespace RopcAnalyzers.Inventory
{
    /// <summary>
    /// 'ropc-inventory merge a.json b.json ...': one report over the JSON inventories of many repositories (each
    /// made by its own CI), every path and project prefixed with its inventory's file name.
    /// </summary>
    internal static class MergeCommand
    {
        public const string Usage = """
            Usage: ropc-inventory merge <inventory.json>... [options]

            Merges JSON inventories (ropc-inventory --format json, e.g. one per repository made in its CI) into one
            report. Each inventory's paths and projects are prefixed with its file name without extension
            (shop.json: shop/Orders/Login.cs), so name the files after their repositories.

            Options:
              -f, --format <format>     Report written to stdout: table (default), json, markdown, sarif, html.
              -o, --output <file>       Also write a report to <file> (format from the extension). May be repeated.
              --reference-date <date>   The day approvals' expiry is checked against (yyyy-MM-dd). Default: today.
              -h, --help                Show this help.

            Exit codes: 0 merged; 2 bad arguments, or an inventory missing or unreadable.
            """;

        public static int Run(IReadOnlyList<string> args, TextWriter stdout, ConsoleLog log)
        {
            var format = ReportFormat.Table;
            var outputs = new List<ReportOutput>();
            var inputs = new List<string>();
            DateOnly? referenceDate = null;
            for (var i = 0; i < args.Count; i++)
            {
                var (name, inlineValue) = InventoryOptions.SplitInlineValue(args[i]);
                string? error = null;
                switch (name)
                {
                    case "-h" or "--help" or "-?":
                        stdout.WriteLine(Usage);
                        return ExitCodes.Success;
                    case "-f" or "--format":
                        if (!InventoryOptions.TryTakeValue(args, ref i, name, inlineValue, out var value, out error))
                        {
                            break;
                        }

                        if (!InventoryOptions.TryParseFormat(value, out format))
                        {
                            error = $"unknown format '{value}' for {name}: use table, json, markdown, sarif or html";
                        }

                        break;
                    case "-o" or "--output":
                        if (InventoryOptions.TryTakeValue(args, ref i, name, inlineValue, out var output, out error))
                        {
                            if (InventoryOptions.TryFormatFromExtension(output, out var outputFormat))
                            {
                                outputs.Add(new ReportOutput(Path.GetFullPath(output), outputFormat));
                            }
                            else
                            {
                                error = $"cannot tell the format of '{output}' from its extension: use .json, .sarif, .md, .txt or .html";
                            }
                        }

                        break;
                    case "--reference-date":
                        if (InventoryOptions.TryTakeValue(args, ref i, name, inlineValue, out var date, out error))
                        {
                            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                            {
                                referenceDate = parsed;
                            }
                            else
                            {
                                error = $"--reference-date '{date}' is not a date in the form yyyy-MM-dd";
                            }
                        }

                        break;
                    default:
                        if (name.StartsWith('-') && name.Length > 1)
                        {
                            error = $"unknown option '{name}' for merge";
                        }
                        else
                        {
                            inputs.Add(args[i]);
                        }

                        break;
                }

                if (error is not null)
                {
                    log.Error(error);
                    log.Always("Run 'ropc-inventory merge --help' for usage.");
                    return ExitCodes.Usage;
                }
            }

            if (inputs.Count == 0)
            {
                log.Error("merge needs at least one JSON inventory");
                log.Always("Run 'ropc-inventory merge --help' for usage.");
                return ExitCodes.Usage;
            }

            var labels = inputs.Select(input => Path.GetFileNameWithoutExtension(input)).ToList();
            var duplicate = labels.GroupBy(label => label, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
            if (duplicate is not null)
            {
                log.Error($"two inventories are named '{duplicate.Key}': rename them after their repositories, so their paths stay apart");
                return ExitCodes.Usage;
            }

            var day = referenceDate ?? DateOnly.FromDateTime(DateTime.Now);
            var results = new List<InventoryResult>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var result = JsonReportReader.Read(Path.GetFullPath(inputs[i]), labels[i], day, out var error);
                if (result is null)
                {
                    log.Error(error!);
                    return ExitCodes.Usage;
                }

                results.Add(result);
            }

            var merged = Merge(results, day);
            var catalog = RopcAnalyzerCatalog.Load();
            if (!InventoryCommand.WriteReports(merged, format, outputs, catalog.Rules, stdout, log))
            {
                return ExitCodes.Usage;
            }

            log.Progress($"Merged {results.Count} JSON inventories: {Summary.Of(merged).Sentence(merged)}.");
            return ExitCodes.Success;
        }

        private static InventoryResult Merge(IReadOnlyList<InventoryResult> results, DateOnly referenceDate)
        {
            static IEnumerable<T> Ordered<T>(IEnumerable<T> items, Func<T, SourceSpan> location)
                => items.OrderBy(item => location(item).Path, StringComparer.Ordinal).ThenBy(item => location(item).Line).ThenBy(item => location(item).Column);

            var partial = results.Where(r => r.Partial is not null).Select(r => r.Partial!).ToList();
            return new InventoryResult
            {
                ToolVersion = InventoryCommand.Version,
                Input = results.Count == 1 ? results[0].Input : $"{results.Count} inventories ({string.Join(", ", results.Select(r => r.Input))})",
                BaseDirectory = Directory.GetCurrentDirectory(),
                ReferenceDate = referenceDate,
                Findings = Ordered(results.SelectMany(r => r.Findings), f => f.Location).ToList(),
                Approvals = Ordered(results.SelectMany(r => r.Approvals), a => a.Location).ToList(),
                Problems = results.SelectMany(r => r.Problems).OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal).ToList(),
                Analyzers = results.SelectMany(r => r.Analyzers).Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList(),
                ProjectsAnalysed = results.SelectMany(r => r.ProjectsAnalysed).OrderBy(p => p, StringComparer.Ordinal).ToList(),
                Partial = partial.Count == 0 ? null : string.Join("; ", partial),
            };
        }
    }
}
