using Microsoft.CodeAnalysis.Testing;

namespace RopcAnalyzers.Tests.Infrastructure
{
    /// <summary>Sets ropc_analyzers.* options on a test the two ways users do: an .editorconfig section or a global config.</summary>
    public static class AnalyzerConfig
    {
        /// <summary>Adds "/.editorconfig" with a [*] section holding <paramref name="lines"/> (applies to every test source).</summary>
        public static TTest WithEditorConfig<TTest>(this TTest test, params string[] lines)
            where TTest : AnalyzerTest<DefaultVerifier>
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + string.Join("\n", lines) + "\n"));
            return test;
        }

        /// <summary>Adds "/.globalconfig" (is_global = true) holding <paramref name="lines"/>.</summary>
        public static TTest WithGlobalConfig<TTest>(this TTest test, params string[] lines)
            where TTest : AnalyzerTest<DefaultVerifier>
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + string.Join("\n", lines) + "\n"));
            return test;
        }
    }
}
