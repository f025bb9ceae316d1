using System;
using System.Collections.Generic;
using System.Linq;
using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

namespace RopcAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// ROPC configured in JSON files, through the installed package: its MSBuild files pass appsettings*.json (the
    /// RopcAnalyzersConfigurationFile items) to the analyzers. One consumer with several files, built as a developer
    /// (with a SARIF log) and as CI.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class ConfigurationFileTests
    {
        /// <summary>A client (ROPC001) with its password (ROPC008), and a section approved until a year from now.</summary>
        private const string ClientSettings = """
            {
              // ABP's identity client, read by its token service.
              "IdentityClients": {
                "Default": {
                  "GrantType": "password",
                  "ClientId": "Sample_App",
                  "UserName": "admin",
                  "UserPassword": "1q2w3E*",
                  "Authority": "https://login.example.com",
                },
              },
              "Scanners": {
                "GrantType": "password",
                "TrustedLegacyRopc": { "Justification": "Warehouse scanners: no browser (IAM-1234)", "Owner": "team-warehouse", "Expires": "2099-06-30" }
              },
              "ConnectionStrings": { "Default": "Server=db;User Id=app;Password=s3cret;" }
            }
            """;

        /// <summary>A server that allows the grant (ROPC009), and an OpenIddict application whose approval has expired (ROPC004).</summary>
        private const string ServerSettings = """
            {
              "IdentityServer": {
                "Clients": [
                  { "ClientId": "legacy", "AllowedGrantTypes": [ "password", "client_credentials" ] },
                  { "ClientId": "web", "AllowedGrantTypes": [ "authorization_code" ] }
                ]
              },
              "OpenIddict": {
                "Applications": [
                  {
                    "ClientId": "kiosk",
                    "Permissions": [ "ept:token", "gt:password" ],
                    "TrustedLegacyRopc": { "Justification": "Kiosk until the device flow ships (IAM-77)", "Expires": "2020-01-31" }
                  }
                ]
              }
            }
            """;

        private const string BrokenSettings = "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" }\n";

        private const string DevelopmentSettings = """{ "Local": { "GrantType": "password", "Password": "dev" } }""";

        private const string LegacySettings = """{ "Legacy": { "grant_type": "password" } }""";

        private readonly PackedPackage package;

        public ConfigurationFileTests(PackedPackage package) => this.package = package;

        [Fact]
        public void ConfigurationFiles_AreReportedAtTheirJsonLocations_InTheBuildTheSarifLogAndCi_UnlessSwitchedOff()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "configuration", ConsumerSources.Approved);
            consumer.WriteFile("appsettings.json", ClientSettings);
            consumer.WriteFile("appsettings.Server.json", ServerSettings);
            consumer.WriteFile("appsettings.Broken.json", BrokenSettings);
            consumer.WriteFile("appsettings.Development.json", DevelopmentSettings);
            System.IO.Directory.CreateDirectory(consumer.PathOf("config"));
            consumer.WriteFile("config/legacy.json", LegacySettings);
            var project = consumer.ReadFile(ConsumerProject.ProjectFileName);
            consumer.WriteFile(ConsumerProject.ProjectFileName, project.Replace("</Project>", """
                  <ItemGroup>
                    <RopcAnalyzersConfigurationFile Remove="appsettings.Development.json" />
                    <RopcAnalyzersConfigurationFile Include="config/legacy.json" />
                    <!-- Already an additional file: marked, not added twice (the SARIF log would show a duplicate). -->
                    <AdditionalFiles Include="config/legacy.json" />
                  </ItemGroup>
                </Project>
                """, StringComparison.Ordinal));
            var logPath = consumer.PathOf("ropc.sarif");

            var local = consumer.Build(BuildHost.Local, $"-p:ErrorLog={logPath}%2Cversion%3D2.1");

            Assert.True(local.ExitCode == 0, local.ToString());
            Assert.Empty(BuildOutput.AnalyzerFailures(local));
            var expected = new[]
            {
                Expect("appsettings.json", ClientSettings, "\"password\"", "warning", "ROPC001"),
                Expect("appsettings.json", ClientSettings, "\"1q2w3E*\"", "warning", "ROPC008"),
                Expect("appsettings.Server.json", ServerSettings, "\"password\"", "warning", "ROPC009"),
                Expect("appsettings.Server.json", ServerSettings, "\"2020-01-31\"", "warning", "ROPC004"),
                Expect("legacy.json", LegacySettings, "\"password\"", "warning", "ROPC001"),
            };
            Assert.Equal(Sorted(expected), Sorted(BuildOutput.RopcDiagnostics(local).Where(d => d.Severity == "warning").Select(d => d.ToString())));

            // The SARIF log has every result at its JSON location, and the malformed file's note.
            var log = SarifLog.Read(logPath);
            var results = log.RopcResults.Select(result =>
            {
                var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var file = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                var region = location.GetProperty("region");
                return $"{file.Substring(file.LastIndexOf('/') + 1)}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()}): {result.GetProperty("level").GetString()} {result.GetProperty("ruleId").GetString()}";
            });
            var broken = $"appsettings.Broken.json(2,1): note ROPC011";
            Assert.Equal(Sorted(expected.Append(broken)), Sorted(results));
            Assert.EndsWith("rules.md#ropc011-configuration-file-is-not-valid-json", log.Rules["ROPC011"].GetProperty("helpUri").GetString(), StringComparison.Ordinal);

            // CI: the gated rules are errors in the JSON files as in C#; ROPC011 is not gated.
            var ci = consumer.Build(BuildHost.GitHubActions);

            Assert.True(ci.ExitCode != 0, ci.ToString());
            Assert.Equal(
                Sorted(expected.Select(line => line.Replace(": warning ", ": error ", StringComparison.Ordinal))),
                Sorted(BuildOutput.RopcDiagnostics(ci).Where(d => d.Severity != "info").Select(d => d.ToString())));

            // RopcAnalyzersAnalyzeConfiguration=false reads none of them (and recompiles: the additional files changed).
            var off = consumer.Build(BuildHost.GitHubActions, "-p:RopcAnalyzersAnalyzeConfiguration=false");

            Assert.True(off.ExitCode == 0, off.ToString());
            Assert.Empty(BuildOutput.RopcDiagnostics(off));
        }

        /// <summary>"file(line,column): severity id" of the first occurrence of <paramref name="text"/> (1-based, as the compiler writes it).</summary>
        private static string Expect(string file, string json, string text, string severity, string id)
        {
            var offset = json.IndexOf(text, StringComparison.Ordinal);
            Assert.True(offset >= 0, text);
            var before = json.Substring(0, offset);
            var line = before.Count(c => c == '\n') + 1;
            var column = offset - (before.LastIndexOf('\n') + 1) + 1;
            return $"{file}({line},{column}): {severity} {id}";
        }

        private static IEnumerable<string> Sorted(IEnumerable<string> lines) => lines.OrderBy(line => line, StringComparer.Ordinal).ToList();
    }
}
