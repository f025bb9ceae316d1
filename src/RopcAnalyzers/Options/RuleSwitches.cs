using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Options
{
    /// <summary>
    /// Whether a project switched a rule off (severity none in .editorconfig or a global config, NoWarn) for a file.
    /// An analyzer that runs several rules must ask: the compiler skips an analyzer only when all of its rules are
    /// off, and an id in WarningsAsErrors (as the CI gate adds them) turns a reported diagnostic into an error even
    /// where .editorconfig says none.
    /// </summary>
    internal sealed class RuleSwitches
    {
        private readonly CompilationOptions options;

        public RuleSwitches(Compilation compilation)
        {
            options = compilation.Options;
        }

        public bool IsOff(string ruleId, SyntaxTree? tree, CancellationToken cancellationToken)
        {
            var provider = options.SyntaxTreeOptionsProvider;
            if (tree is not null && provider is not null && provider.TryGetDiagnosticValue(tree, ruleId, cancellationToken, out var report))
            {
                return report == ReportDiagnostic.Suppress;
            }

            if (provider is not null && provider.TryGetGlobalDiagnosticValue(ruleId, cancellationToken, out report))
            {
                return report == ReportDiagnostic.Suppress;
            }

            return options.SpecificDiagnosticOptions.TryGetValue(ruleId, out report) && report == ReportDiagnostic.Suppress;
        }

        /// <summary>Reports <paramref name="diagnostic"/> unless its rule is off for the file it is in.</summary>
        public void Report(Diagnostic diagnostic, System.Action<Diagnostic> reportDiagnostic, CancellationToken cancellationToken)
        {
            if (!IsOff(diagnostic.Id, diagnostic.Location.SourceTree, cancellationToken))
            {
                reportDiagnostic(diagnostic);
            }
        }
    }
}
