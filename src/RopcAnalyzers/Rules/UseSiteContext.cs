using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// An ROPC use found by <see cref="RopcUseAnalyzer"/>, with what the rules need to judge and report it: the same
    /// whether the use came to an operation action or was found in the code block of a grant literal.
    /// </summary>
    internal readonly struct UseSiteContext
    {
        private readonly Action<Diagnostic> reportDiagnostic;

        public UseSiteContext(IOperation operation, ISymbol containingSymbol, AnalyzerOptions options, Action<Diagnostic> reportDiagnostic, CancellationToken cancellationToken)
        {
            Operation = operation;
            ContainingSymbol = containingSymbol;
            Options = options;
            this.reportDiagnostic = reportDiagnostic;
            CancellationToken = cancellationToken;
        }

        public IOperation Operation { get; }

        /// <summary>The member whose code contains the use (a method, accessor, field or property), as operation actions see it.</summary>
        public ISymbol ContainingSymbol { get; }

        public AnalyzerOptions Options { get; }

        public CancellationToken CancellationToken { get; }

        public void ReportDiagnostic(Diagnostic diagnostic) => reportDiagnostic(diagnostic);
    }
}
