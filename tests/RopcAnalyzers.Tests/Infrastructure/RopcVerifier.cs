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
