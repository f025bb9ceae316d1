using System;
using System.Collections.Generic;
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
                ? $"'{directory}' holds no solution (.sln, .slnx) or C# project (.csproj)" + SuggestionsBelow(directory)
                : $"'{directory}' holds several projects ({string.Join(", ", projects.Select(Path.GetFileName))}): name one";
            return null;
        }

        /// <summary>"; below it: src/Shop.sln, tools/Tools.sln", the solutions (else projects) a few folders down, nearest first.</summary>
        private static string SuggestionsBelow(string directory)
        {
            const int depth = 4, shown = 5;
            var solutions = new List<string>();
            var projects = new List<string>();
            var queue = new Queue<(string Path, int Depth)>();
            queue.Enqueue((directory, 0));
            while (queue.Count > 0)
            {
                var (folder, level) = queue.Dequeue();
                IEnumerable<string> subfolders;
                try
                {
                    if (level > 0)
                    {
                        foreach (var file in Directory.EnumerateFiles(folder).OrderBy(file => file, StringComparer.Ordinal))
                        {
                            var extension = Path.GetExtension(file).ToLowerInvariant();
                            if (SolutionExtensions.Contains(extension))
                            {
                                solutions.Add(file);
                            }
                            else if (extension == ".csproj")
                            {
                                projects.Add(file);
                            }
                        }
                    }

                    subfolders = level < depth ? Directory.EnumerateDirectories(folder).OrderBy(sub => sub, StringComparer.Ordinal).ToList() : Enumerable.Empty<string>();
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var subfolder in subfolders)
                {
                    var name = Path.GetFileName(subfolder);
                    if (!name.StartsWith('.') && name is not ("bin" or "obj" or "node_modules" or "packages"))
                    {
                        queue.Enqueue((subfolder, level + 1));
                    }
                }
            }

            var found = solutions.Count > 0 ? solutions : projects;
            if (found.Count == 0)
            {
                return string.Empty;
            }

            var names = found.Take(shown).Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/'));
            var more = found.Count > shown ? $" and {found.Count - shown} more" : string.Empty;
            var kind = solutions.Count > 0 ? (found.Count == 1 ? "a solution" : "solutions") : (found.Count == 1 ? "a project" : "projects");
            return $"; below it are {kind}: {string.Join(", ", names)}{more} (give one, e.g. 'ropc-inventory {names.First()}')";
        }
    }
}
