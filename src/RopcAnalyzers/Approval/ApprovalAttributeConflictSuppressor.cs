using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Approval
{
    /// <summary>
    /// Suppresses CS0436 where both conflicting types are RopcAnalyzers.TrustedLegacyRopcAttribute. The package adds
    /// the attribute to every project as internal source, so a project that sees another one's internals
    /// (InternalsVisibleTo) finds it twice: its own copy and the referenced one. The copies are interchangeable (the
    /// analyzers match the attribute by full name, and being [Conditional] it compiles to nothing), so the warning
    /// says nothing the user could act on, yet fails builds with TreatWarningsAsErrors. Every other CS0436 is left alone.
    /// </summary>
    /// <remarks>
    /// Marking the shipped attribute [Microsoft.CodeAnalysis.Embedded] instead is no option while the package supports
    /// Roslyn 4.8: compilers before 4.14 reject a source-declared EmbeddedAttribute (CS8336) in any compilation that
    /// needs one of their own (nullable metadata, C# 11 ref-safety rules on netstandard2.0 or .NET Framework), and
    /// an embedded attribute would no longer be usable from a project that sees it through InternalsVisibleTo.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ApprovalAttributeConflictSuppressor : DiagnosticSuppressor
    {
        public const string TypeConflictsWithImportedType = "CS0436";

        public static readonly SuppressionDescriptor DuplicateApprovalAttribute = new(
            RuleIdentifiers.DuplicateApprovalAttributeSuppression,
            TypeConflictsWithImportedType,
            "Both types are RopcAnalyzers.TrustedLegacyRopcAttribute, the approval attribute that the RopcAnalyzers package compiles into each project; the copy of a referenced assembly (seen through InternalsVisibleTo) is the same marker, and the analyzers accept either.");

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(DuplicateApprovalAttribute);

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                if (diagnostic.Id == TypeConflictsWithImportedType && NamesTheApprovalAttribute(diagnostic, context))
                {
                    context.ReportSuppression(Suppression.Create(DuplicateApprovalAttribute, diagnostic));
                }
            }
        }

        /// <summary>
        /// Whether the name that CS0436 is reported on binds to this compilation's RopcAnalyzers.TrustedLegacyRopcAttribute.
        /// CS0436 is reported where the source type wins over an imported type of the same full name, so the imported
        /// one is then RopcAnalyzers.TrustedLegacyRopcAttribute too.
        /// </summary>
        private static bool NamesTheApprovalAttribute(Diagnostic diagnostic, SuppressionAnalysisContext context)
        {
            if (diagnostic.Location is not { IsInSource: true, SourceTree: { } tree } location)
            {
                return false;
            }

            var node = tree.GetRoot(context.CancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var symbolInfo = context.GetSemanticModel(tree).GetSymbolInfo(node, context.CancellationToken);
            var symbol = symbolInfo.Symbol ?? (symbolInfo.CandidateSymbols.Length == 1 ? symbolInfo.CandidateSymbols[0] : null);
            var type = symbol switch
            {
                // An attribute's name binds to the constructor it calls.
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType,
                IAliasSymbol alias => alias.Target as INamedTypeSymbol,
                _ => symbol as INamedTypeSymbol,
            };

            return TrustedLegacyApproval.IsApprovalAttributeClass(type)
                   && SymbolEqualityComparer.Default.Equals(type!.ContainingAssembly, context.Compilation.Assembly);
        }
    }
}
