using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Tests.Meta
{
    public class DocumentationTests
    {
        public static TheoryData<string> DescriptorIds()
        {
            var data = new TheoryData<string>();
            foreach (var descriptor in RuleCatalog.Descriptors)
            {
                data.Add(descriptor.Id);
            }

            return data;
        }

        private static DiagnosticDescriptor Descriptor(string id) => RuleCatalog.Descriptors.Single(d => d.Id == id);

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void HelpLink_PointsAtTheRulesSectionOfTheRule(string id)
        {
            var descriptor = Descriptor(id);
            var rules = RuleCatalog.ReadDoc("rules.md");

            Assert.StartsWith(global::RopcAnalyzers.Descriptors.RulesDocument + "#", descriptor.HelpLinkUri, StringComparison.Ordinal);
            var anchor = descriptor.HelpLinkUri.Substring(descriptor.HelpLinkUri.IndexOf('#') + 1);
            Assert.Contains(anchor, RuleCatalog.Anchors(rules));
            Assert.Contains($"\n## {descriptor.Id}: {descriptor.Title}\n", rules.Replace("\r\n", "\n"), StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void ReadmeTable_ListsTheRuleWithItsSeverityTitleAndLink(string id)
        {
            var descriptor = Descriptor(id);
            var readme = RuleCatalog.ReadDoc("README.md");
            var row = readme.Split('\n').SingleOrDefault(line => line.StartsWith($"| {id} |", StringComparison.Ordinal));

            Assert.NotNull(row);
            var cells = row!.Split('|').Select(cell => cell.Trim()).Where(cell => cell.Length > 0).ToArray();
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[1]);
            Assert.Equal(descriptor.Title.ToString(), cells[2]);
            Assert.Contains(cells[3], new[] { "Yes", "No" });
            var anchor = descriptor.HelpLinkUri.Substring(descriptor.HelpLinkUri.IndexOf('#'));
            Assert.Equal($"[rules.md](rules.md{anchor})", cells[4]);
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void ReleaseTracking_ListsTheRuleWithItsCategoryAndSeverity(string id)
        {
            var descriptor = Descriptor(id);
            var unshipped = RuleCatalog.ReadDoc("AnalyzerReleases.Unshipped.md");

            Assert.Matches(new Regex($@"^{id} \| {descriptor.Category} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), unshipped);
        }

        [Fact]
        public void EveryDescriptor_HasAFullSentenceMessageAndDescription()
        {
            foreach (var descriptor in RuleCatalog.Descriptors)
            {
                Assert.Matches("^ROPC[0-9]{3}$", descriptor.Id);
                Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), descriptor.Id);
                Assert.DoesNotContain(".", descriptor.MessageFormat.ToString().TrimEnd().Substring(descriptor.MessageFormat.ToString().TrimEnd().Length - 1));
            }
        }

        [Fact]
        public void EveryAnalyzer_IsExportedForCSharpAndReportsOnlyCatalogedDescriptors()
        {
            Assert.NotEmpty(RuleCatalog.Analyzers);
            foreach (var analyzer in RuleCatalog.Analyzers)
            {
                var export = analyzer.GetType().GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Cast<DiagnosticAnalyzerAttribute>().SingleOrDefault();
                Assert.NotNull(export);
                Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
                foreach (var supported in analyzer.SupportedDiagnostics)
                {
                    Assert.Contains(supported, RuleCatalog.Descriptors);
                }
            }
        }
    }
}
