using System.IO;

namespace RopcAnalyzers.Inventory.Tests.Infrastructure
{
    /// <summary>Small C# projects for generated solutions: plain net10.0 libraries without packages, so they restore offline.</summary>
    public static class SampleProjects
    {
        public const string LibraryProject = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """;

        /// <summary>A project file that MSBuild cannot read: it stops in the middle.</summary>
        public const string BrokenProject = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0
            """;

        /// <summary>Hand-written password grant in a dictionary initializer, outside any approval.</summary>
        public const string OrdersLogin = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Orders
            {
                public sealed class Login
                {
                    public Task<HttpResponseMessage> LogInAsync(HttpClient http, string user, string password)
                        => http.PostAsync("https://login.example.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["grant_type"] = "password",
                            ["username"] = user,
                            ["password"] = password,
                        }));
                }
            }
            """;

        /// <summary>
        /// A nuget.config with a local folder feed ("feed"), packages extracted inside the temp folder (not into the
        /// user's cache), and optionally a package source that refuses connections, as a dead mirror does.
        /// </summary>
        public static string NuGetConfig(bool withDeadSource) => $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="feed" />
                {(withDeadSource ? "<add key=\"dead-mirror\" value=\"http://127.0.0.1:9/v3/index.json\" allowInsecureConnections=\"true\" />" : string.Empty)}
              </packageSources>
            </configuration>
            """;

        /// <summary>Writes an empty package (metadata only) into <paramref name="feedFolder"/>, as 'dotnet pack' would name it.</summary>
        public static void WritePackage(string feedFolder, string id, string version)
        {
            Directory.CreateDirectory(feedFolder);
            using var zip = System.IO.Compression.ZipFile.Open(Path.Combine(feedFolder, $"{id}.{version}.nupkg"), System.IO.Compression.ZipArchiveMode.Create);
            using var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open());
            writer.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>tests</authors>
                    <description>An empty package for restore tests.</description>
                  </metadata>
                </package>
                """);
        }

        /// <summary>The attribute the RopcAnalyzers package adds to a project as source.</summary>
        public static string ApprovalAttribute
            => File.ReadAllText(Path.Combine(InventoryTool.RepositoryRoot, "src", "RopcAnalyzers.Package", "buildTransitive", "TrustedLegacyRopcAttribute.cs"));

        /// <summary>A solution file that lists the given projects (name, relative path), whether MSBuild can load them or not.</summary>
        public static string Solution(params (string Name, string Path)[] projects)
        {
            var text = new System.Text.StringBuilder();
            text.Append("\nMicrosoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n");
            var index = 0;
            foreach (var (name, path) in projects)
            {
                index++;
                text.Append($"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"{name}\", \"{path.Replace('/', '\\')}\", \"{{00000000-0000-0000-0000-{index:D12}}}\"\nEndProject\n");
            }

            text.Append("Global\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\n\t\tDebug|Any CPU = Debug|Any CPU\n\tEndGlobalSection\n");
            text.Append("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\n");
            for (var i = 1; i <= index; i++)
            {
                text.Append($"\t\t{{00000000-0000-0000-0000-{i:D12}}}.Debug|Any CPU.ActiveCfg = Debug|Any CPU\n");
                text.Append($"\t\t{{00000000-0000-0000-0000-{i:D12}}}.Debug|Any CPU.Build.0 = Debug|Any CPU\n");
            }

            text.Append("\tEndGlobalSection\nEndGlobal\n");
            return text.ToString();
        }
    }
}
