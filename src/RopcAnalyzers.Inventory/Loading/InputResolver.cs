using System;
using System.IO;
using System.Linq;

namespace RopcAnalyzers.Inventory.Loading
{
    /// <summary>The solution or project to analyse.</summary>
    internal sealed record InventoryInput(string FullPath, bool IsSolution)
    {
        /// <summary>Paths in reports are relative to this folder: the solution's (or project's) own.</summary>
        public string BaseDirectory => Path.GetDirectoryName(FullPath)!;

        public string FileName => Path.GetFileName(FullPath);
    }

    /// <summary>Turns the command-line path into a solution or project file, with a clear message when it cannot.</summary>
    internal static class InputResolver
    {
        private static readonly string[] SolutionExtensions = { ".sln", ".slnx" };

        public static InventoryInput? Resolve(string path, out string? error)
        {
            error = null;
            if (Directory.Exists(path))
            {
                return FromDirectory(path, out error);
            }

            if (!File.Exists(path))
            {
                error = $"'{path}' does not exist: give a .sln, .slnx or .csproj file, or a folder that holds one";
                return null;
            }

            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (SolutionExtensions.Contains(extension))
            {
                return new InventoryInput(path, IsSolution: true);
            }

            if (extension == ".csproj")
            {
                return new InventoryInput(path, IsSolution: false);
            }

            error = $"'{path}' is not a solution (.sln, .slnx) or a C# project (.csproj)";
            return null;
        }

        private static InventoryInput? FromDirectory(string directory, out string? error)
        {
            var solutions = Directory.EnumerateFiles(directory)
                .Where(file => SolutionExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                .OrderBy(file => file, StringComparer.Ordinal)
                .ToList();
            if (solutions.Count == 1)
            {
                error = null;
                return new InventoryInput(solutions[0], IsSolution: true);
            }

            if (solutions.Count > 1)
            {
                error = $"'{directory}' holds several solutions ({string.Join(", ", solutions.Select(Path.GetFileName))}): name one";
                return null;
            }

            var projects = Directory.EnumerateFiles(directory, "*.csproj").OrderBy(file => file, StringComparer.Ordinal).ToList();
            if (projects.Count == 1)
            {
                error = null;
                return new InventoryInput(projects[0], IsSolution: false);
            }

            error = projects.Count == 0
                ? $"'{directory}' holds no solution (.sln, .slnx) or C# project (.csproj)"
                : $"'{directory}' holds several projects ({string.Join(", ", projects.Select(Path.GetFileName))}): name one";
            return null;
        }
    }
}
