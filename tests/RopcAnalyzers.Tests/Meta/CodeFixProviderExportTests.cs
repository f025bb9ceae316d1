using System;
using System.Collections.Generic;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RopcAnalyzers.Tests.Meta
{
    /// <summary>Every code fix is found by the IDE (exported, shared, for C#), fixes a catalogued rule, and says so in the README.</summary>
    public class CodeFixProviderExportTests
    {
        private static IReadOnlyList<CodeFixProvider> Fixers { get; } = typeof(global::RopcAnalyzers.CodeFixes.RemoveStaleApprovalCodeFix).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type))
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .ToList();

        [Fact]
        public void EveryCodeFix_IsExportedAndShared_ForCSharp()
        {
            Assert.NotEmpty(Fixers);
            foreach (var fixer in Fixers)
            {
                var type = fixer.GetType();
                var export = type.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), inherit: false).Cast<ExportCodeFixProviderAttribute>().SingleOrDefault();
                Assert.NotNull(export);
                Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
                Assert.Equal(type.Name, export.Name);
                Assert.NotEmpty(type.GetCustomAttributes(typeof(SharedAttribute), inherit: false));
            }
        }

        [Fact]
        public void EveryCodeFix_FixesCataloguedRules_AndOffersFixAll()
        {
            foreach (var fixer in Fixers)
            {
                Assert.NotEmpty(fixer.FixableDiagnosticIds);
                foreach (var id in fixer.FixableDiagnosticIds)
                {
                    Assert.Contains(id, RuleCatalog.Descriptors.Select(descriptor => descriptor.Id));
                }

                Assert.NotNull(fixer.GetFixAllProvider());
            }
        }

        [Fact]
        public void ReadmeCodeFixColumn_SaysYesExactlyForTheRulesWithAFix()
        {
            var fixable = new HashSet<string>(Fixers.SelectMany(fixer => fixer.FixableDiagnosticIds), StringComparer.Ordinal);
            var readme = RuleCatalog.ReadDoc("README.md");
            foreach (var descriptor in RuleCatalog.Descriptors)
            {
                var row = readme.Split('\n').Single(line => line.StartsWith($"| {descriptor.Id} |", StringComparison.Ordinal));
                var codeFix = row.Split('|').Select(cell => cell.Trim()).Where(cell => cell.Length > 0).ToArray()[3];
                Assert.True(codeFix == (fixable.Contains(descriptor.Id) ? "Yes" : "No"), $"{descriptor.Id}: README says '{codeFix}'");
            }
        }
    }
}
