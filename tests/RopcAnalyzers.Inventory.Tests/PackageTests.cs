using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>The tool packs as a dotnet tool named ropc-inventory, with the analyzers and MSBuild's build hosts inside.</summary>
    public sealed class PackageTests : IDisposable
    {
        private readonly TempDirectory folder = new();

        public void Dispose() => folder.Dispose();

        [Fact]
        public void Pack_ProducesADotnetToolPackage_WithTheCommandAndEverythingItLoads()
        {
            var project = Path.Combine(InventoryTool.RepositoryRoot, "src", "RopcAnalyzers.Inventory", "RopcAnalyzers.Inventory.csproj");
            var pack = InventoryTool.RunCommand(folder.Path, "dotnet", "pack", project, "--no-build", "--no-restore", "-c", InventoryTool.Configuration, "-o", folder.Path, "-nodeReuse:false");
            Assert.True(pack.ExitCode == 0, pack.ToString());

            var package = Assert.Single(Directory.GetFiles(folder.Path, "RopcAnalyzers.Inventory.*.nupkg"));
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            const string tool = "tools/net10.0/any/";
            Assert.Contains(tool + "RopcAnalyzers.Inventory.dll", entries);
            Assert.Contains(tool + "RopcAnalyzers.dll", entries);
            Assert.Contains(tool + "BuildHost-netcore/Microsoft.CodeAnalysis.Workspaces.MSBuild.BuildHost.dll", entries);
            Assert.DoesNotContain(entries, e => e.EndsWith("/Microsoft.Build.Framework.dll", StringComparison.Ordinal) && e.StartsWith(tool, StringComparison.Ordinal) && !e.Contains("BuildHost", StringComparison.Ordinal));

            using var settings = new StreamReader(zip.GetEntry(tool + "DotnetToolSettings.xml")!.Open());
            var xml = settings.ReadToEnd();
            Assert.Contains("<Command Name=\"ropc-inventory\" EntryPoint=\"RopcAnalyzers.Inventory.dll\" Runner=\"dotnet\" />", xml, StringComparison.Ordinal);
        }
    }
}
