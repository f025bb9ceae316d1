using System.Globalization;
using System.IO;
using System.Linq;
using RopcAnalyzers.Inventory.Model;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>
    /// The inventory as the body of a migration tracking issue: a task per ROPC site (unapproved first, so the
    /// work left is on top), then the other findings, the approvals and what was not analysed.
    /// </summary>
    internal static class MarkdownReport
    {
        public static void Write(InventoryResult result, TextWriter writer)
        {
            var summary = Summary.Of(result);
            var date = result.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (result.Partial is not null)
            {
                writer.WriteLine($"> **Partial inventory**: {Escape(result.Partial)}. The projects not analysed are listed at the end.");
                writer.WriteLine();
            }

            if (result.Baseline is { } baseline)
            {
                writer.WriteLine($"# New ROPC findings: {result.Input}");
                writer.WriteLine();
                writer.WriteLine($"Compared with the baseline `{Path.GetFileName(baseline.Path)}` on {date}: {summary.Sentence(result)}.");
            }
            else
            {
                writer.WriteLine($"# ROPC migration: {result.Input}");
                writer.WriteLine();
                writer.WriteLine($"Inventory of {date} by ropc-inventory {result.ToolVersion}: {summary.Sentence(result)}.");
                writer.WriteLine();
                writer.WriteLine("| ROPC sites | Unapproved | Approved | Other findings | Approvals | Expired | Stale |");
                writer.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
                writer.WriteLine($"| {summary.Sites} | {summary.UnapprovedSites} | {summary.ApprovedSites} | {summary.OtherFindings} | {summary.Approvals} | {summary.ExpiredApprovals} | {summary.StaleApprovals} |");
            }

            writer.WriteLine();
            writer.WriteLine(result.Baseline is null ? "## ROPC sites to migrate" : "## New ROPC sites");
            writer.WriteLine();
            var sites = result.Sites.OrderBy(s => s.Suppression == SuppressionKind.Approved ? 1 : 0).ToList();
            if (sites.Count == 0)
            {
                writer.WriteLine("None.");
            }

            foreach (var site in sites)
            {
                var state = site.Suppression switch
                {
                    SuppressionKind.Approved => $"approved ({TableReport.ApprovalText(site.Approval)})",
                    SuppressionKind.InSource => "**unapproved**, diagnostic suppressed in source",
                    _ => "**unapproved**",
                };
                var uses = site.IndirectUses.Count == 0 ? string.Empty : $"; {Summary.Count(site.IndirectUses.Count, "indirect use")}:";
                writer.WriteLine($"- [ ] {Code(site.Location.ToString())} in {Code(site.Member)}: {Escape(site.Site!.Description)}, {state}{uses}");
                foreach (var use in site.IndirectUses)
                {
                    writer.WriteLine($"  - {Code(use.Location.ToString())} in {Code(use.ShortMember)}: {Escape(use.Chain)}");
                }
            }

            var others = result.OtherFindings.ToList();
            writer.WriteLine();
            writer.WriteLine(result.Baseline is null ? "## Other findings" : "## New other findings");
            writer.WriteLine();
            if (others.Count == 0)
            {
                writer.WriteLine("None.");
            }
            else
            {
                writer.WriteLine("| Rule | Level | Status | Location | Member | Message |");
                writer.WriteLine("|---|---|---|---|---|---|");
                foreach (var finding in others)
                {
                    writer.WriteLine($"| {finding.RuleId} | {finding.Level} | {finding.Status} | {Code(finding.Location.ToString())} | {Code(finding.Member)} | {Escape(finding.Message)} |");
                }
            }

            if (result.Baseline is null)
            {
                writer.WriteLine();
                writer.WriteLine("## Approvals");
                writer.WriteLine();
                if (result.Approvals.Count == 0)
                {
                    writer.WriteLine("None.");
                }
                else
                {
                    writer.WriteLine("| Location | Target | Owner | Expires | State | Sites | Justification |");
                    writer.WriteLine("|---|---|---|---|---|---:|---|");
                    foreach (var approval in result.Approvals)
                    {
                        writer.WriteLine($"| {Code(approval.Location.ToString())} | {Code(approval.Target)} | {Escape(approval.Owner ?? "-")} | {Escape(approval.Expires ?? "-")} | {approval.StateText} | {approval.SiteCount} | {Escape(approval.Justification ?? "-")} |");
                    }
                }
            }

            if (result.Problems.Count > 0)
            {
                writer.WriteLine();
                writer.WriteLine("## Not analysed or incomplete");
                writer.WriteLine();
                foreach (var problem in result.Problems)
                {
                    writer.WriteLine($"- {(problem.Path is null ? string.Empty : Code(problem.Path) + ": ")}{Escape(problem.Message)} ({problem.Kind})");
                }
            }
        }

        /// <summary>A code span that survives backticks in the text.</summary>
        private static string Code(string text)
        {
            text = text.Replace('\n', ' ').Replace('\r', ' ').Replace("|", "\\|", System.StringComparison.Ordinal);
            return text.Contains('`', System.StringComparison.Ordinal) ? $"`` {text} ``" : $"`{text}`";
        }

        /// <summary>Plain text in a table cell or list item: no line breaks, no column separators, no accidental markup.</summary>
        private static string Escape(string text)
        {
            var escaped = text.Replace('\n', ' ').Replace('\r', ' ');
            foreach (var special in new[] { "\\", "|", "*", "_", "`", "<", ">", "[", "]" })
            {
                escaped = escaped.Replace(special, "\\" + special, System.StringComparison.Ordinal);
            }

            return escaped;
        }
    }
}
