using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.SolutionPersistence.Serializer;

namespace RopcAnalyzers.Inventory.Loading
{
    /// <summary>
    /// The projects a solution lists, read before MSBuild starts: the inventory compares them with what loads,
    /// so a project that fails to load is reported instead of silently missing.
    /// </summary>
    internal static class SolutionProjects
    {
        /// <summary>Project kinds that hold no C# source of their own (shared projects are compiled into the projects that import them).</summary>
        private static readonly string[] IgnoredExtensions = { ".shproj", ".dcproj", ".sqlproj", ".wixproj", ".esproj", ".njsproj", ".pyproj" };

        /// <summary>The full paths of the projects the solution lists, except kinds that hold no C# code of their own.</summary>
        public static async Task<IReadOnlyList<string>> ReadAsync(string solutionPath, CancellationToken cancellationToken)
        {
            var serializer = SolutionSerializers.GetSerializerByMoniker(solutionPath)
                ?? throw new InvalidOperationException("not a .sln or .slnx file");
            var model = await serializer.OpenAsync(solutionPath, cancellationToken).ConfigureAwait(false);
            var directory = Path.GetDirectoryName(solutionPath)!;
            return model.SolutionProjects
                .Select(project => Path.GetFullPath(Path.Combine(directory, project.FilePath.Replace('\\', Path.DirectorySeparatorChar))))
                .Where(path => !IgnoredExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToList();
        }
    }
}
