using System;
using System.IO;

namespace RopcAnalyzers.EndToEnd.Tests.Infrastructure
{
    /// <summary>
    /// The RopcAnalyzers package, packed once for all end-to-end tests: `dotnet pack` in Release into a temporary
    /// local feed. Everything it builds goes under a temporary artifacts folder, so it never touches the bin/ and
    /// obj/ folders that the other test project's build uses.
    /// </summary>
    public sealed class PackedPackage : IDisposable
    {
        public PackedPackage()
        {
            WorkDirectory = Path.Combine(Path.GetTempPath(), "ropc-e2e-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(WorkDirectory);
            FeedDirectory = Path.Combine(WorkDirectory, "feed");
            ArtifactsDirectory = Path.Combine(WorkDirectory, "artifacts");
            PackagesDirectory = Path.Combine(WorkDirectory, "packages");

            // A directory of their own stops MSBuild's upward search for Directory.Build.* files and NuGet.config
            // files at the temporary folder, whatever else may be lying in it.
            File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.targets"), "<Project />\n");

            PackResult = DotNet.Run(Repository.Root, new[]
            {
                "pack", Repository.PackageProject,
                "-c", "Release",
                "--artifacts-path", ArtifactsDirectory,
                "-o", FeedDirectory,
                "-nodeReuse:false",
                // Offline: restore from the packages the test restore brought, and no vulnerability audit (it asks the registry).
                "-p:RestoreSources=" + DotNet.GlobalPackagesFolder,
                "-p:NuGetAudit=false",
            });
            PackagePath = Path.Combine(FeedDirectory, $"RopcAnalyzers.{Repository.PackageVersion}.nupkg");
            if (PackResult.ExitCode != 0 || !File.Exists(PackagePath))
            {
                // xunit does not dispose a fixture whose constructor throws.
                Dispose();
                throw new InvalidOperationException($"Packing failed, or did not produce {PackagePath}: {PackResult}");
            }
        }

        /// <summary>The temporary folder that holds the feed, the build artifacts, the packages and the consumer projects.</summary>
        public string WorkDirectory { get; }

        public string FeedDirectory { get; }

        /// <summary>Where the pack (and the sample builds) put their bin/ and obj/ folders (`--artifacts-path`).</summary>
        public string ArtifactsDirectory { get; }

        /// <summary>The consumers' own NuGet packages folder, so a stale RopcAnalyzers of the same version in the machine's folder is never used.</summary>
        public string PackagesDirectory { get; }

        public string PackagePath { get; }

        public CommandResult PackResult { get; }

        private int consumerCount;

        /// <summary>A fresh folder for one consumer project.</summary>
        public string NewConsumerDirectory(string name)
        {
            var directory = Path.Combine(WorkDirectory, "consumers", $"{System.Threading.Interlocked.Increment(ref consumerCount):00}-{name}");
            Directory.CreateDirectory(directory);
            return directory;
        }

        public void Dispose()
        {
            if (Environment.GetEnvironmentVariable("ROPC_E2E_KEEP") == "1")
            {
                return;
            }

            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temporary folder left behind does no harm.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
