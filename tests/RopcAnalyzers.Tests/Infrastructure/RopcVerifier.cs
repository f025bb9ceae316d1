using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using Xunit;

namespace RopcAnalyzers.Tests.Infrastructure
{
    /// <summary>The source of the trusted-legacy attribute exactly as the package adds it to a user's compilation.</summary>
    public static class ShippedSources
    {
        public static readonly string TrustedLegacyRopcAttribute = Read("TrustedLegacyRopcAttribute.cs");

        private static string Read(string name)
        {
            using var stream = typeof(ShippedSources).Assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Analyzer tests compiled against the runtime and the real OAuth packages, with the shipped attribute.</summary>
    public class RopcAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public RopcAnalyzerTest(string source, bool withLibraries = true)
            : this(source, withLibraries ? TestReferences.All : TestReferences.Framework)
        {
        }

        /// <param name="references">The metadata references, e.g. <see cref="TestReferences.AllExcept"/> to compile stand-ins of another library version.</param>
        public RopcAnalyzerTest(string source, System.Collections.Generic.IEnumerable<MetadataReference> references)
        {
            TestCode = source;
            ReferenceAssemblies = TestReferences.NoPackages;
            TestState.AdditionalReferences.AddRange(references);
            TestState.Sources.Add(("TrustedLegacyRopcAttribute.cs", ShippedSources.TrustedLegacyRopcAttribute));
        }
    }

    /// <summary>
    /// A test of one rule of <see cref="RopcUseAnalyzer"/>, which reports several: its other rules are switched
    /// off, so that the test sees exactly what the rule under test reports.
    /// </summary>
    public class RuleTest : RopcAnalyzerTest<RopcUseAnalyzer>
    {
        public RuleTest(string ruleId, string source, bool withLibraries = true)
            : base(source, withLibraries)
        {
            DisableOtherRules(DisabledDiagnostics, new RopcUseAnalyzer().SupportedDiagnostics, ruleId);
        }

        public RuleTest(string ruleId, string source, System.Collections.Generic.IEnumerable<MetadataReference> references)
            : base(source, references)
        {
            DisableOtherRules(DisabledDiagnostics, new RopcUseAnalyzer().SupportedDiagnostics, ruleId);
        }

        internal static void DisableOtherRules(System.Collections.Generic.List<string> disabled, System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> supported, params string[] keptIds)
        {
            Assert.All(keptIds, id => Assert.Contains(supported, descriptor => descriptor.Id == id));
            disabled.AddRange(supported.Select(descriptor => descriptor.Id).Where(id => !keptIds.Contains(id)).Distinct());
        }
    }

    /// <summary>Verifies one rule of <see cref="RopcUseAnalyzer"/> (see <see cref="RuleTest"/>).</summary>
    public sealed class VerifyRule
    {
        private readonly string ruleId;

        public VerifyRule(string ruleId)
        {
            this.ruleId = ruleId;
        }

        public DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

        public Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new RuleTest(ruleId, source);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }

    /// <summary>Code-fix tests: the fixed code must compile against the same real packages.</summary>
    public class RopcCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public RopcCodeFixTest(string source, string fixedSource)
        {
            TestCode = source;
            FixedCode = fixedSource;
            ReferenceAssemblies = TestReferences.NoPackages;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
            TestState.Sources.Add(("TrustedLegacyRopcAttribute.cs", ShippedSources.TrustedLegacyRopcAttribute));
            FixedState.Sources.Add(("TrustedLegacyRopcAttribute.cs", ShippedSources.TrustedLegacyRopcAttribute));

            // An analyzer that reports several rules is tested here for the rules this fix fixes.
            RuleTest.DisableOtherRules(DisabledDiagnostics, new TAnalyzer().SupportedDiagnostics, new TCodeFix().FixableDiagnosticIds.ToArray());
        }
    }

    public static class Verify<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

        public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new RopcAnalyzerTest<TAnalyzer>(source);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
