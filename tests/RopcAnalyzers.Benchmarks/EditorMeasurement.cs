using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>
    /// The editor's case (--editor): a keystroke in a method of the corpus' largest file makes a new compilation, and the
    /// editor analyses that one document, first the changed member (span-limited), then the whole document. Each
    /// edit pays every compilation-start action again, so this is where whole-program work shows.
    /// </summary>
    internal static class EditorMeasurement
    {
        private const int Edits = 9;

        public static async Task PrintAsync(CSharpCompilation compilation, AnalyzerPackage package)
        {
            var tree = compilation.SyntaxTrees.OrderByDescending(candidate => candidate.Length).First();
            var methods = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(method => method.Body is not null).ToList();
            var spanTimes = new List<TimeSpan>();
            var documentTimes = new List<TimeSpan>();
            var compilerSpanTimes = new List<TimeSpan>();
            var compilerDocumentTimes = new List<TimeSpan>();
            for (var edit = 0; edit <= Edits; edit++)
            {
                var method = methods[(edit * 7919) % methods.Count];
                var (edited, member) = Type(tree, method);
                var changed = compilation.ReplaceSyntaxTree(tree, edited).WithOptions(compilation.Options.WithConcurrentBuild(false));

                var compilerModel = changed.Clone().GetSemanticModel(edited);
                var stopwatch = Stopwatch.StartNew();
                compilerModel.GetDiagnostics(member);
                var compilerSpan = stopwatch.Elapsed;
                stopwatch.Restart();
                compilerModel.GetDiagnostics();
                var compilerDocument = stopwatch.Elapsed;

                var inSpan = await AnalyzerTimeAsync(changed, edited, member, package).ConfigureAwait(false);
                var inDocument = await AnalyzerTimeAsync(changed, edited, filterSpan: null, package).ConfigureAwait(false);

                // The first edit jits the analyzers' paths: it is left out.
                if (edit > 0)
                {
                    spanTimes.Add(inSpan);
                    documentTimes.Add(inDocument);
                    compilerSpanTimes.Add(compilerSpan);
                    compilerDocumentTimes.Add(compilerDocument);
                }
            }

            Console.WriteLine($"  editor: {Edits} keystrokes in methods of {tree.FilePath} ({tree.GetText().Lines.Count:N0} lines), each a new compilation; medians:");
            Console.WriteLine($"    changed method only (span-limited): {package.Name} {Ms(Measurement.Median(spanTimes))}; the compiler's diagnostics of the method {Ms(Measurement.Median(compilerSpanTimes))}");
            Console.WriteLine($"    whole document:                     {package.Name} {Ms(Measurement.Median(documentTimes))}; the compiler's diagnostics of the document {Ms(Measurement.Median(compilerDocumentTimes))}");
        }

        /// <summary>A blank typed at the start of the body of <paramref name="method"/>: the new tree, and the method's span in it.</summary>
        private static (SyntaxTree Tree, TextSpan Member) Type(SyntaxTree tree, MethodDeclarationSyntax method)
        {
            var position = method.Body!.OpenBraceToken.Span.End;
            var text = tree.GetText().WithChanges(new TextChange(new TextSpan(position, 0), " "));
            var edited = tree.WithChangedText(text);
            var member = edited.GetRoot().FindToken(position).Parent!.FirstAncestorOrSelf<MethodDeclarationSyntax>()!.Span;
            return (edited, member);
        }

        private static async Task<TimeSpan> AnalyzerTimeAsync(CSharpCompilation compilation, SyntaxTree tree, TextSpan? filterSpan, AnalyzerPackage package)
        {
            var withAnalyzers = compilation
                .WithOptions(compilation.Options.WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.SetItems(package.DiagnosticOptions)))
                .WithAnalyzers(
                    package.Analyzers,
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
            var model = withAnalyzers.Compilation.GetSemanticModel(tree);
            await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None).ConfigureAwait(false);
            await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan, CancellationToken.None).ConfigureAwait(false);
            var total = TimeSpan.Zero;
            foreach (var analyzer in package.Analyzers)
            {
                total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime;
            }

            return total;
        }

        private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) + " ms";
    }
}
