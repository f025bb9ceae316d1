using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Inventory.Analysis
{
    /// <summary>
    /// The RopcAnalyzers analyzers and rules, discovered from the analyzer assembly itself, so that a rule added
    /// to the package is in the inventory without a change here.
    /// </summary>
    internal sealed class RopcAnalyzerCatalog
    {
        private RopcAnalyzerCatalog(ImmutableArray<Type> analyzerTypes, ImmutableArray<RuleInfo> rules)
        {
            AnalyzerTypes = analyzerTypes;
            Rules = rules;
        }

        /// <summary>Every exported C# analyzer type of the RopcAnalyzers assembly, by name.</summary>
        public ImmutableArray<Type> AnalyzerTypes { get; }

        /// <summary>Every rule: the descriptors in <see cref="Descriptors"/> and any other an analyzer supports, by id.</summary>
        public ImmutableArray<RuleInfo> Rules { get; }

        public ImmutableHashSet<string> RuleIds => Rules.Select(rule => rule.Descriptor.Id).ToImmutableHashSet(StringComparer.Ordinal);

        public static RopcAnalyzerCatalog Load()
        {
            var assembly = typeof(RopcRecognizer).Assembly;
            var analyzerTypes = assembly.GetTypes()
                .Where(type => !type.IsAbstract
                               && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                               && type.GetCustomAttributes<DiagnosticAnalyzerAttribute>(inherit: false).Any(export => export.Languages.Contains(LanguageNames.CSharp)))
                .OrderBy(type => type.Name, StringComparer.Ordinal)
                .ToImmutableArray();

            var rules = new Dictionary<string, RuleInfo>(StringComparer.Ordinal);
            foreach (var field in typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.FieldType == typeof(DiagnosticDescriptor)))
            {
                var descriptor = (DiagnosticDescriptor)field.GetValue(null)!;
                rules[descriptor.Id] = new RuleInfo(descriptor, field.Name);
            }

            foreach (var analyzer in CreateAnalyzers(analyzerTypes))
            {
                foreach (var descriptor in analyzer.SupportedDiagnostics)
                {
                    if (!rules.ContainsKey(descriptor.Id))
                    {
                        rules[descriptor.Id] = new RuleInfo(descriptor, descriptor.Id);
                    }
                }
            }

            return new RopcAnalyzerCatalog(analyzerTypes, rules.Values.OrderBy(rule => rule.Descriptor.Id, StringComparer.Ordinal).ToImmutableArray());
        }

        /// <summary>Fresh analyzer instances: each project gets its own, as a compiler would.</summary>
        public ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() => CreateAnalyzers(AnalyzerTypes).ToImmutableArray();

        private static IEnumerable<DiagnosticAnalyzer> CreateAnalyzers(IEnumerable<Type> types)
            => types.Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!);
    }

    /// <summary>A rule and the name it has in SARIF (its field name in <see cref="Descriptors"/>).</summary>
    internal sealed record RuleInfo(DiagnosticDescriptor Descriptor, string Name);
}
