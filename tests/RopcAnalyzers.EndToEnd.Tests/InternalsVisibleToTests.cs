using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

namespace RopcAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// The package in a solution whose projects see each other's internals ([InternalsVisibleTo]), built with
    /// TreatWarningsAsErrors: the attribute that the package compiles into each project is then found twice (CS0436).
    /// One solution holds every arrangement, so that one build checks them all:
    /// <list type="bullet">
    /// <item>Lib: the package, C# latest, InternalsVisibleTo for every other project;</item>
    /// <item>App: the package, C# 7.3, and the internals of Lib (the package's copy), OwnCopy (a hand-written copy)
    /// and NoPackage (no copy);</item>
    /// <item>OwnCopy: the package with RopcAnalyzersEmbedAttribute=false and its own copy, and the internals of Lib;</item>
    /// <item>Generated: the package with RopcAnalyzersEmbedAttribute=false, its copy (and a Microsoft.CodeAnalysis.EmbeddedAttribute)
    /// from another package's source generator, and the internals of Lib;</item>
    /// <item>NoPackage: no package, approving with Lib's attribute, and InternalsVisibleTo App.</item>
    /// </list>
    /// Each project with the analyzers has an approved request, which must stay silent, and an unapproved one, which
    /// must report ROPC001 (kept a warning through WarningsNotAsErrors, so the build shows every project's result).
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class InternalsVisibleToTests
    {
        private const string UnapprovedPair = "{ \"grant_type\", \"password\" }";

        private static readonly string[] AnalyzedProjects = { "Lib", "App", "OwnCopy", "Generated" };

        private readonly PackedPackage package;

        public InternalsVisibleToTests(PackedPackage package) => this.package = package;

        [Fact]
        public void EveryArrangement_BuildsWithoutCS0436_UnderTreatWarningsAsErrors_AndApprovalsStillCount()
        {
            var solution = CreateSolution("ivt-arrangements");

            var build = solution.Build();

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Empty(BuildOutput.AnalyzerFailures(build));
            var expected = AnalyzedProjects
                .Select(project => (File: project + "Login.cs", Location: Locate(LoginSource(project), UnapprovedPair)))
                .Select(unapproved => $"{unapproved.File}({unapproved.Location.Line},{unapproved.Location.Column}): warning ROPC001")
                .OrderBy(line => line, StringComparer.Ordinal);
            Assert.Equal(expected, BuildOutput.Diagnostics(build).Select(d => d.ToString()).OrderBy(line => line, StringComparer.Ordinal));

            // Without the package's suppression each of these would be a CS0436 error. The SARIF log keeps them, marked
            // as suppressed by the package with its reason, so an audit can see what was suppressed and why.
            foreach (var project in new[] { "App", "OwnCopy", "Generated" })
            {
                var conflicts = SarifLog.Read(solution.PathOf($"{project}/{project}.sarif")).Results
                    .Where(result => result.GetProperty("ruleId").GetString() == "CS0436")
                    .ToList();
                Assert.NotEmpty(conflicts);
                foreach (var conflict in conflicts)
                {
                    Assert.Contains("TrustedLegacyRopcAttribute", conflict.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
                    var suppression = Assert.Single(conflict.GetProperty("suppressions").EnumerateArray());
                    Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
                    var suppressedBy = suppression.GetProperty("properties").GetProperty("suppressionType").GetString();
                    Assert.Contains("Suppression Id: ROPCSPR001, Suppression Justification: Both types are RopcAnalyzers.TrustedLegacyRopcAttribute", suppressedBy, StringComparison.Ordinal);
                }
            }
        }

        private ConsumerSolution CreateSolution(string name)
        {
            var solution = new ConsumerSolution(package, name, """
                <Project>
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <WarningsNotAsErrors>ROPC001</WarningsNotAsErrors>
                    <RopcAnalyzersFailOnUnapproved>false</RopcAnalyzersFailOnUnapproved>
                    <NuGetAudit>false</NuGetAudit>
                    <ErrorLog>$(MSBuildProjectDirectory)/$(MSBuildProjectName).sarif,version=2.1</ErrorLog>
                  </PropertyGroup>
                </Project>
                """);
            var withPackage = $"<ItemGroup>{ConsumerSolution.PackageReference}</ItemGroup>";
            static string References(params string[] projects)
                => "<ItemGroup>" + string.Concat(projects.Select(p => $"<ProjectReference Include=\"../{p}/{p}.csproj\" />")) + "</ItemGroup>";
            const string ownCopy = "<PropertyGroup><RopcAnalyzersEmbedAttribute>false</RopcAnalyzersEmbedAttribute></PropertyGroup>";

            solution.AddProject("Lib", "<PropertyGroup><LangVersion>latest</LangVersion></PropertyGroup>" + withPackage, Login("Lib", "App", "OwnCopy", "Generated", "NoPackage"));
            solution.AddProject("NoPackage", References("Lib"), Login("NoPackage", "App"));
            solution.AddProject("OwnCopy", ownCopy + withPackage + References("Lib"), Login("OwnCopy", "App"), ("TrustedLegacyRopcAttribute.cs", OwnAttributeCopy));
            solution.AddProject("App", "<PropertyGroup><LangVersion>7.3</LangVersion></PropertyGroup>" + withPackage + References("Lib", "OwnCopy", "NoPackage"), Login("App"), ("Friends.cs", """
                namespace App
                {
                    internal static class Friends
                    {
                        // The internals of all three referenced projects are in reach.
                        internal static object[] Logins => new object[] { typeof(Lib.LibLogin), typeof(OwnCopy.OwnCopyLogin), typeof(NoPackage.NoPackageLogin) };
                    }
                }
                """));
            solution.AddProject("ApprovalGenerator", """
                <PropertyGroup>
                  <TargetFramework>netstandard2.0</TargetFramework>
                  <IsRoslynComponent>true</IsRoslynComponent>
                  <EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules>
                </PropertyGroup>
                <ItemGroup>
                  <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="4.8.0" PrivateAssets="all" />
                  <PackageReference Include="Microsoft.CodeAnalysis.Analyzers" Version="3.11.0" PrivateAssets="all" />
                </ItemGroup>
                """, ("ApprovalGenerator.cs", $$""""
                using Microsoft.CodeAnalysis;

                namespace ApprovalGenerator
                {
                    /// <summary>Another package's generator that declares the approval attribute, as a team's own copy.</summary>
                    [Generator(LanguageNames.CSharp)]
                    public sealed class Generator : IIncrementalGenerator
                    {
                        public void Initialize(IncrementalGeneratorInitializationContext context)
                        {
                            context.RegisterPostInitializationOutput(output =>
                            {
                                output.AddSource("EmbeddedAttribute.g.cs", @"
                                    namespace Microsoft.CodeAnalysis
                                    {
                                        internal sealed partial class EmbeddedAttribute : global::System.Attribute
                                        {
                                        }
                                    }");
                                output.AddSource("TrustedLegacyRopcAttribute.g.cs", @"{{OwnAttributeCopy}}");
                            });
                        }
                    }
                }
                """"));
            solution.AddProject(
                "Generated",
                ownCopy + withPackage + References("Lib")
                + "<ItemGroup><ProjectReference Include=\"../ApprovalGenerator/ApprovalGenerator.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" /></ItemGroup>",
                Login("Generated"));
            return solution;
        }

        /// <summary>A team's own declaration of the attribute, matched by the analyzers by its full name.</summary>
        private const string OwnAttributeCopy = """
            namespace RopcAnalyzers
            {
                [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Class)]
                internal sealed class TrustedLegacyRopcAttribute : System.Attribute
                {
                    public TrustedLegacyRopcAttribute(string justification) { Justification = justification; }
                    public string Justification { get; }
                    public string Owner { get; set; }
                    public string Expires { get; set; }
                }
            }
            """;

        private static (string FileName, string Content) Login(string project, params string[] friends)
            => (project + "Login.cs", LoginSource(project, friends));

        /// <summary>An approved and an unapproved password-grant request, in C# 7.3, with the project's friends on one line (so the lines do not move).</summary>
        private static string LoginSource(string project, params string[] friends) => $$"""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            {{string.Join(" ", friends.Select(friend => $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{friend}\")]"))}}

            namespace {{project}}
            {
                internal static class {{project}}Login
                {
                    [RopcAnalyzers.TrustedLegacyRopc("The warehouse scanners' IdP has no browser or device flow yet", Owner = "team-warehouse", Expires = "{{DateTime.UtcNow.AddYears(1):yyyy-MM-dd}}")]
                    internal static Task<HttpResponseMessage> ApprovedAsync(HttpClient http, string userName, string password)
                    {
                        return http.PostAsync("https://login.example.com/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["grant_type"] = "password",
                            ["username"] = userName,
                            ["password"] = password,
                        }));
                    }

                    internal static Task<HttpResponseMessage> UnapprovedAsync(HttpClient http, string userName, string password)
                    {
                        return http.PostAsync("https://login.example.com/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            {{UnapprovedPair}},
                            { "username", userName },
                            { "password", password },
                        }));
                    }
                }
            }
            """;

        private static (int Line, int Column) Locate(string source, string text)
        {
            var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
            return (line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1);
        }
    }
}
