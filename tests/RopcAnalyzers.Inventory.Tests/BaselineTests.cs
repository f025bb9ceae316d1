using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>
    /// The CI workflow: record today's findings, pass while nothing new appears (even when old code moves), fail
    /// on a new ROPC use and list only it. The solution is a .slnx with one project that has an unapproved and
    /// an approved site. A net10.0 library without packages loads without a restore, so none is run here.
    /// </summary>
    public sealed class BaselineTests : IDisposable
    {
        private const string Approved = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using RopcAnalyzers;

            namespace Orders
            {
                public sealed class Kiosk
                {
                    [TrustedLegacyRopc("First-party kiosk without a browser", Owner = "team-kiosk")]
                    public Task<HttpResponseMessage> SignInAsync(HttpClient http, string password)
                        => http.PostAsync("https://login.example.com/token", new StringContent("grant_type=password&username=kiosk&password=" + password));
                }
            }
            """;

        private const string NewRopcUse = """
                    public Task<HttpResponseMessage> RefreshAsync(HttpClient http, string user, string password)
                        => http.PostAsync("https://login.example.com/token", new StringContent($"grant_type=password&username={user}&password={password}"));

            """;

        private readonly TempDirectory folder = new();

        public BaselineTests()
        {
            folder.Write("Shop.slnx", "<Solution>\n  <Project Path=\"Orders/Orders.csproj\" />\n</Solution>\n");
            folder.Write("Orders/Orders.csproj", SampleProjects.LibraryProject);
            folder.Write("Orders/Login.cs", SampleProjects.OrdersLogin);
            folder.Write("Orders/Kiosk.cs", Approved);
            folder.Write("Orders/TrustedLegacyRopcAttribute.cs", SampleProjects.ApprovalAttribute);
        }

        public void Dispose() => folder.Dispose();

        [Fact]
        public void WriteBaseline_ThenUnchangedOrShiftedCode_ExitsZero_ThenANewUse_ExitsOneAndListsOnlyIt()
        {
            // 1. Record today's findings: the unapproved site only (approved sites do not gate).
            var write = InventoryTool.Run(folder.Path, "Shop.slnx", "--write-baseline", "ci/ropc-baseline.json", "--format", "json");
            Assert.True(write.ExitCode == 0, write.ToString());
            var baseline = JsonDocument.Parse(File.ReadAllText(folder["ci/ropc-baseline.json"])).RootElement;
            Assert.Equal(1, baseline.GetProperty("version").GetInt32());
            var recorded = Assert.Single(baseline.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "ROPC001");
            var unapproved = write.StdoutJson.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "unapproved");
            Assert.Equal(unapproved.GetProperty("fingerprint").GetString(), recorded.GetProperty("fingerprint").GetString());
            Assert.Equal("Orders/Login.cs", recorded.GetProperty("path").GetString());
            Assert.Equal("Orders.Login.LogInAsync(HttpClient, string, string)", recorded.GetProperty("member").GetString());
            Assert.DoesNotContain("\"line\"", File.ReadAllText(folder["ci/ropc-baseline.json"]), StringComparison.Ordinal);

            // 2. The old site moves down (lines inserted above it): still known, nothing new.
            var login = SampleProjects.OrdersLogin.Replace("namespace Orders", "// Lines added above the old code move it down.\n\nnamespace Orders", StringComparison.Ordinal);
            folder.Write("Orders/Login.cs", login);
            var unchanged = InventoryTool.Run(folder.Path, "Shop.slnx", "--baseline", "ci/ropc-baseline.json", "--format", "json");
            Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
            Assert.Empty(unchanged.StdoutJson.GetProperty("sites").EnumerateArray());
            Assert.Empty(unchanged.StdoutJson.GetProperty("findings").EnumerateArray());
            Assert.Equal(1, unchanged.StdoutJson.GetProperty("baseline").GetProperty("known").GetInt32());
            Assert.Equal(0, unchanged.StdoutJson.GetProperty("baseline").GetProperty("new").GetInt32());

            // 3. A new ROPC use in the same file: exit 1, and it is the only finding listed.
            folder.Write("Orders/Login.cs", login.Replace("    public sealed class Login\n    {\n", "    public sealed class Login\n    {\n" + NewRopcUse, StringComparison.Ordinal));
            var added = InventoryTool.Run(folder.Path, "Shop.slnx", "--baseline", "ci/ropc-baseline.json");
            Assert.True(added.ExitCode == 1, added.ToString());
            var rows = added.Stdout.Split('\n').Where(l => l.StartsWith("  unapproved", StringComparison.Ordinal) || l.StartsWith("  approved", StringComparison.Ordinal)).ToList();
            var row = Assert.Single(rows);
            Assert.Contains("  Login.RefreshAsync  ", row, StringComparison.Ordinal);
            Assert.Contains("New ROPC sites (1)", added.Stdout, StringComparison.Ordinal);
            Assert.Contains("1 new finding since the baseline (1 known, 0 fixed)", added.Stdout, StringComparison.Ordinal);
            Assert.Contains("1 new finding since the baseline.", added.Stderr, StringComparison.Ordinal);

            // 4. The old use migrated away, the new one still there: the HTML report shows one new and one retired.
            folder.Write("Orders/Login.cs", "namespace Orders\n{\n    public sealed class Login\n    {\n" + NewRopcUse.Replace("using", string.Empty, StringComparison.Ordinal) + "    }\n}\n");
            folder.Write("Orders/Usings.cs", "global using System.Net.Http;\nglobal using System.Threading.Tasks;\n");
            var migrated = InventoryTool.Run(folder.Path, "Shop.slnx", "--baseline", "ci/ropc-baseline.json", "--format", "json", "--output", "ci/ropc.html");
            Assert.True(migrated.ExitCode == 1, migrated.ToString());
            var retired = Assert.Single(migrated.StdoutJson.GetProperty("baseline").GetProperty("retired").EnumerateArray());
            Assert.Equal(("ROPC001", "Orders/Login.cs", "Orders.Login.LogInAsync(HttpClient, string, string)"), (retired.GetProperty("ruleId").GetString(), retired.GetProperty("path").GetString(), retired.GetProperty("member").GetString()));
            var html = File.ReadAllText(folder["ci/ropc.html"]);
            Assert.Contains("<dd data-count=\"new\">1</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<dd data-count=\"retired\">1</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<td><code>Orders.Login.LogInAsync(HttpClient, string, string)</code></td>", html, StringComparison.Ordinal);
        }
    }
}
