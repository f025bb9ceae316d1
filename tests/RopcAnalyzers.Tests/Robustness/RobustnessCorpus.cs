using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RopcAnalyzers.Tests.Robustness
{
    /// <summary>
    /// The sources the robustness tests damage: the curated ROPC shapes, the C# snippets of the test project's own
    /// test files (read from disk, so tests other rules add later are included), and the sample projects.
    /// </summary>
    public static class RobustnessCorpus
    {
        private static readonly Regex Markup = new(@"\{\|[^:|{}]*:|\|\}|\[\||\|\]", RegexOptions.CultureInvariant);

        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        public static IReadOnlyList<(string Name, string Source)> Shapes => RopcShapes.All;

        /// <summary>Every C# source written as a string literal in the test project's test files, with the test markup removed.</summary>
        public static IReadOnlyList<(string Name, string Source)> TestSnippets()
        {
            var testsFolder = Path.Combine(RepositoryRoot, "tests", "RopcAnalyzers.Tests");
            var snippets = new List<(string, string)>();
            foreach (var file in Directory.EnumerateFiles(testsFolder, "*.cs", SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(testsFolder, file).Replace('\\', '/');
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("Robustness/", StringComparison.Ordinal))
                {
                    continue;
                }

                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                var index = 0;
                foreach (var literal in root.DescendantNodes().Where(node => node is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax))
                {
                    var text = SnippetText(literal);
                    if (text is not null && LooksLikeCSharp(text))
                    {
                        snippets.Add(($"{relative}#{index++}", Markup.Replace(text, string.Empty)));
                    }
                }
            }

            return snippets;
        }

        /// <summary>
        /// The small multi-file projects of the test files (a test's <c>("Name.cs", source)</c> pairs, a source given by a
        /// constant of the same file included) and the sample projects, each as its files.
        /// </summary>
        public static IReadOnlyList<(string Name, IReadOnlyList<(string Path, string Source)> Files)> MultiFileProjects()
        {
            var projects = new List<(string, IReadOnlyList<(string, string)>)>();
            var testsFolder = Path.Combine(RepositoryRoot, "tests", "RopcAnalyzers.Tests");
            foreach (var file in Directory.EnumerateFiles(testsFolder, "*.cs", SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(testsFolder, file).Replace('\\', '/');
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("Robustness/", StringComparison.Ordinal))
                {
                    continue;
                }

                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                var constants = root.DescendantNodes().OfType<VariableDeclaratorSyntax>()
                    .Where(declarator => declarator.Initializer?.Value is LiteralExpressionSyntax)
                    .GroupBy(declarator => declarator.Identifier.ValueText)
                    .ToDictionary(group => group.Key, group => SnippetText(group.First().Initializer!.Value), StringComparer.Ordinal);
                foreach (var member in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    var files = new List<(string, string)>();
                    foreach (var tuple in member.DescendantNodes().OfType<TupleExpressionSyntax>().Where(tuple => tuple.Arguments.Count == 2))
                    {
                        var path = (tuple.Arguments[0].Expression as LiteralExpressionSyntax)?.Token.ValueText;
                        var source = tuple.Arguments[1].Expression switch
                        {
                            LiteralExpressionSyntax or InterpolatedStringExpressionSyntax => SnippetText(tuple.Arguments[1].Expression),
                            IdentifierNameSyntax name when constants.TryGetValue(name.Identifier.ValueText, out var constant) => constant,
                            _ => null,
                        };

                        if (path is not null && path.EndsWith(".cs", StringComparison.Ordinal) && source is not null && LooksLikeCSharp(source))
                        {
                            files.Add((path, Markup.Replace(source, string.Empty)));
                        }
                    }

                    if (files.Count >= 2)
                    {
                        projects.Add(($"{relative}:{member.Identifier.ValueText}", files));
                    }
                }
            }

            foreach (var sample in Samples().GroupBy(file => file.Name.Substring(0, file.Name.LastIndexOf('/'))))
            {
                if (sample.Count() >= 2)
                {
                    projects.Add((sample.Key, sample.Select(file => (file.Name, file.Source)).ToList()));
                }
            }

            return projects;
        }

        /// <summary>The C# files of the sample projects.</summary>
        public static IReadOnlyList<(string Name, string Source)> Samples()
        {
            var samplesFolder = Path.Combine(RepositoryRoot, "samples");
            return Directory.EnumerateFiles(samplesFolder, "*.cs", SearchOption.AllDirectories)
                .Select(path => (relative: Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/'), path))
                .Where(file => !file.relative.Contains("/bin/", StringComparison.Ordinal) && !file.relative.Contains("/obj/", StringComparison.Ordinal))
                .OrderBy(file => file.relative, StringComparer.Ordinal)
                .Select(file => (file.relative, File.ReadAllText(file.path)))
                .ToList();
        }

        private static bool LooksLikeCSharp(string text)
            => text.Contains('{') && (text.Contains("class ", StringComparison.Ordinal) || text.Contains("namespace ", StringComparison.Ordinal) || text.Contains("record ", StringComparison.Ordinal) || text.Contains("struct ", StringComparison.Ordinal));

        /// <summary>
        /// The value of a string literal; for an interpolated one, its text with each hole replaced by the first
        /// [InlineData] value of the test parameter it names, or else by the hole's own expression text.
        /// </summary>
        private static string? SnippetText(SyntaxNode literal)
        {
            if (literal is LiteralExpressionSyntax plain)
            {
                return plain.IsKind(SyntaxKind.StringLiteralExpression) ? plain.Token.ValueText : null;
            }

            var interpolated = (InterpolatedStringExpressionSyntax)literal;
            var inlineData = FirstInlineData(literal);
            var text = new StringBuilder();
            foreach (var content in interpolated.Contents)
            {
                switch (content)
                {
                    case InterpolatedStringTextSyntax textPart:
                        text.Append(textPart.TextToken.ValueText);
                        break;
                    case InterpolationSyntax hole:
                        text.Append(hole.Expression is IdentifierNameSyntax name && inlineData.TryGetValue(name.Identifier.ValueText, out var value) ? value : hole.Expression.ToString());
                        break;
                }
            }

            return text.ToString();
        }

        private static Dictionary<string, string> FirstInlineData(SyntaxNode node)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            var inlineData = method?.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(attribute => attribute.Name.ToString() is "InlineData" or "InlineDataAttribute");
            if (method is null || inlineData?.ArgumentList is null)
            {
                return values;
            }

            var parameters = method.ParameterList.Parameters;
            for (var i = 0; i < parameters.Count && i < inlineData.ArgumentList.Arguments.Count; i++)
            {
                if (inlineData.ArgumentList.Arguments[i].Expression is LiteralExpressionSyntax literal)
                {
                    values[parameters[i].Identifier.ValueText] = literal.Token.ValueText;
                }
            }

            return values;
        }

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "RopcAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"RopcAnalyzers.sln not found above {AppContext.BaseDirectory}.");
        }
    }
}
