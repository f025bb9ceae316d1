using System;
using System.Linq;
using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

namespace RopcAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// RopcAnalyzersFailOnUnapproved, from the installed package's buildTransitive targets: on by default in CI,
    /// off elsewhere, an explicit setting wins, and the compiler's usual switches keep working.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class CiGatingTests
    {
        private readonly PackedPackage package;

        public CiGatingTests(PackedPackage package) => this.package = package;

        [Theory]
        [InlineData(BuildHost.GitHubActions)]
        [InlineData(BuildHost.AzurePipelines)]
        public void CiBuild_FailsWithRopc001AsAnError(BuildHost host)
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "ci-" + host, ConsumerSources.Unapproved);

            var build = consumer.Build(host);

            AssertFailsWithRopc001Error(build);
        }

        [Fact]
        public void ContinuousIntegrationBuildProperty_TurnsTheGateOn()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "ci-property", ConsumerSources.Unapproved);

            var build = consumer.Build(BuildHost.Local, "-p:ContinuousIntegrationBuild=true");

            AssertFailsWithRopc001Error(build);
        }

        [Fact]
        public void ExplicitTrue_GatesALocalBuild()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "explicit-on", ConsumerSources.Unapproved);

            var build = consumer.Build(BuildHost.Local, "-p:RopcAnalyzersFailOnUnapproved=true");

            AssertFailsWithRopc001Error(build);
        }

        [Fact]
        public void ExplicitFalse_InTheProjectFile_WinsOverTheCiDefault()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "explicit-off", ConsumerSources.Unapproved);
            var project = consumer.ReadFile(ConsumerProject.ProjectFileName);
            consumer.WriteFile(ConsumerProject.ProjectFileName, project.Replace(
                "<Nullable>enable</Nullable>",
                "<Nullable>enable</Nullable>\n    <RopcAnalyzersFailOnUnapproved>false</RopcAnalyzersFailOnUnapproved>",
                StringComparison.Ordinal));

            var build = consumer.Build(BuildHost.GitHubActions);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Equal(new[] { "warning ROPC001" }, BuildOutput.RopcDiagnostics(build).Select(d => $"{d.Severity} {d.Id}"));
        }

        [Fact]
        public void ExplicitFalse_InDirectoryBuildTargets_WinsOverTheCiDefault()
        {
            // Directory.Build.targets is imported after the package's targets: the gate must still see the setting.
            var consumer = ConsumerProject.CreateWithPackage(package, "explicit-off-dbt", ConsumerSources.Unapproved);
            consumer.WriteFile("Directory.Build.targets", """
                <Project>
                  <PropertyGroup>
                    <RopcAnalyzersFailOnUnapproved>false</RopcAnalyzersFailOnUnapproved>
                  </PropertyGroup>
                </Project>
                """);

            var build = consumer.Build(BuildHost.AzurePipelines);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Equal(new[] { "warning ROPC001" }, BuildOutput.RopcDiagnostics(build).Select(d => $"{d.Severity} {d.Id}"));
        }

        [Fact]
        public void GatedBuild_PassesOnceTheRequestIsApprovedWithAJustification()
        {
            // The attribute comes from the package's buildTransitive props: `dotnet add package` leaves out compile assets.
            Assert.NotEqual(ConsumerSources.Unapproved, ConsumerSources.Approved);
            var consumer = ConsumerProject.CreateWithPackage(package, "approve-in-ci", ConsumerSources.Unapproved);
            var failing = consumer.Build(BuildHost.GitHubActions);
            AssertFailsWithRopc001Error(failing);

            consumer.WriteFile("Program.cs", ConsumerSources.Approved);
            var passing = consumer.Build(BuildHost.GitHubActions);

            Assert.True(passing.ExitCode == 0, passing.ToString());
            // Not a single warning: the attribute source adds none either (nullable is enabled in the consumer).
            Assert.Empty(BuildOutput.Diagnostics(passing));
        }

        [Fact]
        public void TurningTheGateOn_AfterAnUngatedBuild_RecompilesAndFails()
        {
            // Without the gate among the compiler's inputs, the second build would reuse the first one's output and pass.
            var consumer = ConsumerProject.CreateWithPackage(package, "toggle", ConsumerSources.Unapproved);

            var local = consumer.Build(BuildHost.Local);
            var gated = consumer.Build(BuildHost.Local, "-p:RopcAnalyzersFailOnUnapproved=true");

            Assert.True(local.ExitCode == 0, local.ToString());
            AssertFailsWithRopc001Error(gated);
        }

        [Fact]
        public void EditorConfigSeverityNone_KeepsTheRuleSilent_EvenInCi()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "editorconfig-none", ConsumerSources.Unapproved);
            consumer.WriteFile(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.ROPC001.severity = none\n");

            var build = consumer.Build(BuildHost.GitHubActions);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Empty(BuildOutput.RopcDiagnostics(build));
        }

        [Fact]
        public void WarnAsError_FailsALocalBuild()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "warnaserror", ConsumerSources.Unapproved);

            var build = consumer.Build(BuildHost.Local, "-warnaserror");

            Assert.True(build.ExitCode != 0, build.ToString());
            Assert.Contains(BuildOutput.RopcDiagnostics(build), d => d.Id == "ROPC001" && d.Severity == "error");
        }

        private static void AssertFailsWithRopc001Error(CommandResult build)
        {
            Assert.True(build.ExitCode != 0, "The build should have failed. " + build);
            var diagnostic = Assert.Single(BuildOutput.RopcDiagnostics(build));
            Assert.Equal(("Program.cs", ConsumerSources.RequestLocation.Line, ConsumerSources.RequestLocation.Column, "error", "ROPC001"), (diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Severity, diagnostic.Id));
            Assert.Empty(BuildOutput.AnalyzerFailures(build));
        }
    }
}
