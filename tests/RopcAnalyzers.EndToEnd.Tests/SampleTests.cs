using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

namespace RopcAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// The samples report what samples/README.md says they report. They take the analyzers from the repository
    /// (samples/UseRopcAnalyzers.targets) and are built here in Release into the packed package's temporary
    /// artifacts folder, where the analyzers are already built.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class SampleTests
    {
        private readonly PackedPackage package;

        public SampleTests(PackedPackage package) => this.package = package;

        [Fact]
        public void LegacyClient_ReportsTheUnapprovedRequest_AndTheStoredPassword()
        {
            var (build, log) = BuildSample("LegacyClient", BuildHost.Local);

            Assert.True(build.ExitCode == 0, build.ToString());
            // ROPC002 is expected wherever the analyzers implement it (they describe every rule they support).
            var expected = new[] { "ROPC001", "ROPC002" }.Where(log.SupportedRopcRules.Contains);
            Assert.Equal(expected, RuleIds(log));
            AssertReportedAt(log, "ROPC001", "LegacyClient", "ApiSession.cs", "http.RequestPasswordTokenAsync(");
        }

        [Fact]
        public void MsalConsole_ReportsAcquireTokenByUsernamePassword()
        {
            var (build, log) = BuildSample("MsalConsole", BuildHost.Local);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Equal(new[] { "ROPC001" }, RuleIds(log));
            AssertReportedAt(log, "ROPC001", "MsalConsole", "Program.cs", "app.AcquireTokenByUsernamePassword(");
        }

        [Fact]
        public void ApprovedLegacy_BuildsCleanInCi_UntilItsApprovalExpires()
        {
            var (build, log) = BuildSample("ApprovedLegacy", BuildHost.GitHubActions);

            var source = File.ReadAllText(Repository.PathOf("samples", "ApprovedLegacy", "ApiSession.cs"));
            var expires = DateTime.ParseExact(Regex.Match(source, "Expires = \"([0-9-]+)\"").Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (DateTime.UtcNow.Date > expires && log.SupportedRopcRules.Contains("ROPC004"))
            {
                // The approval did its job: the sample needs a new date (or, in real code, the migration).
                Assert.Equal(new[] { "ROPC004" }, RuleIds(log));
                return;
            }

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Empty(RuleIds(log));
        }

        [Fact]
        public void MigratedClient_BuildsCleanInCi()
        {
            var (build, log) = BuildSample("MigratedClient", BuildHost.GitHubActions);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Empty(RuleIds(log));
        }

        private (CommandResult Build, SarifLog Log) BuildSample(string name, BuildHost host)
        {
            var logPath = Path.Combine(package.WorkDirectory, $"sample-{name}.sarif");
            var environment = new Dictionary<string, string?>();
            if (host == BuildHost.GitHubActions)
            {
                environment["CI"] = "true";
            }

            var build = DotNet.Run(
                Repository.Root,
                new[]
                {
                    "build", Repository.PathOf("samples", name, name + ".csproj"),
                    "-c", "Release",
                    "--artifacts-path", package.ArtifactsDirectory,
                    "-nodeReuse:false", "-tl:off", "-clp:NoSummary",
                    // Offline: restore from the packages the test restore brought, and no vulnerability audit (it asks the registry).
                    "-p:RestoreSources=" + DotNet.GlobalPackagesFolder,
                    "-p:NuGetAudit=false",
                    $"-p:ErrorLog={logPath}%2Cversion%3D2.1",
                },
                environment);
            Assert.True(File.Exists(logPath), build.ToString());
            Assert.Empty(BuildOutput.AnalyzerFailures(build));
            return (build, SarifLog.Read(logPath));
        }

        private static IReadOnlyList<string> RuleIds(SarifLog log)
            => log.RopcResults.Select(result => result.GetProperty("ruleId").GetString()!).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();

        /// <summary>Asserts that <paramref name="id"/> is reported once, where <paramref name="text"/> starts in the sample's file.</summary>
        private static void AssertReportedAt(SarifLog log, string id, string sample, string file, string text)
        {
            var lines = File.ReadAllLines(Repository.PathOf("samples", sample, file));
            var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
            Assert.True(line >= 0, $"{text} is not in {sample}/{file}");

            var result = Assert.Single(log.RopcResults, r => r.GetProperty("ruleId").GetString() == id);
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith($"/{sample}/{file}", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.Equal(
                (line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1),
                (location.GetProperty("region").GetProperty("startLine").GetInt32(), location.GetProperty("region").GetProperty("startColumn").GetInt32()));
        }
    }
}
