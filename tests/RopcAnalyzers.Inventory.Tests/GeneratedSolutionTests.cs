using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>
    /// A solution of the kind a migrating team has: Orders sends the password grant unapproved (and hides one use
    /// behind #pragma), Kiosk has approved uses (one approval expired on the reference date, one stale) and a
    /// source file that does not exist, a file shared by both projects, a team wrapper configured in
    /// .globalconfig, and a project MSBuild cannot load. The tool runs once; the tests read its four reports.
    /// </summary>
    public sealed class GeneratedSolutionFixture : IDisposable
    {
        public const string KioskLogin = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using RopcAnalyzers;

            namespace Kiosk
            {
                public sealed class KioskLogin
                {
                    [TrustedLegacyRopc("First-party kiosk; the IdP has no browser flow for it yet", Owner = "team-kiosk", Expires = "2099-12-31")]
                    public Task<HttpResponseMessage> SignInAsync(HttpClient http, string user, string password)
                        => http.PostAsync("https://login.example.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["grant_type"] = "password",
                            ["username"] = user,
                            ["password"] = password,
                        }));

                    [TrustedLegacyRopc("Batch import signs in as the import account", Owner = "team-import", Expires = "2027-06-30")]
                    public Task<HttpResponseMessage> ImportAsync(HttpClient http, string password)
                        => http.PostAsync("https://login.example.com/token", new StringContent("grant_type=password&username=import&password=" + password));

                    [TrustedLegacyRopc("Was the old login; moved to the device flow")]
                    public void Migrated()
                    {
                    }
                }
            }
            """;

        public const string LegacyAuth = """
            namespace Orders
            {
                public static class LegacyAuth
                {
                    public static string SignIn(string user, string password) => user + password;

                    public static string Use(string user, string password)
                    {
            #pragma warning disable ROPC001 // hidden instead of approved: the inventory still lists it
                        var body = "grant_type=password&username=" + user;
            #pragma warning restore ROPC001
                        return SignIn(user, password) + body;
                    }
                }
            }
            """;

        public const string SharedLogin = """
            using System.Collections.Generic;

            namespace Shared
            {
                public static class SharedLogin
                {
                    public static KeyValuePair<string, string> Grant() => new KeyValuePair<string, string>("grant_type", "password");
                }
            }
            """;

        public GeneratedSolutionFixture()
        {
            Folder = new TempDirectory();
            Folder.Write("Shop.sln", SampleProjects.Solution(("Orders", "Orders/Orders.csproj"), ("Kiosk", "Kiosk/Kiosk.csproj"), ("Broken", "Broken/Broken.csproj")));
            Folder.Write(".globalconfig", "is_global = true\nropc_analyzers.additional_ropc_apis = Orders.LegacyAuth.SignIn\n");
            Folder.Write("Orders/Orders.csproj", SampleProjects.LibraryProject.Replace("</Project>", "  <ItemGroup>\n    <Compile Include=\"../Shared/SharedLogin.cs\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
            Folder.Write("Orders/Login.cs", SampleProjects.OrdersLogin);
            Folder.Write("Orders/LegacyAuth.cs", LegacyAuth);
            Folder.Write("Kiosk/Kiosk.csproj", SampleProjects.LibraryProject.Replace("</Project>", "  <ItemGroup>\n    <Compile Include=\"../Shared/SharedLogin.cs\" />\n    <Compile Include=\"Missing.cs\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
            Folder.Write("Kiosk/KioskLogin.cs", KioskLogin);
            Folder.Write("Kiosk/TrustedLegacyRopcAttribute.cs", SampleProjects.ApprovalAttribute);
            Folder.Write("Shared/SharedLogin.cs", SharedLogin);
            Folder.Write("Broken/Broken.csproj", SampleProjects.BrokenProject);

            Run = InventoryTool.Run(
                Folder.Path,
                "Shop.sln",
                "--restore",
                "--reference-date", "2027-07-01",
                "--fail-on-skipped",
                "--format", "json",
                "--output", "reports/shop.txt",
                "--output", "reports/shop.md",
                "--output", "reports/shop.sarif",
                "--output", "reports/shop.html");
            Json = Run.StdoutJson;
            Table = File.ReadAllText(Folder["reports/shop.txt"]);
            Markdown = File.ReadAllText(Folder["reports/shop.md"]);
            Sarif = JsonDocument.Parse(File.ReadAllText(Folder["reports/shop.sarif"])).RootElement;
            Html = File.ReadAllText(Folder["reports/shop.html"]);
        }

        public string Html { get; }

        public TempDirectory Folder { get; }

        public ToolRun Run { get; }

        public JsonElement Json { get; }

        public string Table { get; }

        public string Markdown { get; }

        public JsonElement Sarif { get; }

        public void Dispose() => Folder.Dispose();
    }

    public sealed partial class GeneratedSolutionTests : IClassFixture<GeneratedSolutionFixture>
    {
        private readonly GeneratedSolutionFixture fixture;

        public GeneratedSolutionTests(GeneratedSolutionFixture fixture)
        {
            this.fixture = fixture;
        }

        private JsonElement Json => fixture.Json;

        [Fact]
        public void FailOnSkipped_WithAnUnloadableProject_ExitsWithThree_AfterWritingTheReports()
        {
            Assert.True(fixture.Run.ExitCode == 3, fixture.Run.ToString());
            Assert.Contains("error: something could not be analysed, or a project is incomplete (--fail-on-skipped)", fixture.Run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void Sites_ListsEverySiteApprovedOrNot_InPathAndLineOrder()
        {
            var sites = Json.GetProperty("sites").EnumerateArray()
                .Select(s => (Path: s.GetProperty("path").GetString(), Line: s.GetProperty("line").GetInt32(), Status: s.GetProperty("status").GetString(), Member: s.GetProperty("member").GetString()))
                .ToList();

            Assert.Equal(
                new[]
                {
                    ("Kiosk/KioskLogin.cs", SourcePosition.Of(GeneratedSolutionFixture.KioskLogin, "[\"grant_type\"] = \"password\"").Line, "approved", "Kiosk.KioskLogin.SignInAsync(HttpClient, string, string)"),
                    ("Kiosk/KioskLogin.cs", SourcePosition.Of(GeneratedSolutionFixture.KioskLogin, "\"grant_type=password&username=import&password=\" + password").Line, "approved", "Kiosk.KioskLogin.ImportAsync(HttpClient, string)"),
                    ("Orders/LegacyAuth.cs", SourcePosition.Of(GeneratedSolutionFixture.LegacyAuth, "\"grant_type=password&username=\"").Line, "suppressed", "Orders.LegacyAuth.Use(string, string)"),
                    ("Orders/LegacyAuth.cs", SourcePosition.Of(GeneratedSolutionFixture.LegacyAuth, "SignIn(user, password) + body").Line, "unapproved", "Orders.LegacyAuth.Use(string, string)"),
                    ("Orders/Login.cs", SourcePosition.Of(SampleProjects.OrdersLogin, "[\"grant_type\"] = \"password\"").Line, "unapproved", "Orders.Login.LogInAsync(HttpClient, string, string)"),
                    ("Shared/SharedLogin.cs", SourcePosition.Of(GeneratedSolutionFixture.SharedLogin, "new KeyValuePair<string, string>(\"grant_type\", \"password\")").Line, "unapproved", "Shared.SharedLogin.Grant()"),
                },
                sites.Select(s => (s.Path!, s.Line, s.Status!, s.Member!)).ToArray());
        }

        [Fact]
        public void Sites_CarryTheRecognizersDescriptionAndExactSpan()
        {
            var login = Site("Orders/Login.cs");
            var (line, column) = SourcePosition.Of(SampleProjects.OrdersLogin, "[\"grant_type\"] = \"password\"");
            Assert.Equal(line, login.GetProperty("line").GetInt32());
            Assert.Equal(column, login.GetProperty("column").GetInt32());
            Assert.Equal(line, login.GetProperty("endLine").GetInt32());
            Assert.Equal(column + "[\"grant_type\"] = \"password\"".Length, login.GetProperty("endColumn").GetInt32());
            Assert.Equal("ROPC001", login.GetProperty("ruleId").GetString());
            Assert.Equal("HandWrittenHttp", login.GetProperty("library").GetString());
            Assert.Equal("form field grant_type=password", login.GetProperty("description").GetString());
            Assert.StartsWith("form field grant_type=password sends the user's password", login.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(32, login.GetProperty("fingerprint").GetString()!.Length);
        }

        [Fact]
        public void ConfiguredWrapper_FromGlobalConfig_IsASite()
        {
            var wrapper = Json.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("library").GetString() == "ConfiguredApi");
            Assert.Equal("Orders/LegacyAuth.cs", wrapper.GetProperty("path").GetString());
            Assert.Equal(SourcePosition.Of(GeneratedSolutionFixture.LegacyAuth, "SignIn(user, password) + body").Column, wrapper.GetProperty("column").GetInt32());
        }

        [Fact]
        public void SharedFile_CompiledIntoTwoProjects_IsOneSiteWithBothProjects()
        {
            var shared = Site("Shared/SharedLogin.cs");
            Assert.Equal(new[] { "Kiosk", "Orders" }, shared.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToArray());
        }

        [Fact]
        public void ApprovedSites_CarryTheirApproval()
        {
            var signIn = Json.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("member").GetString()!.Contains("SignInAsync", StringComparison.Ordinal));
            var approval = signIn.GetProperty("approval");
            Assert.Equal("team-kiosk", approval.GetProperty("owner").GetString());
            Assert.Equal("2099-12-31", approval.GetProperty("expires").GetString());
            Assert.Equal("active", approval.GetProperty("expiryState").GetString());
            Assert.Equal(SourcePosition.Of(GeneratedSolutionFixture.KioskLogin, "TrustedLegacyRopc(\"First-party kiosk").Line, approval.GetProperty("line").GetInt32());

            var import = Json.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("member").GetString()!.Contains("ImportAsync", StringComparison.Ordinal));
            Assert.Equal("approved", import.GetProperty("status").GetString());
            Assert.Equal("expired", import.GetProperty("approval").GetProperty("expiryState").GetString());
        }

        [Fact]
        public void Approvals_ListJustificationOwnerExpiryAndState_AgainstTheReferenceDate()
        {
            Assert.Equal("2027-07-01", Json.GetProperty("referenceDate").GetString());
            var approvals = Json.GetProperty("approvals").EnumerateArray()
                .Select(a => (
                    Target: a.GetProperty("target").GetString(),
                    Justification: a.GetProperty("justification").GetString(),
                    Owner: a.TryGetProperty("owner", out var owner) ? owner.GetString() : null,
                    Expires: a.TryGetProperty("expires", out var expires) ? expires.GetString() : null,
                    State: a.GetProperty("expiryState").GetString(),
                    Sites: a.GetProperty("sites").GetInt32(),
                    Stale: a.GetProperty("stale").GetBoolean()))
                .ToList();

            Assert.Equal(
                new[]
                {
                    ("Kiosk.KioskLogin.SignInAsync(HttpClient, string, string)", "First-party kiosk; the IdP has no browser flow for it yet", "team-kiosk", "2099-12-31", "active", 1, false),
                    ("Kiosk.KioskLogin.ImportAsync(HttpClient, string)", "Batch import signs in as the import account", "team-import", "2027-06-30", "expired", 1, false),
                    ("Kiosk.KioskLogin.Migrated()", "Was the old login; moved to the device flow", null, null, "none", 0, true),
                },
                approvals.Select(a => (a.Target!, a.Justification!, a.Owner, a.Expires, a.State!, a.Sites, a.Stale)).ToArray());
        }

        [Fact]
        public void UnloadableProjectAndMissingDocument_AreReportedAndCounted_AndTheOthersAnalysed()
        {
            var problems = Json.GetProperty("problems").EnumerateArray().Select(p => (Kind: p.GetProperty("kind").GetString(), Path: p.GetProperty("path").GetString(), Message: p.GetProperty("message").GetString())).ToList();
            var broken = Assert.Single(problems, p => p.Kind == "project-not-loaded");
            Assert.Equal("Broken/Broken.csproj", broken.Path);
            Assert.Contains("could not be loaded", broken.Message, StringComparison.Ordinal);
            var missing = Assert.Single(problems, p => p.Kind == "document-not-loaded");
            Assert.Equal("Kiosk/Missing.cs", missing.Path);

            var summary = Json.GetProperty("summary");
            Assert.Equal(1, summary.GetProperty("skippedProjects").GetInt32());
            Assert.Equal(1, summary.GetProperty("skippedDocuments").GetInt32());
            Assert.Equal(2, summary.GetProperty("projectsAnalysed").GetInt32());
            Assert.Equal(new[] { "Kiosk", "Orders" }, Json.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToArray());
            Assert.Contains("Skipped: 1 project, 1 document", fixture.Run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void Summary_CountsMatchTheLists()
        {
            var summary = Json.GetProperty("summary");
            var sites = Json.GetProperty("sites").EnumerateArray().ToList();
            var others = Json.GetProperty("findings").EnumerateArray().ToList();
            Assert.Equal(6, summary.GetProperty("sites").GetInt32());
            Assert.Equal(3, summary.GetProperty("unapprovedSites").GetInt32());
            Assert.Equal(2, summary.GetProperty("approvedSites").GetInt32());
            Assert.Equal(1, summary.GetProperty("suppressedSites").GetInt32());
            Assert.Equal(3, summary.GetProperty("approvals").GetInt32());
            Assert.Equal(1, summary.GetProperty("expiredApprovals").GetInt32());
            Assert.Equal(1, summary.GetProperty("staleApprovals").GetInt32());

            // Other rules may report here as the package grows: the gate counts them when they are open warnings or errors.
            var gatingOthers = others.Count(f => f.GetProperty("status").GetString() == "open" && f.GetProperty("level").GetString() is "warning" or "error");
            Assert.Equal(3 + gatingOthers, summary.GetProperty("gatingFindings").GetInt32());
            Assert.Equal(others.Count, summary.GetProperty("otherFindings").GetInt32());
            Assert.Equal(sites.Count, summary.GetProperty("sites").GetInt32());
        }

        [Fact]
        public void Stdout_IsOnlyTheReport_ProgressGoesToStderr()
        {
            Assert.StartsWith("{", fixture.Run.Stdout, StringComparison.Ordinal);
            Assert.Matches(@"\[[123]/3\] Loaded Orders/Orders.csproj \(net10.0\): \d+\.\d s", fixture.Run.Stderr);
            Assert.Matches(@"\[[12]/2\] Orders \(net10.0\): 4 ROPC sites, 0 other findings, 0 approvals \(\d+\.\d s\)", fixture.Run.Stderr);
            Assert.DoesNotContain("Loading", fixture.Run.Stdout, StringComparison.Ordinal);
        }

        [Fact]
        public void Table_HasAlignedSectionsAndTheSummary()
        {
            var lines = fixture.Table.Split('\n');
            Assert.Equal("ropc-inventory 0.1.0: Shop.sln, reference date 2027-07-01", lines[0]);
            var header = Array.FindIndex(lines, l => l == "ROPC sites (6)");
            Assert.True(header > 0, fixture.Table);
            var columns = lines[header + 1];
            Assert.StartsWith("  STATUS", columns, StringComparison.Ordinal);
            var location = columns.IndexOf("LOCATION", StringComparison.Ordinal);
            var member = columns.IndexOf("MEMBER", StringComparison.Ordinal);
            var loginRow = lines.Single(l => l.Contains("Orders/Login.cs:", StringComparison.Ordinal));
            Assert.Equal(location, loginRow.IndexOf("Orders/Login.cs:", StringComparison.Ordinal));
            Assert.Equal(member, loginRow.IndexOf("Login.LogInAsync  ", StringComparison.Ordinal));
            Assert.StartsWith("  unapproved", loginRow, StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("  approved", StringComparison.Ordinal) && l.EndsWith("team-import, expired 2027-06-30", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("  KioskLogin.Migrated  ", StringComparison.Ordinal) && l.Contains("no expiry, stale", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("project-not-loaded", StringComparison.Ordinal) && l.Contains("Broken/Broken.csproj", StringComparison.Ordinal));
            Assert.Contains("6 ROPC sites (3 unapproved, 2 approved, 1 suppressed)", fixture.Table, StringComparison.Ordinal);
            Assert.Contains("3 approvals (1 expired, 1 stale); 2 projects analysed, 1 project and 1 document skipped.", fixture.Table, StringComparison.Ordinal);
            Assert.DoesNotContain(lines, l => l.EndsWith(' '));
        }

        [Fact]
        public void Markdown_IsAMigrationChecklist_UnapprovedFirst()
        {
            var markdown = fixture.Markdown;
            Assert.StartsWith("# ROPC migration: Shop.sln\n", markdown, StringComparison.Ordinal);
            Assert.Contains("| 6 | 3 | 2 |", markdown, StringComparison.Ordinal);
            var tasks = markdown.Split('\n').Where(l => l.StartsWith("- [ ] ", StringComparison.Ordinal)).ToList();
            Assert.Equal(6, tasks.Count);
            Assert.All(tasks.Take(4), t => Assert.Contains("**unapproved**", t, StringComparison.Ordinal));
            Assert.All(tasks.Skip(4), t => Assert.Contains(", approved (", t, StringComparison.Ordinal));
            Assert.Contains(
                $"- [ ] `Orders/Login.cs:{SourcePosition.Of(SampleProjects.OrdersLogin, "[\"grant_type\"] = \"password\"").Line}:{SourcePosition.Of(SampleProjects.OrdersLogin, "[\"grant_type\"] = \"password\"").Column}` in `Orders.Login.LogInAsync(HttpClient, string, string)`: form field grant\\_type=password, **unapproved**",
                tasks);
            Assert.Contains(tasks, t => t.Contains("`Orders/LegacyAuth.cs:", StringComparison.Ordinal) && t.EndsWith("**unapproved**, diagnostic suppressed in source", StringComparison.Ordinal));
            Assert.Contains("| `Kiosk.KioskLogin.ImportAsync(HttpClient, string)` | team-import | 2027-06-30 | expired | 1 | Batch import signs in as the import account |", markdown, StringComparison.Ordinal);
            Assert.Contains("## Not analysed or incomplete", markdown, StringComparison.Ordinal);
            Assert.Contains("- `Broken/Broken.csproj`: ", markdown, StringComparison.Ordinal);
        }

        [Fact]
        public void Sarif_ApprovedSitesAreSuppressedWithTheirJustification_OthersOpen()
        {
            var run = fixture.Sarif.GetProperty("runs")[0];
            var results = run.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == "ROPC001").ToList();
            Assert.Equal(6, results.Count);

            var approved = results.Where(r => r.TryGetProperty("suppressions", out var s) && s[0].TryGetProperty("status", out _)).ToList();
            Assert.Equal(2, approved.Count);
            var kiosk = approved.Single(r => r.GetProperty("properties").GetProperty("approvalOwner").GetString() == "team-kiosk");
            var suppression = kiosk.GetProperty("suppressions")[0];
            Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
            Assert.Equal("accepted", suppression.GetProperty("status").GetString());
            Assert.Equal("[TrustedLegacyRopc] on Kiosk.KioskLogin.SignInAsync(HttpClient, string, string): First-party kiosk; the IdP has no browser flow for it yet", suppression.GetProperty("justification").GetString());

            var pragma = results.Single(r => r.GetProperty("properties").GetProperty("status").GetString() == "suppressed");
            Assert.Equal("inSource", pragma.GetProperty("suppressions")[0].GetProperty("kind").GetString());
            Assert.Equal(3, results.Count(r => !r.TryGetProperty("suppressions", out _)));

            var shared = results.Single(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "Shared/SharedLogin.cs");
            Assert.Equal("SRCROOT", shared.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.Equal(Site("Shared/SharedLogin.cs").GetProperty("fingerprint").GetString(), shared.GetProperty("partialFingerprints").GetProperty("ropcInventory/v1").GetString());

            var notifications = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray().Select(n => n.GetProperty("message").GetProperty("text").GetString()).ToList();
            Assert.Contains(notifications, n => n!.StartsWith("Broken/Broken.csproj: ", StringComparison.Ordinal));
            Assert.Contains(notifications, n => n!.StartsWith("Kiosk/Missing.cs: ", StringComparison.Ordinal));
        }

        private JsonElement Site(string path) => Json.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("path").GetString() == path);
    }
}
