using System;
using System.IO;
using RopcAnalyzers.Inventory.Tests.Infrastructure;

namespace RopcAnalyzers.Inventory.Tests
{
    /// <summary>Mistakes and broken inputs: a clear message on stderr, nothing on stdout, and the documented exit code.</summary>
    public sealed class CommandLineTests : IDisposable
    {
        private readonly TempDirectory folder = new();

        public void Dispose() => folder.Dispose();

        [Fact]
        public void Help_ListsOptionsFormatsAndExitCodes()
        {
            var run = InventoryTool.Run(folder.Path, "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith("Usage: ropc-inventory [<solution-or-project>] [options]", run.Stdout, StringComparison.Ordinal);
            foreach (var option in new[] { "--format", "--output", "--baseline", "--write-baseline", "--reference-date", "--fail-on-findings", "--restore", "table (default), json, markdown, sarif" })
            {
                Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
            }

            Assert.Contains("  2  usage error", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("  3  load error", run.Stdout, StringComparison.Ordinal);
        }

        [Fact]
        public void MissingSolution_ExitsTwo_AndSaysSo()
        {
            var run = InventoryTool.Run(folder.Path, "Nowhere.sln");
            Assert.Equal(2, run.ExitCode);
            Assert.Equal(string.Empty, run.Stdout);
            Assert.Contains($"error: '{folder["Nowhere.sln"]}' does not exist", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void FolderWithoutSolutionOrProject_ExitsTwo()
        {
            var run = InventoryTool.Run(folder.Path);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("holds no solution (.sln, .slnx) or C# project (.csproj)", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void FolderWithTheSolutionsBelowIt_ExitsTwo_AndSuggestsThem_NearestFirst()
        {
            folder.Write("src/Shop.sln", SampleProjects.Solution());
            folder.Write("tools/build/Tools.slnx", "<Solution />\n");
            folder.Write("src/Orders/Orders.csproj", SampleProjects.LibraryProject);
            folder.Write("src/Orders/bin/Debug/Copy.sln", SampleProjects.Solution());
            var run = InventoryTool.Run(folder.Path);
            Assert.Equal(2, run.ExitCode);
            Assert.Equal(
                $"error: '{folder.Path}' holds no solution (.sln, .slnx) or C# project (.csproj); below it are solutions: src/Shop.sln, tools/build/Tools.slnx (give one, e.g. 'ropc-inventory src/Shop.sln')",
                run.Stderr.Trim());
        }

        [Fact]
        public void FolderWithTwoSolutions_ExitsTwo_AndNamesThem()
        {
            folder.Write("A.sln", SampleProjects.Solution());
            folder.Write("B.slnx", "<Solution />\n");
            var run = InventoryTool.Run(folder.Path, ".");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("holds several solutions (A.sln, B.slnx): name one", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void NotASolutionFile_ExitsThree_WithTheParserMessage()
        {
            folder.Write("Corrupt.sln", "this is not a solution\n");
            var run = InventoryTool.Run(folder.Path, "Corrupt.sln");
            Assert.Equal(3, run.ExitCode);
            Assert.Equal(string.Empty, run.Stdout);
            Assert.Contains($"error: cannot open solution '{folder["Corrupt.sln"]}': ", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void SolutionWhoseOnlyProjectCannotLoad_ExitsThree_AndGivesMSBuildsReason()
        {
            folder.Write("Broken.sln", SampleProjects.Solution(("Broken", "Broken/Broken.csproj")));
            folder.Write("Broken/Broken.csproj", SampleProjects.BrokenProject);
            var run = InventoryTool.Run(folder.Path, "Broken.sln");
            Assert.Equal(3, run.ExitCode);
            Assert.Equal(string.Empty, run.Stdout);
            Assert.Contains($"error: no project of '{folder["Broken.sln"]}' could be analysed: Broken/Broken.csproj: The project file could not be loaded.", run.Stderr, StringComparison.Ordinal);
            Assert.Single(run.Stderr.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("--format=xml", "unknown format 'xml' for --format: use table, json, markdown, sarif or html")]
        [InlineData("--reference-date=2027-13-01", "--reference-date '2027-13-01' is not a date in the form yyyy-MM-dd")]
        [InlineData("--output=report.pdf", "cannot tell the format of 'report.pdf' from its extension")]
        [InlineData("--baseline", "--baseline needs a value")]
        [InlineData("--frobnicate", "unknown option '--frobnicate'")]
        [InlineData("--property=NoEquals", "--property 'NoEquals' is not of the form Name=Value")]
        public void BadArgument_ExitsTwo_AndNamesIt(string argument, string message)
        {
            var run = InventoryTool.Run(folder.Path, argument);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
            Assert.Contains("Run 'ropc-inventory --help' for usage.", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void MissingBaseline_ExitsTwo_BeforeLoadingAnything()
        {
            folder.Write("Orders/Orders.csproj", SampleProjects.LibraryProject);
            var run = InventoryTool.Run(folder.Path, "Orders/Orders.csproj", "--baseline", "none.json");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("baseline file '" + folder["none.json"] + "' does not exist (create it with --write-baseline)", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Using the .NET SDK", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void BaselineThatIsNotOne_ExitsTwo()
        {
            folder.Write("Orders/Orders.csproj", SampleProjects.LibraryProject);
            folder.Write("baseline.json", "{ \"findings\": 3 }");
            var run = InventoryTool.Run(folder.Path, "Orders/Orders.csproj", "--baseline", "baseline.json");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("is not a ropc-inventory baseline", run.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void NotAProjectFile_ExitsTwo()
        {
            var path = folder.Write("notes.txt", "hello");
            var run = InventoryTool.Run(folder.Path, path);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("is not a solution (.sln, .slnx) or a C# project (.csproj)", run.Stderr, StringComparison.Ordinal);
        }
    }
}
