using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;

namespace RopcAnalyzers.Rules
{
    /// <summary>ROPC003: a [TrustedLegacyRopc] whose justification is empty, not words, or a placeholder.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ApprovalJustificationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Markers that say a text is still to be written. "TODO" also covers <see cref="TrustedLegacyApproval.JustificationPlaceholder"/>.</summary>
        private static readonly string[] PlaceholderMarkers = { "TODO", "TBD", "FIXME" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ApprovalWithoutJustification);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            ApprovalDeclarations.Register(context, declared =>
            {
                var approval = declared.Approval;

                // An attribute whose arguments do not bind (half-typed, wrong types) already has a compiler error.
                if (approval.Attribute.AttributeConstructor is null || Problem(approval.Justification) is not { } problem)
                {
                    return;
                }

                var syntax = ApprovalDeclarations.Syntax(approval, declared.CancellationToken);
                var location = ApprovalDeclarations.Argument(syntax, name: null)?.GetLocation() ?? syntax?.GetLocation() ?? approval.Location;
                declared.ReportDiagnostic(Diagnostic.Create(Descriptors.ApprovalWithoutJustification, location, approval.TargetDisplayName, problem));
            });
        }

        /// <summary>Why <paramref name="justification"/> is not a real one, as shown in the message; null when it is one.</summary>
        internal static string? Problem(string? justification)
        {
            if (justification is null || justification.Length == 0)
            {
                return "it is empty";
            }

            var text = justification.Trim();
            if (text.Length == 0)
            {
                return "it is only white space";
            }

            if (text == TrustedLegacyApproval.JustificationPlaceholder)
            {
                return "it is the placeholder that the approval code fix inserts";
            }

            foreach (var marker in PlaceholderMarkers)
            {
                // "TODO", "TODO ask Bob", "todo: ask Bob"; not a word that merely starts with the letters ("Todoist", "Todo-list app").
                if (text.StartsWith(marker, StringComparison.OrdinalIgnoreCase)
                    && (text.Length == marker.Length
                        || text[marker.Length] == ':'
                        || (text.StartsWith(marker, StringComparison.Ordinal) && !char.IsLetterOrDigit(text[marker.Length]))))
                {
                    return $"it is a {marker} placeholder";
                }
            }

            foreach (var c in text)
            {
                if (char.IsLetter(c))
                {
                    return null;
                }
            }

            return "it has no words";
        }
    }
}
