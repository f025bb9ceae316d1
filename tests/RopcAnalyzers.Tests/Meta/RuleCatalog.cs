using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Tests.Meta
{
    /// <summary>What the meta-tests compare: the descriptors, the shipped analyzers, and the docs next to the tests.</summary>
    internal static class RuleCatalog
    {
        public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(global::RopcAnalyzers.Descriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToList();

        public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = typeof(global::RopcAnalyzers.Descriptors).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToList();

        public static string ReadDoc(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", name));

        /// <summary>The GitHub anchors of every heading in a markdown document.</summary>
        public static ISet<string> Anchors(string markdown)
            => new HashSet<string>(
                markdown.Split('\n')
                    .Where(line => line.StartsWith("#", StringComparison.Ordinal))
                    .Select(line => global::RopcAnalyzers.Descriptors.Slug(line.TrimStart('#').Trim())),
                StringComparer.Ordinal);
    }
}
