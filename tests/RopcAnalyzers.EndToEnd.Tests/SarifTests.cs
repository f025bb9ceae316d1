using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

namespace RopcAnalyzers.EndToEnd.Tests
{
    /// <summary>The compiler's SARIF log (ErrorLog), as the README's CI recipes upload it.</summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class SarifTests
    {
        private readonly PackedPackage package;

        public SarifTests(PackedPackage package) => this.package = package;

        [Fact]
        public void GatedBuild_WritesSarif21_WithEveryRuleAndItsHelpUri_AndTheErrorResult()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "sarif", ConsumerSources.Unapproved);
            var logPath = consumer.PathOf("ropc.sarif");

            // The escaped comma keeps MSBuild from splitting the value into two properties (as in the README's recipes).
            var build = consumer.Build(BuildHost.GitHubActions, $"-p:ErrorLog={logPath}%2Cversion%3D2.1");

            Assert.True(build.ExitCode != 0, build.ToString());
            Assert.True(File.Exists(logPath), build.ToString());
            var log = SarifLog.Read(logPath);
            Assert.Equal("2.1.0", log.Version);

            var rule = log.Rules["ROPC001"];
            Assert.Equal(ExpectedHelpUri("ROPC001"), rule.GetProperty("helpUri").GetString());
            Assert.Equal("ROPC token request without trusted-legacy approval", rule.GetProperty("shortDescription").GetProperty("text").GetString());
            foreach (var id in log.SupportedRopcRules)
            {
                // Every rule the package's analyzers support is described, reported or not, with its link.
                Assert.Equal(ExpectedHelpUri(id), log.Rules[id].GetProperty("helpUri").GetString());
            }

            var result = Assert.Single(log.RopcResults);
            Assert.Equal("ROPC001", result.GetProperty("ruleId").GetString());
            Assert.Equal("error", result.GetProperty("level").GetString());
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("/Program.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.Equal(ConsumerSources.RequestLocation.Line, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(ConsumerSources.RequestLocation.Column, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        }

        /// <summary>The rule's link as the README's rule table gives it (itself checked against rules.md by the unit tests), made absolute.</summary>
        private static string ExpectedHelpUri(string id)
        {
            var readme = File.ReadAllText(Repository.PathOf("README.md"));
            var row = readme.Split('\n').Single(line => line.StartsWith($"| {id} |", StringComparison.Ordinal));
            var anchor = Regex.Match(row, @"\(rules\.md(#[a-z0-9-]+)\)").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(anchor), row);
            return "https://github.com/RopcAnalyzers/RopcAnalyzers/blob/main/rules.md" + anchor;
        }
    }
}
