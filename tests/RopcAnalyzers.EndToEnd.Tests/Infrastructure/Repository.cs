using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace RopcAnalyzers.EndToEnd.Tests.Infrastructure
{
    /// <summary>Where the repository under test is, and the package version it builds (written into this assembly at build time).</summary>
    public static class Repository
    {
        public static string Root { get; } = Path.GetFullPath(Metadata("RopcAnalyzers.RepositoryRoot"));

        public static string PackageVersion { get; } = Metadata("RopcAnalyzers.PackageVersion");

        /// <summary>The Microsoft.CodeAnalysis version the analyzers compile against (Directory.Build.props).</summary>
        public static Version RoslynFloorVersion { get; } = AssemblyVersionOf(Version.Parse(Metadata("RopcAnalyzers.RoslynFloorVersion")));

        /// <summary>4.8.0 as an assembly reference carries it: 4.8.0.0.</summary>
        private static Version AssemblyVersionOf(Version version) => new(version.Major, version.Minor, Math.Max(version.Build, 0), Math.Max(version.Revision, 0));

        public static string PackageProject => Path.Combine(Root, "src", "RopcAnalyzers.Package", "RopcAnalyzers.Package.csproj");

        public static string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

        private static string Metadata(string key)
            => typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
               ?? throw new InvalidOperationException($"The test assembly has no {key} metadata: build it with its project file.");
    }
}
