using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>
    /// The HTML report of the generated solution (same run as the other reports), read as the XML it is, checked
    /// number by number against the JSON report; then 'ropc-inventory merge' over two copies of that JSON.
    /// </summary>
    public sealed partial class GeneratedSolutionTests
    {

        [Fact]
        public void Html_IsSelfContained_NoScriptNoExternalResource_WithInlineSvgCharts()
        {
            var html = Parse(fixture.Html);
            Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", fixture.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(html.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe");
            Assert.DoesNotContain(html.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href");
            Assert.Equal(3, html.Descendants().Count(e => e.Name.LocalName == "svg"));
            Assert.Equal("2027-07-01", html.Descendants().Single(e => e.Attribute("data-reference-date") is not null).Value);
        }

        [Fact]
        public void Html_SummaryNumbers_AreTheJsonSummary()
        {
            var counts = Parse(fixture.Html).Descendants().Where(e => e.Attribute("data-count") is not null)
                .ToDictionary(e => e.Attribute("data-count")!.Value, e => int.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture));
            var summary = Json.GetProperty("summary");
            foreach (var (key, property) in new[]
            {
                ("sites", "sites"), ("unapproved-sites", "unapprovedSites"), ("approved-sites", "approvedSites"), ("suppressed-sites", "suppressedSites"),
                ("other-findings", "otherFindings"), ("approvals", "approvals"), ("expired-approvals", "expiredApprovals"), ("stale-approvals", "staleApprovals"),
                ("projects-analysed", "projectsAnalysed"), ("skipped-projects", "skippedProjects"), ("incomplete-projects", "incompleteProjects"),
            })
            {
                Assert.True(summary.GetProperty(property).GetInt32() == counts[key], $"{key}: {counts[key]} in HTML, {summary.GetProperty(property)} in JSON");
            }

            Assert.Equal(6, counts["sites"]);
        }

        [Fact]
        public void Html_SitesByProjectAndByLibrary_CountTheJsonSites()
        {
            var html = Parse(fixture.Html);
            var sites = Json.GetProperty("sites").EnumerateArray().ToList();
            var byProject = Rows(html, "by-project");
            Assert.Equal(new[] { "Orders", "Kiosk" }, byProject.Keys.ToArray());
            foreach (var (project, row) in byProject)
            {
                var mine = sites.Where(s => s.GetProperty("projects").EnumerateArray().Any(p => p.GetString() == project)).ToList();
                Assert.Equal(mine.Count, row["sites"]);
                Assert.Equal(mine.Count(s => s.GetProperty("status").GetString() == "unapproved"), row["unapproved"]);
                Assert.Equal(mine.Count(s => s.GetProperty("status").GetString() == "approved"), row["approved"]);
                Assert.Equal(mine.Count(s => s.GetProperty("status").GetString() == "suppressed"), row["suppressed"]);
            }

            var byLibrary = Rows(html, "by-library");
            Assert.Equal(
                sites.GroupBy(s => s.GetProperty("library").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())),
                byLibrary.Select(pair => (pair.Key, pair.Value["sites"])).OrderBy(pair => pair.Key, StringComparer.Ordinal));
        }

        [Fact]
        public void Html_ApprovalsTimelineAndOwners_AgreeWithTheJsonApprovals()
        {
            var html = Parse(fixture.Html);
            var approvals = Json.GetProperty("approvals").EnumerateArray().ToList();

            // Reference date 2027-07-01: its quarter ends 2027-09-30.
            var buckets = html.Descendants().Where(e => e.Name.LocalName == "dd" && e.Attribute("data-expiry") is not null).ToDictionary(e => e.Attribute("data-expiry")!.Value, e => int.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(approvals.Count(a => a.GetProperty("expiryState").GetString() == "expired"), buckets["expired"]);
            Assert.Equal(0, buckets["this-quarter"]);
            Assert.Equal(1, buckets["later"]);
            Assert.Equal(approvals.Count(a => a.GetProperty("expiryState").GetString() is "none" or "invalid"), buckets["no-expiry"]);
            var rows = Table(html, "approvals").Elements().Where(e => e.Name.LocalName == "tr").ToList();
            Assert.Equal(approvals.Count, rows.Count);
            Assert.Equal(new[] { "expired", "later", "no-expiry" }, rows.Select(r => r.Attribute("data-expiry")!.Value).ToArray());

            var owners = Table(html, "owners").Elements().Where(e => e.Name.LocalName == "tr")
                .ToDictionary(r => r.Attribute("data-owner")!.Value, r => Cell(r, "data-sites"));
            foreach (var owner in approvals.GroupBy(a => a.TryGetProperty("owner", out var o) ? o.GetString()! : "(no owner)"))
            {
                Assert.Equal(owner.Sum(a => a.GetProperty("sites").GetInt32()), owners[owner.Key]);
            }
        }

        [Fact]
        public void Merge_TwoInventories_PrefixesPathsAndAddsTheCounts()
        {
            using var folder = new TempDirectory();
            File.WriteAllText(folder["shop.json"], fixture.Run.Stdout);
            File.WriteAllText(folder["billing.json"], fixture.Run.Stdout);
            var run = InventoryTool.Run(folder.Path, "merge", "shop.json", "billing.json", "--reference-date", "2027-07-01", "--format", "json", "--output", "all.html", "--output", "all.md");
            Assert.True(run.ExitCode == 0, run.ToString());
            var merged = run.StdoutJson;
            Assert.Equal("2 inventories (shop/Shop.sln, billing/Shop.sln)", merged.GetProperty("input").GetString());
            var summary = merged.GetProperty("summary");
            foreach (var property in new[] { "sites", "unapprovedSites", "approvedSites", "approvals", "expiredApprovals", "staleApprovals", "projectsAnalysed", "skippedProjects", "skippedDocuments", "gatingFindings" })
            {
                Assert.True(2 * Json.GetProperty("summary").GetProperty(property).GetInt32() == summary.GetProperty(property).GetInt32(), property);
            }

            var paths = merged.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("path").GetString()!).ToList();
            Assert.Equal(Json.GetProperty("sites").EnumerateArray().Select(s => "billing/" + s.GetProperty("path").GetString()).Concat(Json.GetProperty("sites").EnumerateArray().Select(s => "shop/" + s.GetProperty("path").GetString())), paths);
            Assert.Contains("shop/Kiosk", merged.GetProperty("projects").EnumerateArray().Select(p => p.GetString()));
            var approved = merged.GetProperty("sites").EnumerateArray().First(s => s.GetProperty("status").GetString() == "approved");
            Assert.StartsWith("billing/Kiosk/KioskLogin.cs", approved.GetProperty("approval").GetProperty("path").GetString(), StringComparison.Ordinal);

            var html = Parse(File.ReadAllText(folder["all.html"]));
            Assert.Equal(new[] { "billing/Orders", "shop/Orders", "billing/Kiosk", "shop/Kiosk" }.OrderBy(k => k, StringComparer.Ordinal), Rows(html, "by-project").Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.StartsWith("# ROPC migration: 2 inventories", File.ReadAllText(folder["all.md"]), StringComparison.Ordinal);
        }

        [Fact]
        public void Merge_NotAnInventory_ExitsTwo()
        {
            using var folder = new TempDirectory();
            folder.Write("other.json", "{ \"sites\": [] }");
            var run = InventoryTool.Run(folder.Path, "merge", "other.json");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"error: '{folder["other.json"]}' is not a ropc-inventory JSON report", run.Stderr, StringComparison.Ordinal);
        }

        private static XElement Parse(string html)
            => XDocument.Load(XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore })).Root!;

        private static XElement Table(XElement html, string id)
            => html.Descendants().Single(e => e.Name.LocalName == "table" && e.Attribute("data-table")?.Value == id).Descendants().Single(e => e.Name.LocalName == "tbody");

        private static Dictionary<string, Dictionary<string, int>> Rows(XElement html, string id)
            => Table(html, id).Elements().ToDictionary(
                row => row.Attribute("data-key")!.Value,
                row => new[] { "sites", "unapproved", "approved", "suppressed" }.ToDictionary(name => name, name => Cell(row, "data-" + name)));

        private static int Cell(XElement row, string attribute)
            => int.Parse(row.Elements().Single(cell => cell.Attribute(attribute) is not null).Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
