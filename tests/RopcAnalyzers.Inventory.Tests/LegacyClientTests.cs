using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>
    /// The tool on the repository's own legacy sample, given as a folder, the way the README runs it. The sample is
    /// restored by the tool (from the packages the test projects already restored: audit off, so nothing is
    /// fetched).
    /// </summary>
    public sealed class LegacyClientFixture : IDisposable
    {
        public LegacyClientFixture()
        {
            Reports = new TempDirectory();
            Run = InventoryTool.Run(
                InventoryTool.RepositoryRoot,
                Path.Combine("samples", "LegacyClient"),
                "--restore",
                "-p", "NuGetAudit=false",
                "--reference-date", "2026-01-15",
                "--fail-on-findings",
                "--format", "json",
                "--output", Reports["legacy.txt"],
                "--output", Reports["legacy.md"],
                "--output", Reports["legacy.sarif"]);
            Json = Run.StdoutJson;
            Table = File.ReadAllText(Reports["legacy.txt"]);
            Markdown = File.ReadAllText(Reports["legacy.md"]);
            Sarif = JsonDocument.Parse(File.ReadAllText(Reports["legacy.sarif"])).RootElement;
            ApiSessionSource = File.ReadAllText(Path.Combine(InventoryTool.RepositoryRoot, "samples", "LegacyClient", "ApiSession.cs"));
        }

        public TempDirectory Reports { get; }

        public ToolRun Run { get; }

        public JsonElement Json { get; }

        public string Table { get; }

        public string Markdown { get; }

        public JsonElement Sarif { get; }

        public string ApiSessionSource { get; }

        /// <summary>Where the sample calls RequestPasswordTokenAsync: the invocation starts at its receiver.</summary>
        public (int Line, int Column) RequestSite => SourcePosition.Of(ApiSessionSource, "http.RequestPasswordTokenAsync(");

        /// <summary>Where Program.cs creates the session, as "Program.cs:line:column".</summary>
        public string SessionCreation
        {
            get
            {
                var (line, column) = SourcePosition.Of(File.ReadAllText(Path.Combine(InventoryTool.RepositoryRoot, "samples", "LegacyClient", "Program.cs")), "new ApiSession(http, tokenEndpoint, userName, password)");
                return $"Program.cs:{line}:{column}";
            }
        }

        public void Dispose() => Reports.Dispose();
    }

    public sealed class LegacyClientTests : IClassFixture<LegacyClientFixture>
    {
        private readonly LegacyClientFixture fixture;

        public LegacyClientTests(LegacyClientFixture fixture)
        {
            this.fixture = fixture;
        }

        [Fact]
        public void FailOnFindings_WithTheUnapprovedSite_ExitsWithOne_AndAnalysesOnlyTheSample()
        {
            Assert.True(fixture.Run.ExitCode == 1, fixture.Run.ToString());
            Assert.Contains(" (--fail-on-findings).", fixture.Run.Stderr, StringComparison.Ordinal);
            Assert.Equal("LegacyClient.csproj", fixture.Json.GetProperty("input").GetString());
            Assert.Equal(new[] { "LegacyClient" }, fixture.Json.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToArray());
            Assert.Empty(fixture.Json.GetProperty("problems").EnumerateArray());
            Assert.Contains("[1/1] LegacyClient (net10.0): 1 ROPC site", fixture.Run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void Json_ListsTheUnapprovedRequestPasswordTokenAsyncSite()
        {
            var site = Assert.Single(fixture.Json.GetProperty("sites").EnumerateArray());
            Assert.Equal("ROPC001", site.GetProperty("ruleId").GetString());
            Assert.Equal("unapproved", site.GetProperty("status").GetString());
            Assert.Equal("ApiSession.cs", site.GetProperty("path").GetString());
            Assert.Equal(fixture.RequestSite.Line, site.GetProperty("line").GetInt32());
            Assert.Equal(fixture.RequestSite.Column, site.GetProperty("column").GetInt32());
            Assert.Equal("LegacyClient.ApiSession.LogInAsync()", site.GetProperty("member").GetString());
            Assert.Equal("IdentityModel", site.GetProperty("library").GetString());
            Assert.Equal("RequestPasswordTokenAsync", site.GetProperty("api").GetString());
            Assert.Equal("IdentityModel RequestPasswordTokenAsync", site.GetProperty("description").GetString());
            Assert.False(site.TryGetProperty("approval", out _));
            Assert.Empty(fixture.Json.GetProperty("approvals").EnumerateArray());
        }

        [Fact]
        public void Json_RunsEveryAnalyzerOfThePackage()
        {
            // Every analyzer file in src/RopcAnalyzers/Rules (RopcUseAnalyzer runs several rules) and every suppressor: the tool discovers each from the assembly.
            var analyzersFolder = Path.Combine(InventoryTool.RepositoryRoot, "src", "RopcAnalyzers");
            var expected = Directory.EnumerateFiles(Path.Combine(analyzersFolder, "Rules"), "*Analyzer.cs")
                .Concat(Directory.EnumerateFiles(analyzersFolder, "*Suppressor.cs", SearchOption.AllDirectories))
                .Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Contains("RopcUseAnalyzer", expected);
            Assert.Equal(expected, fixture.Json.GetProperty("analyzers").EnumerateArray().Select(a => a.GetString()).ToArray());
        }

        [Fact]
        public void Table_ShowsTheSiteRow()
        {
            var (line, column) = fixture.RequestSite;
            Assert.Matches(new Regex($@"^  unapproved +ApiSession\.cs:{line}:{column} +ApiSession\.LogInAsync +IdentityModel RequestPasswordTokenAsync +1 +-$", RegexOptions.Multiline), fixture.Table);
            Assert.Contains("ROPC sites (1)", fixture.Table, StringComparison.Ordinal);

            // Program.cs creates the session that keeps the password LogInAsync sends: an indirect use, not a site.
            Assert.Contains("Indirect uses of the sites above (1)", fixture.Table, StringComparison.Ordinal);
            Assert.Matches(new Regex($@"^  {Regex.Escape(fixture.SessionCreation)} +Program \(top-level\) +ApiSession\.cs:{line}:{column} +Program \(top-level\) → new ApiSession → ApiSession\.LogInAsync → IdentityModel RequestPasswordTokenAsync$", RegexOptions.Multiline), fixture.Table);
            Assert.Contains("1 ROPC site (1 unapproved, 0 approved)", fixture.Table, StringComparison.Ordinal);
        }

        [Fact]
        public void Markdown_HasAnOpenTaskForTheSite()
        {
            var (line, column) = fixture.RequestSite;
            Assert.Contains(
                $"- [ ] `ApiSession.cs:{line}:{column}` in `LegacyClient.ApiSession.LogInAsync()`: IdentityModel RequestPasswordTokenAsync, **unapproved**; 1 indirect use:\n"
                + $"  - `{fixture.SessionCreation}` in `Program (top-level)`: Program (top-level) → new ApiSession → ApiSession.LogInAsync → IdentityModel RequestPasswordTokenAsync\n",
                fixture.Markdown,
                StringComparison.Ordinal);
            Assert.StartsWith("# ROPC migration: LegacyClient.csproj\n", fixture.Markdown, StringComparison.Ordinal);
        }

        [Fact]
        public void Sarif_IsVersion210_WithEveryRuleDocumented_AndTheSiteAsAResult()
        {
            var log = fixture.Sarif;
            Assert.Equal("2.1.0", log.GetProperty("version").GetString());
            Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", log.GetProperty("$schema").GetString());
            var run = Assert.Single(log.GetProperty("runs").EnumerateArray());
            var driver = run.GetProperty("tool").GetProperty("driver");
            Assert.Equal("ropc-inventory", driver.GetProperty("name").GetString());

            // Every rule of rules.md (kept in line with the descriptors by the meta-tests), with its help link.
            var rulesDoc = File.ReadAllText(Path.Combine(InventoryTool.RepositoryRoot, "rules.md"));
            var headings = Regex.Matches(rulesDoc, @"^## (ROPC\d{3}): (.+)$", RegexOptions.Multiline).Select(m => (Id: m.Groups[1].Value, Title: m.Groups[2].Value.TrimEnd('\r'))).ToList();
            var rules = driver.GetProperty("rules").EnumerateArray().ToList();
            Assert.Equal(headings.Select(h => h.Id).ToArray(), rules.Select(r => r.GetProperty("id").GetString()).ToArray());
            foreach (var (rule, heading) in rules.Zip(headings))
            {
                Assert.Equal(heading.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
                Assert.StartsWith("https://github.com/RopcAnalyzers/RopcAnalyzers/blob/main/rules.md#" + heading.Id.ToLowerInvariant() + "-", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
            }

            // Other rules (the stored password: ROPC002) add their own results as the package grows.
            var result = Assert.Single(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ROPC001");
            Assert.Equal(0, result.GetProperty("ruleIndex").GetInt32());
            Assert.Equal("warning", result.GetProperty("level").GetString());
            Assert.False(result.TryGetProperty("suppressions", out _));
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("ApiSession.cs", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(fixture.RequestSite.Line, physical.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(fixture.RequestSite.Column, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
            Assert.Equal(
                fixture.Json.GetProperty("sites")[0].GetProperty("fingerprint").GetString(),
                result.GetProperty("partialFingerprints").GetProperty("ropcInventory/v1").GetString());
            Assert.EndsWith("/samples/LegacyClient/", run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString(), StringComparison.Ordinal);
        }
    }
}
