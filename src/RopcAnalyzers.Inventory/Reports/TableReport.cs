using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using RopcAnalyzers.Inventory.Model;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>The console report: one aligned table per section, then the summary sentence.</summary>
    internal static class TableReport
    {
        public static void Write(InventoryResult result, TextWriter writer)
        {
            var summary = Summary.Of(result);
            writer.WriteLine($"ropc-inventory {result.ToolVersion}: {result.Input}, reference date {result.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            if (result.Partial is not null)
            {
                writer.WriteLine($"PARTIAL: {result.Partial}; the projects not analysed are listed at the end.");
            }
            if (result.Baseline is { } baseline)
            {
                writer.WriteLine($"Baseline: {baseline.Path}");
            }

            writer.WriteLine();
            var sites = result.Sites.ToList();
            Section(
                writer,
                result.Baseline is null ? "ROPC sites" : "New ROPC sites",
                sites.Count,
                new[] { "STATUS", "LOCATION", "MEMBER", "WHAT", "INDIRECT", "APPROVAL" },
                sites.Select(site => new[] { site.Status, site.Location.ToString(), site.ShortMember, site.Site!.Description, site.IndirectUses.Count.ToString(CultureInfo.InvariantCulture), ApprovalText(site.Approval) }));

            // Calls of wrappers that reach the sites above: listed under the site they reach, not counted as sites.
            var indirect = sites.SelectMany(site => site.IndirectUses.Select(use => (Site: site, Use: use))).ToList();
            if (indirect.Count > 0)
            {
                Section(
                    writer,
                    "Indirect uses of the sites above",
                    indirect.Count,
                    new[] { "LOCATION", "MEMBER", "REACHES", "CHAIN" },
                    indirect.Select(pair => new[] { pair.Use.Location.ToString(), pair.Use.ShortMember, pair.Site.Location.ToString(), Truncate(pair.Use.Chain) }));
            }

            var others = result.OtherFindings.ToList();
            Section(
                writer,
                result.Baseline is null ? "Other findings" : "New other findings",
                others.Count,
                new[] { "RULE", "LEVEL", "STATUS", "LOCATION", "MEMBER", "MESSAGE" },
                others.Select(f => new[] { f.RuleId, f.Level, f.Status, f.Location.ToString(), f.ShortMember, Truncate(f.Message) }));

            if (result.Baseline is null)
            {
                Section(
                    writer,
                    "Approvals",
                    result.Approvals.Count,
                    new[] { "LOCATION", "TARGET", "OWNER", "EXPIRES", "STATE", "SITES", "JUSTIFICATION" },
                    result.Approvals.Select(a => new[]
                    {
                        a.Location.ToString(), a.ShortTarget, a.Owner ?? "-", a.Expires ?? "-", a.StateText,
                        a.SiteCount.ToString(CultureInfo.InvariantCulture), Truncate(a.Justification ?? "-"),
                    }));
            }

            var problems = result.Problems.Where(p => p.Kind != Problem.LoadWarning).ToList();
            if (problems.Count > 0)
            {
                Section(
                    writer,
                    "Not analysed or incomplete",
                    problems.Count,
                    new[] { "KIND", "PATH", "REASON" },
                    problems.Select(p => new[] { p.Kind, p.Path ?? "-", Truncate(p.Message) }));
            }

            var warnings = result.Problems.Where(p => p.Kind == Problem.LoadWarning).ToList();
            if (warnings.Count > 0)
            {
                Section(
                    writer,
                    "Load warnings (compiled without errors; nothing missing)",
                    warnings.Count,
                    new[] { "PATH", "MESSAGE" },
                    warnings.Select(p => new[] { p.Path ?? "-", Truncate(p.Message) }));
            }

            writer.WriteLine(summary.Sentence(result) + ".");
        }

        /// <summary>"team-kiosk, expires 2027-06-30", "no owner, expired 2024-01-31"...</summary>
        public static string ApprovalText(ApprovalEntry? approval)
        {
            if (approval is null)
            {
                return "-";
            }

            var owner = approval.Owner ?? "no owner";
            return approval.ExpiryState switch
            {
                ExpiryState.Active => $"{owner}, expires {approval.Expires}",
                ExpiryState.Expired => $"{owner}, expired {approval.Expires}",
                ExpiryState.Invalid => $"{owner}, invalid expiry \"{approval.Expires}\"",
                _ => $"{owner}, no expiry",
            };
        }

        /// <summary>Long text cut for a console line; the JSON and SARIF reports keep it whole.</summary>
        public static string Truncate(string text, int max = 120)
        {
            text = text.Replace('\n', ' ').Replace('\r', ' ');
            return text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
        }

        private static void Section(TextWriter writer, string title, int count, string[] headers, IEnumerable<string[]> rows)
        {
            writer.WriteLine($"{title} ({count})");
            var table = rows.ToList();
            if (table.Count == 0)
            {
                writer.WriteLine("  (none)");
                writer.WriteLine();
                return;
            }

            var widths = headers.Select((header, column) => Math.Max(header.Length, table.Max(row => row[column].Length))).ToArray();
            WriteRow(writer, headers, widths);
            foreach (var row in table)
            {
                WriteRow(writer, row, widths);
            }

            writer.WriteLine();
        }

        private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
        {
            // The last column is not padded: no trailing spaces.
            var padded = cells.Select((cell, column) => column == cells.Length - 1 ? cell : cell.PadRight(widths[column]));
            writer.WriteLine(("  " + string.Join("  ", padded)).TrimEnd());
        }
    }
}
