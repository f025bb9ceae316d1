using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>
    /// A project that targets two frameworks (net10.0 and net10.0-windows, both buildable offline by the .NET 10
    /// SDK): top-level statements that send the password grant in both, a second use under #if WINDOWS, and a
    /// file that does not compile. By default the first framework only is analysed; --all-frameworks analyses
    /// both and merges the shared site.
    /// </summary>
    public sealed class MultiTargetTests : IDisposable
    {
        private const string Program = """
            using System.Collections.Generic;

            var grant = new KeyValuePair<string, string>("grant_type", "password");
            System.Console.WriteLine(grant);
            #if WINDOWS
            System.Console.WriteLine(new KeyValuePair<string, string>("grant_type", "password").Key);
            #endif
            """;

        private readonly TempDirectory folder = new();

        public MultiTargetTests()
        {
            folder.Write("Kiosk/Kiosk.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFrameworks>net10.0;net10.0-windows</TargetFrameworks>
                  </PropertyGroup>
                </Project>
                """);
            folder.Write("Kiosk/Program.cs", Program);
            folder.Write("Kiosk/Broken.cs", "namespace Kiosk { internal static class Broken { internal static int Value => Missing.Value; } }\n");
        }

        public void Dispose() => folder.Dispose();

        [Fact]
        public void ByDefault_TheFirstFrameworkOnly_WithShortNames_AndOneIncompleteProject()
        {
            var run = InventoryTool.Run(folder.Path, "Kiosk/Kiosk.csproj", "--format", "json", "--output", "kiosk.txt");
            Assert.True(run.ExitCode == 0, run.ToString());
            var json = run.StdoutJson;
            Assert.Equal(new[] { "Kiosk(net10.0)" }, json.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToArray());
            var site = Assert.Single(json.GetProperty("sites").EnumerateArray());
            Assert.Equal(SourcePosition.Of(Program, "new KeyValuePair<string, string>(\"grant_type\", \"password\");").Line, site.GetProperty("line").GetInt32());
            Assert.Equal("Program (top-level)", site.GetProperty("shortMember").GetString());
            Assert.Contains("1 other framework left out (--all-frameworks analyses them too)", run.Stderr, StringComparison.Ordinal);
            Assert.Matches(@"\[1/1\] Loaded Kiosk\.csproj \(net10\.0\): \d+\.\d s", run.Stderr);
            Assert.Matches(@"\[1/1\] Kiosk \(net10\.0\): 1 ROPC site, 0 other findings, 0 approvals, compiler errors \(\d+\.\d s\)", run.Stderr);
            Assert.Equal(1, json.GetProperty("summary").GetProperty("incompleteProjects").GetInt32());

            var table = File.ReadAllText(folder["kiosk.txt"]);
            Assert.Matches(@"\n  unapproved  Program\.cs:3:13 +Program \(top-level\) +form field grant_type=password +0 +-\n", table);
            Assert.Contains("; 1 project analysed, 0 projects and 0 documents skipped, 1 project incomplete.", table, StringComparison.Ordinal);
            Assert.DoesNotContain(table.Split('\n'), line => line.Length > 200);
        }

        [Fact]
        public void AllFrameworks_MergesTheSharedSite_CountsTheProjectIncompleteOnce_AndFailsTheGate()
        {
            var run = InventoryTool.Run(folder.Path, "Kiosk/Kiosk.csproj", "--all-frameworks", "--fail-on-skipped", "--format", "json");
            Assert.True(run.ExitCode == 3, run.ToString());
            var json = run.StdoutJson;
            Assert.Equal(new[] { "Kiosk(net10.0)", "Kiosk(net10.0-windows)" }, json.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToArray());
            var sites = json.GetProperty("sites").EnumerateArray().ToList();
            Assert.Equal(2, sites.Count);
            Assert.Equal(new[] { "Kiosk(net10.0)", "Kiosk(net10.0-windows)" }, Projects(sites[0]));
            Assert.Equal(new[] { "Kiosk(net10.0-windows)" }, Projects(sites[1]));

            // Two compiler-error entries (one per framework), one incomplete project.
            Assert.Equal(2, json.GetProperty("problems").EnumerateArray().Count(p => p.GetProperty("kind").GetString() == "compiler-errors"));
            Assert.Equal(1, json.GetProperty("summary").GetProperty("incompleteProjects").GetInt32());
            Assert.Contains("incomplete: 1 project (see the report's problems).", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("error: something could not be analysed, or a project is incomplete (--fail-on-skipped)", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void Timeout_WritesThePartialReports_MarkedPartial_AndExitsThree()
        {
            var run = InventoryTool.Run(folder.Path, "Kiosk/Kiosk.csproj", "--timeout", "0.2s", "--format", "json", "--output", "partial.txt", "--output", "partial.html", "--output", "partial.sarif");
            Assert.True(run.ExitCode == 3, run.ToString());
            var json = run.StdoutJson;
            Assert.Equal("timed out after 0.2s (--timeout): 0 of 1 project analysed", json.GetProperty("partial").GetString());
            Assert.True(json.GetProperty("summary").GetProperty("partial").GetBoolean());
            var problem = Assert.Single(json.GetProperty("problems").EnumerateArray());
            Assert.Equal("project-not-analysed", problem.GetProperty("kind").GetString());
            Assert.Equal("Kiosk.csproj", problem.GetProperty("path").GetString());
            Assert.Contains("error: timed out after 0.2s (--timeout): 0 of 1 project analysed; the reports are marked partial.", run.Stderr, StringComparison.Ordinal);
            Assert.StartsWith("ropc-inventory 0.1.0: Kiosk.csproj, reference date ", File.ReadAllText(folder["partial.txt"]), StringComparison.Ordinal);
            Assert.Contains("\nPARTIAL: timed out after 0.2s", File.ReadAllText(folder["partial.txt"]), StringComparison.Ordinal);
            Assert.Contains("data-partial=\"true\"", File.ReadAllText(folder["partial.html"]), StringComparison.Ordinal);
            var invocation = JsonDocument.Parse(File.ReadAllText(folder["partial.sarif"])).RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
            Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        }

        [Fact]
        public void CtrlC_WritesThePartialReports_AndExits130()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var run = InventoryTool.RunAndInterrupt(folder.Path, "Using the .NET SDK", "Kiosk/Kiosk.csproj", "--format", "json", "--output", "partial.md");
            Assert.True(run.ExitCode == 130, run.ToString());
            Assert.Equal("interrupted: 0 of 1 project analysed", run.StdoutJson.GetProperty("partial").GetString());
            Assert.Contains("error: interrupted: 0 of 1 project analysed; the reports are marked partial.", run.Stderr, StringComparison.Ordinal);
            Assert.StartsWith("> **Partial inventory**: interrupted: 0 of 1 project analysed.", File.ReadAllText(folder["partial.md"]), StringComparison.Ordinal);
        }

        private static string?[] Projects(JsonElement site) => site.GetProperty("projects").EnumerateArray().Select(p => p.GetString()).ToArray();
    }
}
