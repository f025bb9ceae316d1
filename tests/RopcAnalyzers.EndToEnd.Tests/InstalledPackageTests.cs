using System;
using System.Linq;
using System.Xml.Linq;
using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

namespace RopcAnalyzers.EndToEnd.Tests
{
    /// <summary>The package as a user installs it with `dotnet add package` and builds on their own machine.</summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class InstalledPackageTests
    {
        private readonly PackedPackage package;

        public InstalledPackageTests(PackedPackage package) => this.package = package;

        [Fact]
        public void DotnetAddPackage_WritesAPrivateDevelopmentDependency_WithoutCompileAssets()
        {
            var consumer = ConsumerProject.Create(package, "add-package", ConsumerSources.Unapproved);

            var added = consumer.AddPackage();

            Assert.True(added.ExitCode == 0, added.ToString());
            var reference = Assert.Single(XDocument.Parse(consumer.ReadFile(ConsumerProject.ProjectFileName)).Descendants("PackageReference"));
            Assert.Equal("RopcAnalyzers", reference.Attribute("Include")?.Value);
            Assert.Equal(Repository.PackageVersion, reference.Attribute("Version")?.Value);
            Assert.Equal("all", reference.Element("PrivateAssets")?.Value);
            var includeAssets = reference.Element("IncludeAssets")?.Value.Split(';').Select(asset => asset.Trim()).ToArray();
            Assert.NotNull(includeAssets);
            Assert.DoesNotContain("compile", includeAssets!);
            Assert.Contains("analyzers", includeAssets!);
            Assert.Contains("buildtransitive", includeAssets!);
        }

        [Fact]
        public void LocalBuild_ReportsRopc001AsAWarning_AndSucceeds()
        {
            var consumer = ConsumerProject.CreateWithPackage(package, "local", ConsumerSources.Unapproved);

            var build = consumer.Build(BuildHost.Local);

            Assert.True(build.ExitCode == 0, build.ToString());
            var diagnostic = Assert.Single(BuildOutput.RopcDiagnostics(build));
            Assert.Equal(
                new BuildDiagnostic("Program.cs", ConsumerSources.RequestLocation.Line, ConsumerSources.RequestLocation.Column, "warning", "ROPC001", diagnostic.Message),
                diagnostic);
            Assert.StartsWith("form field grant_type=password sends the user's password to the token endpoint (ROPC)", diagnostic.Message, StringComparison.Ordinal);
            Assert.EndsWith("(https://github.com/RopcAnalyzers/RopcAnalyzers/blob/main/rules.md#ropc001-ropc-token-request-without-trusted-legacy-approval)", diagnostic.Message, StringComparison.Ordinal);
            Assert.Empty(BuildOutput.AnalyzerFailures(build));
        }

        [Fact]
        public void ApprovalAttribute_CompilesAndApproves_InACSharp73Project()
        {
            // C# 7.3 is the default language of .NET Framework projects, where most legacy ROPC code lives.
            const string classicProgram = """
                using System.Collections.Generic;
                using System.Net.Http;
                using System.Threading.Tasks;

                namespace LegacyFramework
                {
                    public static class Program
                    {
                        public static async Task Main()
                        {
                            using (var http = new HttpClient())
                            {
                                var response = await LogInAsync(http, System.Console.ReadLine(), System.Console.ReadLine());
                                System.Console.WriteLine(response.StatusCode);
                            }
                        }

                        [RopcAnalyzers.TrustedLegacyRopc("The plant's terminals run an IdP without a browser flow", Owner = "team-plant")]
                        private static Task<HttpResponseMessage> LogInAsync(HttpClient http, string userName, string password)
                        {
                            return http.PostAsync("https://login.example.com/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                            {
                                { "grant_type", "password" },
                                { "username", userName },
                                { "password", password },
                            }));
                        }
                    }
                }
                """;
            var consumer = ConsumerProject.CreateWithPackage(package, "csharp-7.3", classicProgram);

            // Gated: the build passes only if the attribute both compiles and approves the request.
            var build = consumer.Build(BuildHost.GitHubActions, "-p:LangVersion=7.3", "-p:Nullable=disable", "-p:ImplicitUsings=disable");

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Empty(BuildOutput.Diagnostics(build));
        }

        [Fact]
        public void EmbedAttributeOff_LetsTheProjectDeclareItsOwnCopy()
        {
            const string ownCopy = """

                namespace RopcAnalyzers
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    internal sealed class TrustedLegacyRopcAttribute : System.Attribute
                    {
                        public TrustedLegacyRopcAttribute(string justification) { }
                        public string? Owner { get; set; }
                        public string? Expires { get; set; }
                    }
                }
                """;
            var consumer = ConsumerProject.CreateWithPackage(package, "own-attribute", ConsumerSources.Approved + ownCopy);

            // With the package's copy still added, the type would be declared twice (CS0101) and the build would fail.
            var build = consumer.Build(BuildHost.Local, "-p:RopcAnalyzersEmbedAttribute=false");

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Empty(BuildOutput.RopcDiagnostics(build));
        }
    }
}
