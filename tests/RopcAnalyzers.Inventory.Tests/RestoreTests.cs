using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>
    /// A solution as they are found in the wild: it lists a project file that is gone, one project depends on a
    /// package that only a local feed has (in a newer version than asked for: NU1603), and nuget.config names a
    /// package source that is down. The solution's restore fails; the tool restores project by project, and
    /// --restore-arg lets NuGet skip the dead source.
    /// </summary>
    public sealed class RestoreTests : IDisposable
    {
        private readonly TempDirectory folder = new();

        public RestoreTests()
        {
            folder.Write("nuget.config", SampleProjects.NuGetConfig(withDeadSource: true));
            SampleProjects.WritePackage(folder["feed"], "Fake.Lib", "1.0.1");
            folder.Write("Shop.sln", SampleProjects.Solution(("Orders", "Orders/Orders.csproj"), ("Billing", "Billing/Billing.csproj"), ("Gone", "Gone/Gone.csproj")));
            folder.Write("Orders/Orders.csproj", SampleProjects.LibraryProject);
            folder.Write("Orders/Login.cs", SampleProjects.OrdersLogin);
            folder.Write("Billing/Billing.csproj", SampleProjects.LibraryProject.Replace("</Project>", "  <ItemGroup>\n    <PackageReference Include=\"Fake.Lib\" Version=\"1.0.0\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
            folder.Write("Billing/Invoice.cs", "namespace Billing { public sealed class Invoice { } }\n");
        }

        public void Dispose() => folder.Dispose();

        [Fact]
        public void DeadSourceAndMissingProject_RestoresProjectByProject_Quietly_AndFailsTheGate()
        {
            var run = InventoryTool.Run(folder.Path, "Shop.sln", "--restore", "-q", "--fail-on-skipped", "--format", "json");
            Assert.True(run.ExitCode == 3, run.ToString());

            // Quiet: only what went wrong, one line each, and no MSBuild chatter.
            var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => Assert.Matches("^(warning: |error: |Restore: |Skipped: )", line));
            Assert.DoesNotContain("Msbuild failed", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("warning: restoring Shop.sln failed (", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("); restoring its 2 projects one by one", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("Restore: 1 of 2 projects restored one by one.", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("error: something could not be analysed, or a project is incomplete (--fail-on-skipped)", run.Stderr, StringComparison.Ordinal);

            var json = run.StdoutJson;
            var problems = Problems(json);
            var restore = Assert.Single(problems, p => p.Kind == "restore-failed");
            Assert.Equal("Billing/Billing.csproj", restore.Path);
            Assert.StartsWith("'dotnet restore' failed: NU1301: ", restore.Message, StringComparison.Ordinal);
            Assert.Contains("http://127.0.0.1:9/v3/index.json", restore.Message, StringComparison.Ordinal);
            var gone = Assert.Single(problems, p => p.Kind == "project-not-loaded");
            Assert.Equal("Gone/Gone.csproj", gone.Path);
            Assert.Equal("Project file not found: 'Gone/Gone.csproj'", gone.Message);

            // Orders restored on its own: its site is found.
            Assert.Equal("Orders/Login.cs", Assert.Single(json.GetProperty("sites").EnumerateArray()).GetProperty("path").GetString());
            Assert.Equal(1, json.GetProperty("summary").GetProperty("skippedProjects").GetInt32());
        }

        [Fact]
        public void RestoreArg_IgnoresTheDeadSource_AndRestoreWarningsAreNotIncomplete()
        {
            var run = InventoryTool.Run(folder.Path, "Shop.sln", "--restore-arg", "--ignore-failed-sources", "--format", "json", "--output", "shop.txt");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Restore: 2 of 2 projects restored one by one.", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Msbuild failed", run.Stderr, StringComparison.Ordinal);

            var json = run.StdoutJson;
            var problems = Problems(json);
            Assert.DoesNotContain(problems, p => p.Kind is "restore-failed" or "compiler-errors" or "project-loaded-with-errors");
            Assert.Equal(0, json.GetProperty("summary").GetProperty("incompleteProjects").GetInt32());
            Assert.Equal(2, json.GetProperty("summary").GetProperty("projectsAnalysed").GetInt32());

            // NU1801 (the dead source) and NU1603 (1.0.1 resolved for 1.0.0): listed apart, as warnings about a project that compiled.
            var warning = Assert.Single(problems, p => p.Kind == "load-warning");
            Assert.Equal("Billing/Billing.csproj", warning.Path);
            Assert.Contains("compiled without errors", warning.Message, StringComparison.Ordinal);
            Assert.Matches(@"^Billing: \d+ MSBuild messages? while loading, but it compiled without errors; first: ", warning.Message);
            Assert.DoesNotContain(folder.Path, warning.Message, StringComparison.Ordinal);
            Assert.Equal(1, json.GetProperty("summary").GetProperty("loadWarnings").GetInt32());

            var table = File.ReadAllText(folder["shop.txt"]);
            Assert.Contains("Load warnings (compiled without errors; nothing missing) (1)", table, StringComparison.Ordinal);
            Assert.DoesNotContain("incomplete", table.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        }

        private static (string? Kind, string? Path, string Message)[] Problems(JsonElement json)
            => json.GetProperty("problems").EnumerateArray()
                .Select(p => (p.GetProperty("kind").GetString(), p.TryGetProperty("path", out var path) ? path.GetString() : null, p.GetProperty("message").GetString()!))
                .ToArray();
    }
}
