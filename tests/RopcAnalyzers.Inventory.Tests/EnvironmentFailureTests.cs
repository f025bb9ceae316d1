using System;
using System.IO;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>What the environment can break (SDK, package sources, project files): one line on stderr, the documented exit code, no stack trace.</summary>
    public sealed class EnvironmentFailureTests : IDisposable
    {
        private readonly TempDirectory folder = new();

        public void Dispose() => folder.Dispose();

        [Fact]
        public void GlobalJsonPinningAnAbsentSdk_ExitsThree_WithOneLine_AndNothingOnStdout()
        {
            folder.Write("global.json", """{ "sdk": { "version": "6.0.100", "rollForward": "disable" } }""");
            folder.Write("Orders/Orders.csproj", SampleProjects.LibraryProject);
            var run = InventoryTool.Run(folder.Path, "Orders/Orders.csproj");
            Assert.Equal(3, run.ExitCode);
            Assert.Equal(string.Empty, run.Stdout);
            Assert.Equal(
                $"error: {folder["global.json"]} pins an SDK that is not installed: the .NET SDK 6.0.100 it asks for cannot be found",
                run.Stderr.Split(" (installed:")[0].Split("; install")[0].TrimEnd());
            Assert.Single(run.Stderr.TrimEnd().Split('\n'));
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
    }
}
