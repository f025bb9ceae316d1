using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using RopcAnalyzers.Inventory.Model;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>
    /// One self-contained HTML page for people who track the migration: counts, sites by project and by
    /// library, approvals on an expiry timeline, owners, and (with a baseline) what is new and what was retired.
    /// Charts are inline SVG; no script, font or stylesheet is fetched, so it reads offline and in a mail client.
    /// The markup is well-formed XML, and every number carries a data-* attribute, so tools (and tests) can read it.
    /// </summary>
    internal static class HtmlReport
    {
        private const string Style = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#222;max-width:75rem}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
            .meta{color:#666}.partial{background:#fff3cd;border:1px solid #e0b000;padding:.5rem 1rem}
            dl.counts{display:flex;flex-wrap:wrap;gap:1rem}dl.counts div{border:1px solid #ddd;border-radius:4px;padding:.5rem 1rem;min-width:8rem}
            dt{color:#666;font-size:.85rem}dd{margin:0;font-size:1.6rem;font-weight:600}
            table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f5f5f5}td.n{text-align:right}code{font-size:.85rem}
            .unapproved{color:#b71c1c}.approved{color:#1b5e20}.expired{color:#b71c1c}.soon{color:#e65100}
            svg text{font-size:12px;font-family:inherit}
            ul.indirect{margin:.25rem 0 0;padding-left:1rem;font-size:.85rem}
            """;

        private const string UnapprovedColour = "#c62828";
        private const string ApprovedColour = "#2e7d32";
        private const string SuppressedColour = "#ef6c00";

        public static void Write(InventoryResult result, TextWriter writer)
        {
            var summary = Summary.Of(result);
            var date = Date(result.ReferenceDate);
            writer.WriteLine("<!DOCTYPE html>");
            writer.WriteLine("<html lang=\"en\">");
            writer.WriteLine($"<head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width\"/><title>ROPC inventory: {E(result.Input)}</title><style>{Style}</style></head>");
            writer.WriteLine("<body>");
            writer.WriteLine($"<h1>ROPC inventory: {E(result.Input)}</h1>");
            writer.WriteLine($"<p class=\"meta\">Reference date <time data-reference-date=\"{date}\">{date}</time>, ropc-inventory {E(result.ToolVersion)}. {E(summary.Sentence(result))}.</p>");
            if (result.Partial is not null)
            {
                writer.WriteLine($"<p class=\"partial\" data-partial=\"true\"><strong>Partial inventory:</strong> {E(result.Partial)}. The projects not analysed are listed at the end.</p>");
            }

            Counts(writer, summary, result);
            var sites = result.Sites.ToList();
            BarSection(writer, "by-project", "Sites by project", "Project", sites.SelectMany(s => s.Projects.Select(ProjectNames.WithoutFramework).Distinct(StringComparer.Ordinal).Select(project => (Key: project, Site: s))));
            BarSection(writer, "by-library", "Sites by library", "Library", sites.Select(s => (Key: s.Site!.Library, Site: s)));
            if (result.Baseline is null)
            {
                Approvals(writer, result);
                Owners(writer, result);
            }
            else
            {
                BaselineSection(writer, result);
            }

            SiteList(writer, sites);
            Problems(writer, result);
            writer.WriteLine("</body>");
            writer.WriteLine("</html>");
        }

        private static void Counts(TextWriter writer, Summary summary, InventoryResult result)
        {
            writer.WriteLine("<section id=\"summary\"><h2>Summary</h2><dl class=\"counts\">");
            var counts = new List<(string Key, string Label, int Value)>
            {
                ("sites", "ROPC sites", summary.Sites),
                ("unapproved-sites", "Unapproved", summary.UnapprovedSites),
                ("approved-sites", "Approved", summary.ApprovedSites),
                ("suppressed-sites", "Suppressed", summary.SuppressedSites),
                ("other-findings", "Other findings", summary.OtherFindings),
                ("approvals", "Approvals", summary.Approvals),
                ("expired-approvals", "Expired approvals", summary.ExpiredApprovals),
                ("stale-approvals", "Stale approvals", summary.StaleApprovals),
                ("projects-analysed", "Projects analysed", summary.ProjectsAnalysed),
                ("skipped-projects", "Projects skipped", summary.SkippedProjects),
                ("incomplete-projects", "Projects incomplete", summary.IncompleteProjects),
            };
            if (result.Baseline is { } baseline)
            {
                counts.Add(("new", "New since the baseline", baseline.New));
                counts.Add(("retired", "Retired since the baseline", baseline.Fixed));
            }

            foreach (var (key, label, value) in counts)
            {
                writer.WriteLine($"<div><dt>{E(label)}</dt><dd data-count=\"{key}\">{N(value)}</dd></div>");
            }

            writer.WriteLine("</dl></section>");
        }

        /// <summary>A stacked horizontal bar per key (unapproved, approved, suppressed sites), then the same numbers as a table.</summary>
        private static void BarSection(TextWriter writer, string id, string title, string keyName, IEnumerable<(string Key, Finding Site)> keyed)
        {
            var rows = keyed.GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(group => (
                    Key: group.Key,
                    Unapproved: group.Count(pair => pair.Site.Suppression == SuppressionKind.None),
                    Approved: group.Count(pair => pair.Site.Suppression == SuppressionKind.Approved),
                    Suppressed: group.Count(pair => pair.Site.Suppression == SuppressionKind.InSource)))
                .OrderByDescending(row => row.Unapproved + row.Approved + row.Suppressed)
                .ThenBy(row => row.Key, StringComparer.Ordinal)
                .ToList();
            writer.WriteLine($"<section id=\"{id}\"><h2>{E(title)}</h2>");
            if (rows.Count == 0)
            {
                writer.WriteLine("<p>No ROPC site.</p></section>");
                return;
            }

            const int labelWidth = 260, barWidth = 420, rowHeight = 22;
            var max = Math.Max(1, rows.Max(row => row.Unapproved + row.Approved + row.Suppressed));
            var height = rows.Count * rowHeight + 24;
            writer.WriteLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{labelWidth + barWidth + 60}\" height=\"{height}\" aria-label=\"{E(title)}\">");
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var y = i * rowHeight;
                writer.WriteLine($"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{E(Shorten(row.Key, 40))}</text>");
                var x = (double)labelWidth;
                foreach (var (count, colour, state) in new[] { (row.Unapproved, UnapprovedColour, "unapproved"), (row.Approved, ApprovedColour, "approved"), (row.Suppressed, SuppressedColour, "suppressed") })
                {
                    if (count == 0)
                    {
                        continue;
                    }

                    var width = barWidth * (double)count / max;
                    writer.WriteLine($"<rect x=\"{F(x)}\" y=\"{y + 3}\" width=\"{F(width)}\" height=\"{rowHeight - 6}\" fill=\"{colour}\"><title>{E(row.Key)}: {count} {state}</title></rect>");
                    x += width;
                }

                writer.WriteLine($"<text x=\"{F(x + 4)}\" y=\"{y + 15}\">{row.Unapproved + row.Approved + row.Suppressed}</text>");
            }

            Legend(writer, height - 8, labelWidth, new[] { ("unapproved", UnapprovedColour), ("approved", ApprovedColour), ("suppressed", SuppressedColour) });
            writer.WriteLine("</svg>");
            writer.WriteLine($"<table data-table=\"{id}\"><thead><tr><th>{E(keyName)}</th><th>Sites</th><th>Unapproved</th><th>Approved</th><th>Suppressed</th></tr></thead><tbody>");
            foreach (var row in rows)
            {
                writer.WriteLine($"<tr data-key=\"{E(row.Key)}\"><td>{E(row.Key)}</td><td class=\"n\" data-sites=\"{row.Unapproved + row.Approved + row.Suppressed}\">{row.Unapproved + row.Approved + row.Suppressed}</td><td class=\"n\" data-unapproved=\"{row.Unapproved}\">{row.Unapproved}</td><td class=\"n\" data-approved=\"{row.Approved}\">{row.Approved}</td><td class=\"n\" data-suppressed=\"{row.Suppressed}\">{row.Suppressed}</td></tr>");
            }

            writer.WriteLine("</tbody></table></section>");
        }

        /// <summary>
        /// The approvals on a time axis by expiry date, with the reference date and the end of its quarter marked:
        /// what has expired, what expires this quarter, what later, and what has no (valid) expiry.
        /// </summary>
        private static void Approvals(TextWriter writer, InventoryResult result)
        {
            var reference = result.ReferenceDate;
            var quarterEnd = QuarterEnd(reference);
            var approvals = result.Approvals.ToList();
            var groups = approvals.GroupBy(a => Bucket(a, quarterEnd)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            writer.WriteLine("<section id=\"approvals\"><h2>Approvals by expiry</h2>");
            writer.WriteLine("<dl class=\"counts\">");
            foreach (var (key, label) in new[] { ("expired", "Expired"), ("this-quarter", $"Expire by {Date(quarterEnd)}"), ("later", "Expire later"), ("no-expiry", "No valid expiry") })
            {
                writer.WriteLine($"<div><dt>{E(label)}</dt><dd data-expiry=\"{key}\">{groups.GetValueOrDefault(key)}</dd></div>");
            }

            writer.WriteLine("</dl>");
            var dated = approvals.Where(a => a.ExpiryDate is not null).OrderBy(a => a.ExpiryDate).ToList();
            if (dated.Count > 0)
            {
                const int left = 20, width = 660, height = 90, axis = 50;
                var first = new[] { dated[0].ExpiryDate!.Value, reference }.Min().AddDays(-15);
                var last = new[] { dated[^1].ExpiryDate!.Value, quarterEnd }.Max().AddDays(15);
                var span = Math.Max(1, last.DayNumber - first.DayNumber);
                double X(DateOnly day) => left + width * (double)(day.DayNumber - first.DayNumber) / span;
                writer.WriteLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{left * 2 + width}\" height=\"{height}\" aria-label=\"Approvals by expiry date\">");
                writer.WriteLine($"<rect x=\"{F(X(reference))}\" y=\"10\" width=\"{F(Math.Max(1, X(quarterEnd) - X(reference)))}\" height=\"{axis - 10}\" fill=\"#fff3e0\"><title>This quarter: {Date(reference)} to {Date(quarterEnd)}</title></rect>");
                writer.WriteLine($"<line x1=\"{left}\" y1=\"{axis}\" x2=\"{left + width}\" y2=\"{axis}\" stroke=\"#888\"/>");
                writer.WriteLine($"<line x1=\"{F(X(reference))}\" y1=\"5\" x2=\"{F(X(reference))}\" y2=\"{axis + 5}\" stroke=\"#000\" stroke-dasharray=\"3,2\"/>");
                writer.WriteLine($"<text x=\"{F(X(reference))}\" y=\"{axis + 20}\" text-anchor=\"middle\">{Date(reference)}</text>");
                writer.WriteLine($"<text x=\"{left}\" y=\"{axis + 38}\">{Date(first)}</text><text x=\"{left + width}\" y=\"{axis + 38}\" text-anchor=\"end\">{Date(last)}</text>");
                var stacked = new Dictionary<int, int>();
                foreach (var approval in dated)
                {
                    var x = X(approval.ExpiryDate!.Value);
                    var slot = (int)(x / 8);
                    var level = stacked.GetValueOrDefault(slot);
                    stacked[slot] = level + 1;
                    var colour = Bucket(approval, quarterEnd) switch { "expired" => UnapprovedColour, "this-quarter" => SuppressedColour, _ => ApprovedColour };
                    writer.WriteLine($"<circle cx=\"{F(x)}\" cy=\"{axis - 8 - level * 9}\" r=\"4\" fill=\"{colour}\"><title>{E(approval.ShortTarget)} ({E(approval.Owner ?? "no owner")}): expires {E(approval.Expires ?? string.Empty)}</title></circle>");
                }

                writer.WriteLine("</svg>");
            }

            writer.WriteLine("<table data-table=\"approvals\"><thead><tr><th>Expires</th><th>State</th><th>Owner</th><th>Target</th><th>Sites</th><th>Location</th><th>Justification</th></tr></thead><tbody>");
            foreach (var approval in approvals.OrderBy(a => a.ExpiryDate ?? DateOnly.MaxValue).ThenBy(a => a.Location.Path, StringComparer.Ordinal).ThenBy(a => a.Location.Line))
            {
                var bucket = Bucket(approval, quarterEnd);
                var css = bucket switch { "expired" => " class=\"expired\"", "this-quarter" => " class=\"soon\"", _ => string.Empty };
                writer.WriteLine($"<tr data-expiry=\"{bucket}\"{css}><td>{E(approval.Expires ?? "-")}</td><td>{E(approval.StateText)}</td><td>{E(approval.Owner ?? "-")}</td><td><code>{E(approval.ShortTarget)}</code></td><td class=\"n\">{approval.SiteCount}</td><td><code>{E(approval.Location.ToString())}</code></td><td>{E(approval.Justification ?? "-")}</td></tr>");
            }

            writer.WriteLine("</tbody></table></section>");
        }

        private static void Owners(TextWriter writer, InventoryResult result)
        {
            var quarterEnd = QuarterEnd(result.ReferenceDate);
            var owners = result.Approvals.GroupBy(a => a.Owner ?? "(no owner)", StringComparer.Ordinal)
                .Select(group => (
                    Owner: group.Key,
                    Approvals: group.Count(),
                    Sites: group.Sum(a => a.SiteCount),
                    Expired: group.Count(a => a.ExpiryState == ExpiryState.Expired),
                    ThisQuarter: group.Count(a => Bucket(a, quarterEnd) == "this-quarter"),
                    Next: group.Where(a => a.ExpiryState == ExpiryState.Active).Select(a => a.ExpiryDate).Min()))
                .OrderByDescending(row => row.Sites)
                .ThenBy(row => row.Owner, StringComparer.Ordinal)
                .ToList();
            writer.WriteLine("<section id=\"owners\"><h2>Owners</h2>");
            if (owners.Count == 0)
            {
                writer.WriteLine("<p>No approval.</p></section>");
                return;
            }

            writer.WriteLine("<table data-table=\"owners\"><thead><tr><th>Owner</th><th>Approvals</th><th>Sites approved</th><th>Expired</th><th>Expire this quarter</th><th>Next expiry</th></tr></thead><tbody>");
            foreach (var row in owners)
            {
                writer.WriteLine($"<tr data-owner=\"{E(row.Owner)}\"><td>{E(row.Owner)}</td><td class=\"n\" data-approvals=\"{row.Approvals}\">{row.Approvals}</td><td class=\"n\" data-sites=\"{row.Sites}\">{row.Sites}</td><td class=\"n\" data-expired=\"{row.Expired}\">{row.Expired}</td><td class=\"n\">{row.ThisQuarter}</td><td>{(row.Next is { } next ? Date(next) : "-")}</td></tr>");
            }

            writer.WriteLine("</tbody></table></section>");
        }

        private static void BaselineSection(TextWriter writer, InventoryResult result)
        {
            writer.WriteLine("<section id=\"baseline\"><h2>Since the baseline</h2>");
            writer.WriteLine($"<p>Baseline <code>{E(Path.GetFileName(result.Baseline!.Path))}</code>: {result.Baseline.New} new, {result.Baseline.Known} known, {result.Baseline.Fixed} retired.</p>");
            writer.WriteLine("<h3>New</h3>");
            Rows(writer, "new", result.Findings.Select(f => (f.RuleId, f.Location.ToString(), f.ShortMember, f.Site?.Description ?? f.Message)));
            writer.WriteLine("<h3>Retired (migrated, or moved to another member or file)</h3>");
            Rows(writer, "retired", result.Retired.Select(r => (r.RuleId, r.Path, r.Member, r.Message)));
            writer.WriteLine("</section>");
        }

        private static void Rows(TextWriter writer, string id, IEnumerable<(string Rule, string Location, string Member, string What)> rows)
        {
            var list = rows.ToList();
            if (list.Count == 0)
            {
                writer.WriteLine($"<p data-table=\"{id}\">None.</p>");
                return;
            }

            writer.WriteLine($"<table data-table=\"{id}\"><thead><tr><th>Rule</th><th>Location</th><th>Member</th><th>What</th></tr></thead><tbody>");
            foreach (var (rule, location, member, what) in list)
            {
                writer.WriteLine($"<tr><td>{E(rule)}</td><td><code>{E(location)}</code></td><td><code>{E(member)}</code></td><td>{E(what)}</td></tr>");
            }

            writer.WriteLine("</tbody></table>");
        }

        private static void SiteList(TextWriter writer, IReadOnlyList<Finding> sites)
        {
            writer.WriteLine("<section id=\"sites\"><h2>ROPC sites</h2>");
            if (sites.Count == 0)
            {
                writer.WriteLine("<p>None.</p></section>");
                return;
            }

            writer.WriteLine("<table data-table=\"sites\"><thead><tr><th>Status</th><th>Location</th><th>Member</th><th>What</th><th>Indirect uses</th><th>Approval</th><th>Projects</th></tr></thead><tbody>");
            foreach (var site in sites.OrderBy(s => s.Suppression == SuppressionKind.Approved ? 1 : 0))
            {
                writer.WriteLine($"<tr data-status=\"{site.Status}\" data-fingerprint=\"{site.Fingerprint}\"><td class=\"{(site.Suppression == SuppressionKind.Approved ? "approved" : "unapproved")}\">{site.Status}</td><td><code>{E(site.Location.ToString())}</code></td><td><code>{E(site.ShortMember)}</code></td><td>{E(site.Site!.Description)}</td><td data-indirect-uses=\"{site.IndirectUses.Count}\">{IndirectUses(site)}</td><td>{E(TableReport.ApprovalText(site.Approval))}</td><td>{E(string.Join(", ", site.Projects))}</td></tr>");
            }

            writer.WriteLine("</tbody></table></section>");
        }

        /// <summary>The count, then one line per call of a wrapper that reaches the site: where, in which member, and the chain.</summary>
        private static string IndirectUses(Finding site)
        {
            if (site.IndirectUses.Count == 0)
            {
                return "0";
            }

            var items = site.IndirectUses.Select(use => $"<li data-indirect-use=\"{E(use.Location.ToString())}\"><code>{E(use.Location.ToString())}</code> in <code>{E(use.ShortMember)}</code>: {E(use.Chain)}</li>");
            return $"{site.IndirectUses.Count}<ul class=\"indirect\">{string.Concat(items)}</ul>";
        }

        private static void Problems(TextWriter writer, InventoryResult result)
        {
            if (result.Problems.Count == 0)
            {
                return;
            }

            writer.WriteLine("<section id=\"problems\"><h2>Not analysed, incomplete, or warned about</h2>");
            writer.WriteLine("<table data-table=\"problems\"><thead><tr><th>Kind</th><th>Path</th><th>Reason</th></tr></thead><tbody>");
            foreach (var problem in result.Problems)
            {
                writer.WriteLine($"<tr data-kind=\"{E(problem.Kind)}\"><td>{E(problem.Kind)}</td><td><code>{E(problem.Path ?? "-")}</code></td><td>{E(problem.Message)}</td></tr>");
            }

            writer.WriteLine("</tbody></table></section>");
        }

        private static void Legend(TextWriter writer, int y, int x, IEnumerable<(string Label, string Colour)> entries)
        {
            foreach (var (label, colour) in entries)
            {
                writer.WriteLine($"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{x + 14}\" y=\"{y}\">{label}</text>");
                x += 100;
            }
        }

        /// <summary>"expired", "this-quarter" (by the end of the reference date's quarter), "later" or "no-expiry".</summary>
        private static string Bucket(ApprovalEntry approval, DateOnly quarterEnd) => approval switch
        {
            { ExpiryState: ExpiryState.Expired } => "expired",
            { ExpiryState: ExpiryState.Active, ExpiryDate: { } date } when date <= quarterEnd => "this-quarter",
            { ExpiryState: ExpiryState.Active } => "later",
            _ => "no-expiry",
        };

        private static DateOnly QuarterEnd(DateOnly day)
        {
            var lastMonth = ((day.Month - 1) / 3 * 3) + 3;
            return new DateOnly(day.Year, lastMonth, DateTime.DaysInMonth(day.Year, lastMonth));
        }

        private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];

        private static string E(string text) => WebUtility.HtmlEncode(text);

        private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
