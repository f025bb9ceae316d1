using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>
    /// A solution whose requests are reached through the code's own wrappers: Portal, one project of several files (a
    /// session that keeps the password and calls the helper, a client that wraps the helper and a kiosk that calls
    /// the client: a wrapper of a wrapper), and Lib + App, where App calls the helper of the project it references.
    /// Each has a look-alike helper that takes a password but sends no request. The solution lists App before Lib and
    /// the tool analyses one project at a time, so App must wait for nothing that has not started. Then App's call is
    /// removed and the tool runs again: the site's fingerprint must not change.
    /// </summary>
    public sealed class IndirectUseFixture : IDisposable
    {
        public const string PortalAuthHelper = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Portal
            {
                public static class AuthHelper
                {
                    private static readonly HttpClient Http = new HttpClient();

                    public static Task<HttpResponseMessage> GetTokenAsync(string url, string user, string pwd)
                        => Http.PostAsync(url + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["grant_type"] = "password",
                            ["username"] = user,
                            ["password"] = pwd,
                        }));
                }
            }
            """;

        public const string PortalSession = """
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Portal
            {
                public sealed class Session
                {
                    private readonly string _baseUrl;
                    private readonly string _user;
                    private readonly string _password;

                    public Session(string baseUrl, string user, string password)
                    {
                        _baseUrl = baseUrl;
                        _user = user;
                        _password = password;
                    }

                    public Task<HttpResponseMessage> RenewAsync() => AuthHelper.GetTokenAsync(_baseUrl, _user, _password);
                }
            }
            """;

        public const string PortalClient = """
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Portal
            {
                public static class Client
                {
                    public static Task<HttpResponseMessage> LoginAsync(string user, string pwd) => AuthHelper.GetTokenAsync("https://idp.contoso.com", user, pwd);
                }

                public sealed class Kiosk
                {
                    public Task<HttpResponseMessage> StartAsync(string pwd) => Client.LoginAsync("kiosk", pwd);

                    public Session Open(string pwd) => new Session("https://idp.contoso.com", "bob", pwd);
                }
            }
            """;

        public const string PortalLookAlike = """
            namespace Portal
            {
                public static class Masking
                {
                    public static string Mask(string user, string password) => user + ":" + new string('*', password.Length);

                    public static string Show(string pwd) => Mask("bob", pwd);
                }
            }
            """;

        public const string LibAuthHelper = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Contoso.Auth
            {
                public static class AuthHelper
                {
                    private static readonly HttpClient Http = new HttpClient();

                    public static Task<HttpResponseMessage> GetTokenAsync(string url, string user, string pwd)
                        => Http.PostAsync(url + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            { "grant_type", "password" },
                            { "username", user },
                            { "password", pwd },
                        }));

                    public static string Mask(string user, string password) => user + ":" + new string('*', password.Length);
                }
            }
            """;

        public const string AppSession = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Contoso.Auth;

            namespace Contoso.App
            {
                public sealed class Session
                {
                    private readonly string _password;

                    public Session(string password) => _password = password;

                    public Task<HttpResponseMessage> RenewAsync() => AuthHelper.GetTokenAsync("https://idp.contoso.com", "bob", _password);

                    public string Shown() => AuthHelper.Mask("bob", _password);
                }
            }
            """;

        public IndirectUseFixture()
        {
            Folder = new TempDirectory();
            Folder.Write("Shop.sln", SampleProjects.Solution(("App", "App/App.csproj"), ("Lib", "Lib/Lib.csproj"), ("Portal", "Portal/Portal.csproj")));
            Folder.Write("Portal/Portal.csproj", SampleProjects.LibraryProject);
            Folder.Write("Portal/AuthHelper.cs", PortalAuthHelper);
            Folder.Write("Portal/Session.cs", PortalSession);
            Folder.Write("Portal/Client.cs", PortalClient);
            Folder.Write("Portal/Masking.cs", PortalLookAlike);
            Folder.Write("Lib/Lib.csproj", SampleProjects.LibraryProject);
            Folder.Write("Lib/AuthHelper.cs", LibAuthHelper);
            Folder.Write("App/App.csproj", SampleProjects.LibraryProject.Replace("</Project>", "  <ItemGroup>\n    <ProjectReference Include=\"../Lib/Lib.csproj\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
            Folder.Write("App/Session.cs", AppSession);

            Run = InventoryTool.Run(
                Folder.Path,
                "Shop.sln",
                "--restore",
                "--parallel", "1",
                "--reference-date", "2027-07-01",
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

            // App no longer calls Lib's wrapper.
            Folder.Write("App/Session.cs", AppSession.Replace("AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)", "Task.FromResult(new HttpResponseMessage())", StringComparison.Ordinal));
            WithoutAppsCall = InventoryTool.Run(Folder.Path, "Shop.sln", "--parallel", "2", "--reference-date", "2027-07-01", "--format", "json");
        }

        public TempDirectory Folder { get; }

        public ToolRun Run { get; }

        public JsonElement Json { get; }

        public string Table { get; }

        public string Markdown { get; }

        public JsonElement Sarif { get; }

        public string Html { get; }

        public ToolRun WithoutAppsCall { get; }

        public void Dispose() => Folder.Dispose();
    }

    public sealed class IndirectUseTests : IClassFixture<IndirectUseFixture>
    {
        private const string Form = "form field grant_type=password";

        private readonly IndirectUseFixture fixture;

        public IndirectUseTests(IndirectUseFixture fixture)
        {
            this.fixture = fixture;
        }

        private static JsonElement Site(JsonElement report, string path)
            => report.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("path").GetString() == path);

        private static (string Location, string Member, string Chain)[] Uses(JsonElement site)
            => site.GetProperty("indirectUses").EnumerateArray()
                .Select(u => ($"{u.GetProperty("path").GetString()}:{u.GetProperty("line").GetInt32()}:{u.GetProperty("column").GetInt32()}", u.GetProperty("shortMember").GetString()!, u.GetProperty("chain").GetString()!))
                .ToArray();

        private static string At(string path, string source, string text)
        {
            var (line, column) = SourcePosition.Of(source, text);
            return $"{path}:{line}:{column}";
        }

        [Fact]
        public void Run_Succeeds_WithOneSitePerRequest()
        {
            Assert.True(fixture.Run.ExitCode == 0, fixture.Run.ToString());
            Assert.Equal(new[] { "Lib/AuthHelper.cs", "Portal/AuthHelper.cs" }, fixture.Json.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("path").GetString()).ToArray());
            Assert.Equal(2, fixture.Json.GetProperty("summary").GetProperty("sites").GetInt32());
        }

        [Fact]
        public void SingleProject_SiteListsEveryWrapperCall_WithLocationMemberAndChain_InPathAndLineOrder()
        {
            var site = Site(fixture.Json, "Portal/AuthHelper.cs");
            Assert.Equal(
                new[]
                {
                    (At("Portal/Client.cs", IndirectUseFixture.PortalClient, "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", user, pwd)"), "Client.LoginAsync", $"Client.LoginAsync → AuthHelper.GetTokenAsync → {Form}"),
                    (At("Portal/Client.cs", IndirectUseFixture.PortalClient, "Client.LoginAsync(\"kiosk\", pwd)"), "Kiosk.StartAsync", $"Kiosk.StartAsync → Client.LoginAsync → AuthHelper.GetTokenAsync → {Form}"),
                    (At("Portal/Client.cs", IndirectUseFixture.PortalClient, "new Session(\"https://idp.contoso.com\", \"bob\", pwd)"), "Kiosk.Open", $"Kiosk.Open → new Session → Session.RenewAsync → AuthHelper.GetTokenAsync → {Form}"),
                    (At("Portal/Session.cs", IndirectUseFixture.PortalSession, "AuthHelper.GetTokenAsync(_baseUrl, _user, _password)"), "Session.RenewAsync", $"Session.RenewAsync → AuthHelper.GetTokenAsync → {Form}"),
                },
                Uses(site));

            var first = site.GetProperty("indirectUses")[0];
            Assert.Equal("Portal.Client.LoginAsync(string, string)", first.GetProperty("member").GetString());
            var (line, column) = SourcePosition.Of(IndirectUseFixture.PortalClient, "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", user, pwd)");
            Assert.Equal(line, first.GetProperty("endLine").GetInt32());
            Assert.Equal(column + "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", user, pwd)".Length, first.GetProperty("endColumn").GetInt32());
        }

        [Fact]
        public void TwoProjects_AppsCallOfLibsWrapper_IsAnIndirectUseOfLibsSite()
        {
            var site = Site(fixture.Json, "Lib/AuthHelper.cs");
            Assert.Equal(new[] { "Lib" }, site.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToArray());
            Assert.Equal(
                new[] { (At("App/Session.cs", IndirectUseFixture.AppSession, "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)"), "Session.RenewAsync", $"Session.RenewAsync → AuthHelper.GetTokenAsync → {Form}") },
                Uses(site));
        }

        [Fact]
        public void LookAlikeHelpers_ThatSendNoRequest_AreListedNowhere()
        {
            var reports = string.Join("\n", fixture.Run.Stdout, fixture.Table, fixture.Markdown, fixture.Html, fixture.Sarif.ToString());
            Assert.DoesNotContain("Masking", reports, StringComparison.Ordinal);
            Assert.DoesNotContain("Mask(", reports, StringComparison.Ordinal);
            Assert.DoesNotContain("Session.Shown", reports, StringComparison.Ordinal);
        }

        [Fact]
        public void IndirectUses_AreNotSites_AndDoNotChangeTheSitesFingerprint()
        {
            Assert.True(fixture.WithoutAppsCall.ExitCode == 0, fixture.WithoutAppsCall.ToString());
            var before = Site(fixture.Json, "Lib/AuthHelper.cs");
            var after = Site(fixture.WithoutAppsCall.StdoutJson, "Lib/AuthHelper.cs");
            Assert.Empty(Uses(after));
            Assert.Equal(before.GetProperty("fingerprint").GetString(), after.GetProperty("fingerprint").GetString());
            Assert.Equal(fixture.Json.GetProperty("summary").GetProperty("sites").GetInt32(), fixture.WithoutAppsCall.StdoutJson.GetProperty("summary").GetProperty("sites").GetInt32());

            // The same solution analysed two projects at a time lists the same uses of Portal's site.
            Assert.Equal(Uses(Site(fixture.Json, "Portal/AuthHelper.cs")), Uses(Site(fixture.WithoutAppsCall.StdoutJson, "Portal/AuthHelper.cs")));
        }

        [Fact]
        public void Table_CountsThemPerSite_AndListsThemInTheirOwnSection()
        {
            var lines = fixture.Table.Split('\n');
            var header = lines[Array.IndexOf(lines, "ROPC sites (2)") + 1];
            Assert.Contains("  INDIRECT  ", header, StringComparison.Ordinal);
            var portal = lines.Single(l => l.Contains("Portal/AuthHelper.cs:", StringComparison.Ordinal) && l.StartsWith("  unapproved", StringComparison.Ordinal));
            Assert.Equal("4", portal.Substring(header.IndexOf("INDIRECT", StringComparison.Ordinal)).Split(' ')[0]);
            var section = Array.IndexOf(lines, "Indirect uses of the sites above (5)");
            Assert.True(section > 0, fixture.Table);
            Assert.Contains(lines, l => l.StartsWith("  " + At("App/Session.cs", IndirectUseFixture.AppSession, "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)"), StringComparison.Ordinal)
                && l.Contains("  Session.RenewAsync  Lib/AuthHelper.cs:", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.EndsWith(' '));
        }

        [Fact]
        public void Markdown_ListsThemUnderTheirSitesTask()
        {
            var lines = fixture.Markdown.Split('\n').ToList();
            var task = lines.FindIndex(l => l.StartsWith("- [ ] `Portal/AuthHelper.cs:", StringComparison.Ordinal));
            Assert.EndsWith("**unapproved**; 4 indirect uses:", lines[task], StringComparison.Ordinal);
            Assert.Equal(
                $"  - `{At("Portal/Client.cs", IndirectUseFixture.PortalClient, "Client.LoginAsync(\"kiosk\", pwd)")}` in `Kiosk.StartAsync`: Kiosk.StartAsync → Client.LoginAsync → AuthHelper.GetTokenAsync → form field grant\\_type=password",
                lines[task + 2]);
            Assert.Equal(2, lines.Count(l => l.StartsWith("- [ ] ", StringComparison.Ordinal)));
            Assert.Equal(5, lines.Count(l => l.StartsWith("  - `", StringComparison.Ordinal)));
        }

        [Fact]
        public void Sarif_SiteResultsCarryThemAsRelatedLocations_LinkedFromTheMessage()
        {
            var results = fixture.Sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == "ROPC001").ToList();
            Assert.Equal(2, results.Count);
            var lib = results.Single(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "Lib/AuthHelper.cs");
            var related = Assert.Single(lib.GetProperty("relatedLocations").EnumerateArray());
            Assert.Equal(1, related.GetProperty("id").GetInt32());
            Assert.Equal("App/Session.cs", related.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(SourcePosition.Of(IndirectUseFixture.AppSession, "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)").Line, related.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal($"Indirect use in Session.RenewAsync: Session.RenewAsync → AuthHelper.GetTokenAsync → {Form}", related.GetProperty("message").GetProperty("text").GetString());
            Assert.EndsWith("Reached through 1 indirect use: [Session.RenewAsync](1).", lib.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);

            var portal = results.Single(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "Portal/AuthHelper.cs");
            Assert.Equal(new[] { 1, 2, 3, 4 }, portal.GetProperty("relatedLocations").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToArray());
            Assert.Equal(Site(fixture.Json, "Portal/AuthHelper.cs").GetProperty("fingerprint").GetString(), portal.GetProperty("partialFingerprints").GetProperty("ropcInventory/v1").GetString());
        }

        [Fact]
        public void Html_SiteRowsCountAndListThem()
        {
            Assert.Contains("data-indirect-uses=\"4\"", fixture.Html, StringComparison.Ordinal);
            Assert.Contains("data-indirect-uses=\"1\"", fixture.Html, StringComparison.Ordinal);
            Assert.Contains($"<li data-indirect-use=\"{At("App/Session.cs", IndirectUseFixture.AppSession, "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)")}\">", fixture.Html, StringComparison.Ordinal);
            Assert.Equal(5, fixture.Html.Split("<li data-indirect-use=").Length - 1);
        }

        [Fact]
        public void Merge_KeepsEachSitesIndirectUses_Prefixed_AndReadsReportsWithoutThem()
        {
            using var folder = new TempDirectory();
            File.WriteAllText(folder["north.json"], fixture.Run.Stdout);

            // A report written before indirect uses were listed.
            var old = JsonNode.Parse(fixture.Run.Stdout)!;
            foreach (var site in old["sites"]!.AsArray())
            {
                site!.AsObject().Remove("indirectUses");
            }

            File.WriteAllText(folder["south.json"], old.ToJsonString());
            var run = InventoryTool.Run(folder.Path, "merge", "north.json", "south.json", "--reference-date", "2027-07-01", "--format", "json", "--output", "all.md", "--output", "all.sarif");
            Assert.True(run.ExitCode == 0, run.ToString());
            var merged = run.StdoutJson;
            Assert.Equal(4, merged.GetProperty("summary").GetProperty("sites").GetInt32());
            Assert.Equal(
                new[] { (At("north/App/Session.cs", IndirectUseFixture.AppSession, "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)"), "Session.RenewAsync", $"Session.RenewAsync → AuthHelper.GetTokenAsync → {Form}") },
                Uses(Site(merged, "north/Lib/AuthHelper.cs")));
            Assert.Equal(4, Uses(Site(merged, "north/Portal/AuthHelper.cs")).Length);
            Assert.Empty(Uses(Site(merged, "south/Lib/AuthHelper.cs")));
            Assert.Equal(Site(fixture.Json, "Lib/AuthHelper.cs").GetProperty("fingerprint").GetString(), Site(merged, "north/Lib/AuthHelper.cs").GetProperty("fingerprint").GetString());

            Assert.Contains("\n  - `north/App/Session.cs:", File.ReadAllText(folder["all.md"]), StringComparison.Ordinal);
            Assert.Contains("\"uri\": \"north/App/Session.cs\"", File.ReadAllText(folder["all.sarif"]), StringComparison.Ordinal);
        }
    }
}
