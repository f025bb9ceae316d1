using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;

namespace RopcAnalyzers.EndToEnd.Tests.Infrastructure
{
    /// <summary>
    /// A user's solution of several class libraries in a temporary folder, built with one `dotnet build` of its
    /// .slnx. Restore is offline: RopcAnalyzers comes only from the local feed, anything else (such as the
    /// Microsoft.CodeAnalysis packages of a source generator project) from the packages that the test restore brought.
    /// </summary>
    public sealed class ConsumerSolution
    {
        public const string SolutionFileName = "Consumer.slnx";

        private readonly PackedPackage package;
        private readonly List<string> projects = new();

        public ConsumerSolution(PackedPackage package, string name, string directoryBuildProps)
        {
            this.package = package;
            Directory = package.NewConsumerDirectory(name);
            WriteFile("NuGet.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{SecurityElement.Escape(package.FeedDirectory)}" />
                    <add key="restored" value="{SecurityElement.Escape(DotNet.GlobalPackagesFolder)}" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local">
                      <package pattern="RopcAnalyzers" />
                    </packageSource>
                    <packageSource key="restored">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                  <config>
                    <add key="globalPackagesFolder" value="{SecurityElement.Escape(package.PackagesDirectory)}" />
                  </config>
                </configuration>
                """);
            WriteFile("Directory.Build.props", directoryBuildProps);
        }

        public string Directory { get; }

        /// <summary>
        /// The PackageReference exactly as `dotnet add package RopcAnalyzers` writes it (a private development
        /// dependency without compile assets; InstalledPackageTests checks what the command writes).
        /// </summary>
        public static string PackageReference => $"""
            <PackageReference Include="RopcAnalyzers" Version="{Repository.PackageVersion}">
                  <PrivateAssets>all</PrivateAssets>
                  <IncludeAssets>runtime; build; native; contentfiles; analyzers; buildtransitive</IncludeAssets>
                </PackageReference>
            """;

        /// <summary>Adds <paramref name="name"/>/<paramref name="name"/>.csproj with <paramref name="projectBody"/> inside its Project element, and its sources.</summary>
        public void AddProject(string name, string projectBody, params (string FileName, string Content)[] sources)
        {
            System.IO.Directory.CreateDirectory(PathOf(name));
            WriteFile(Path.Combine(name, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                {projectBody}
                </Project>
                """);
            foreach (var (fileName, content) in sources)
            {
                WriteFile(Path.Combine(name, fileName), content);
            }

            projects.Add(name);
        }

        /// <summary>`dotnet build` of the whole solution (a developer's machine: no CI variable), with extra arguments.</summary>
        public CommandResult Build(params string[] arguments)
        {
            WriteFile(SolutionFileName, "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}/{p}.csproj\" />\n")) + "</Solution>\n");
            return DotNet.Run(
                Directory,
                new[] { "build", SolutionFileName, "-nodeReuse:false", "-tl:off", "-clp:NoSummary" }.Concat(arguments),
                new Dictionary<string, string?> { ["NUGET_PACKAGES"] = package.PackagesDirectory });
        }

        public void WriteFile(string relativePath, string content) => File.WriteAllText(PathOf(relativePath), content);

        public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);
    }
}
