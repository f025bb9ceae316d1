using System.Reflection;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>The repository under test (its root is written into this assembly at build time) and its samples' sources.</summary>
public static class Repository
{
    public static string Root { get; } = Path.GetFullPath(
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "RopcAnalyzers.RepositoryRoot")?.Value
        ?? throw new InvalidOperationException("The test assembly has no RopcAnalyzers.RepositoryRoot metadata: build it with its project file."));

    public static string SampleSource(string sample, string file) => File.ReadAllText(Path.Combine(Root, "samples", sample, file));
}
