using System;
using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace RopcAnalyzers.Tests.Meta
{
    /// <summary>
    /// Every code fix provider the package ships is found by the IDE (exported for C#, with a name, as a MEF shared
    /// part) and the README's "Code fix" column says which rules have one. Found by reflection, so fixes added for
    /// other rules are checked without touching this file.
    /// </summary>
    public class CodeFixProviderTests
    {
        private static readonly Assembly CodeFixesAssembly = typeof(global::RopcAnalyzers.CodeFixes.ApproveAsTrustedLegacyCodeFixProvider).Assembly;

        private static IReadOnlyList<Type> ProviderTypes { get; } = CodeFixesAssembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .ToList();

        public static TheoryData<string> Providers()
        {
            var data = new TheoryData<string>();
            foreach (var type in ProviderTypes)
            {
                data.Add(type.FullName!);
            }

            return data;
        }

        private static Type Provider(string fullName) => ProviderTypes.Single(type => type.FullName == fullName);

        [Theory]
        [MemberData(nameof(Providers))]
        public void Provider_IsExportedForCSharpWithItsNameAndShared(string fullName)
        {
            var type = Provider(fullName);
            var export = type.GetCustomAttributes<ExportCodeFixProviderAttribute>(inherit: false).SingleOrDefault();

            Assert.NotNull(export);
            Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>(inherit: false));
            Assert.True(type.IsPublic && type.IsSealed, $"{type.Name} should be public and sealed.");
        }

        [Theory]
        [MemberData(nameof(Providers))]
        public void Provider_FixesOnlyDiagnosticsThePackageReports(string fullName)
        {
            var provider = (CodeFixProvider)Activator.CreateInstance(Provider(fullName))!;

            Assert.NotEmpty(provider.FixableDiagnosticIds);
            foreach (var id in provider.FixableDiagnosticIds)
            {
                Assert.Contains(id, RuleCatalog.Descriptors.Select(descriptor => descriptor.Id));
            }
        }

        [Fact]
        public void EquivalenceKeys_AreConstantAndDistinctAcrossProviders()
        {
            var keys = ProviderTypes
                .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Where(field => field.IsLiteral && field.Name.EndsWith("EquivalenceKey", StringComparison.Ordinal))
                .Select(field => (string)field.GetRawConstantValue()!)
                .ToList();

            Assert.NotEmpty(keys);
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
            Assert.All(keys, key => Assert.Matches("^ROPC[0-9]{3}\\.[A-Za-z]+$", key));
        }

        [Fact]
        public void ReadmeCodeFixColumn_SaysYesExactlyForTheFixableRules()
        {
            var fixable = ProviderTypes
                .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
                .SelectMany(provider => provider.FixableDiagnosticIds)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(id => id, StringComparer.Ordinal);
            var documented = RuleCatalog.ReadDoc("README.md").Split('\n')
                .Where(line => line.StartsWith("| ROPC", StringComparison.Ordinal))
                .Select(line => line.Split('|').Select(cell => cell.Trim()).Where(cell => cell.Length > 0).ToArray())
                .Where(cells => cells[3] == "Yes")
                .Select(cells => cells[0])
                .OrderBy(id => id, StringComparer.Ordinal);

            Assert.Equal(fixable, documented);
        }
    }
}
