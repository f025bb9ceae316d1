using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RopcAnalyzers.EndToEnd.Tests.Infrastructure
{
    /// <summary>Where a build runs, as far as the CI gate is concerned.</summary>
    public enum BuildHost
    {
        /// <summary>A developer's machine or the IDE: none of CI, TF_BUILD, ContinuousIntegrationBuild is set.</summary>
        Local,

        /// <summary>GitHub Actions, GitLab and most CI services: CI=true.</summary>
        GitHubActions,

        /// <summary>Azure Pipelines: TF_BUILD=True.</summary>
        AzurePipelines,
    }

    /// <summary>
    /// A user's console project in a temporary folder, outside the repository: a plain net10.0 console app whose
    /// NuGet.config lists only the local feed, with a packages folder of its own, so restore needs no network.
    /// </summary>
    public sealed class ConsumerProject
    {
        public const string ProjectFileName = "Consumer.csproj";

        private readonly PackedPackage package;

        private ConsumerProject(PackedPackage package, string directory)
        {
            this.package = package;
            Directory = directory;
        }

        public string Directory { get; }

        public string ProjectPath => Path.Combine(Directory, ProjectFileName);

        /// <summary>Creates the project with <paramref name="programSource"/> as Program.cs (no package added yet).</summary>
        public static ConsumerProject Create(PackedPackage package, string name, string programSource)
        {
            var consumer = new ConsumerProject(package, package.NewConsumerDirectory(name));
            consumer.WriteFile(ProjectFileName, """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                </Project>
                """);
            consumer.WriteFile("NuGet.config", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{package.FeedDirectory}" />
                  </packageSources>
                  <config>
                    <add key="globalPackagesFolder" value="{package.PackagesDirectory}" />
                  </config>
                </configuration>
                """);
            consumer.WriteFile("Program.cs", programSource);
            return consumer;
        }

        /// <summary>Creates the project and installs the package exactly as a user does: `dotnet add package RopcAnalyzers`.</summary>
        public static ConsumerProject CreateWithPackage(PackedPackage package, string name, string programSource)
        {
            var consumer = Create(package, name, programSource);
            var added = consumer.AddPackage();
            if (added.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet add package failed: {added}");
            }

            return consumer;
        }

        public CommandResult AddPackage()
            => Run(new[] { "add", ProjectPath, "package", "RopcAnalyzers", "--source", package.FeedDirectory }, BuildHost.Local);

        /// <summary>`dotnet build` of the project, on <paramref name="host"/>, with extra arguments.</summary>
        public CommandResult Build(BuildHost host, params string[] arguments)
            => Run(new[] { "build", ProjectPath, "-nodeReuse:false", "-tl:off", "-clp:NoSummary" }.Concat(arguments), host);

        public void WriteFile(string relativePath, string content) => File.WriteAllText(Path.Combine(Directory, relativePath), content);

        public string ReadFile(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

        public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

        private CommandResult Run(IEnumerable<string> arguments, BuildHost host)
        {
            var environment = new Dictionary<string, string?>
            {
                // Overrides any NUGET_PACKAGES of the machine: only this run's packages folder is used.
                ["NUGET_PACKAGES"] = package.PackagesDirectory,
            };
            switch (host)
            {
                case BuildHost.GitHubActions:
                    environment["CI"] = "true";
                    break;
                case BuildHost.AzurePipelines:
                    environment["TF_BUILD"] = "True";
                    break;
            }

            return DotNet.Run(Directory, arguments, environment);
        }
    }
}
