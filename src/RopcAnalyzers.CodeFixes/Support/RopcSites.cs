using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>What the migration fixes start from: the diagnostic's own request, as the one recognizer sees it.</summary>
    internal static class RopcSites
    {
        /// <summary>Cheap filter on the data the analyzer put on the diagnostic, before any semantic work.</summary>
        public static bool Reports(Diagnostic diagnostic, RopcLibrary library, string apiName)
            => diagnostic.Properties.TryGetValue(DiagnosticProperties.Library, out var reportedLibrary)
               && reportedLibrary == library.ToString()
               && diagnostic.Properties.TryGetValue(DiagnosticProperties.ApiName, out var reportedApi)
               && reportedApi == apiName;

        /// <summary>The request the diagnostic reports, recognised again in the document (null when the code changed shape).</summary>
        public static async Task<(SemanticModel Model, RopcRequest Request)?> RecognizeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var recognizer = RopcRecognizer.Create(document.Project.AnalyzerOptions, model.Compilation);
            if (!recognizer.TryRecognizeAt(model, node, cancellationToken, out var request) || request.Site.Syntax.Span != diagnostic.Location.SourceSpan)
            {
                return null;
            }

            return (model, request);
        }

        /// <summary>The argument passed for the parameter named <paramref name="parameterName"/>, unless it is the parameter's default.</summary>
        public static IArgumentOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The written expression of an argument (without its name or ref kind).</summary>
        public static Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax? ExpressionOf(IArgumentOperation? argument)
            => argument?.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax syntax ? syntax.Expression : null;

        /// <summary>A name that binds to nothing at <paramref name="position"/>, starting from <paramref name="preferred"/>.</summary>
        public static string UnusedName(SemanticModel model, int position, string preferred)
        {
            var name = preferred;
            for (var suffix = 2; !model.LookupSymbols(position, name: name).IsEmpty; suffix++)
            {
                name = preferred + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }
    }
}
