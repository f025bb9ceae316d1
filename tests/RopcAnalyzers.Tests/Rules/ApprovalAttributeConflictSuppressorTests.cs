using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Approval;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    /// <summary>
    /// CS0436 between two copies of RopcAnalyzers.TrustedLegacyRopcAttribute, one of them in an assembly whose internals
    /// the compilation sees, compiled by the Roslyn floor version (4.8) with every warning an error.
    /// </summary>
    public class ApprovalAttributeConflictSuppressorTests
    {
        private const string FriendOfConsumer = "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Consumer\")]\n";

        private const string Use = """
            using Approve = RopcAnalyzers.TrustedLegacyRopcAttribute;

            [RopcAnalyzers.TrustedLegacyRopc("The scanners' IdP has no browser flow")]
            class LegacyLogin
            {
                [Approve("The scanners' IdP has no browser flow")]
                void LogIn() { }

                System.Type Marker => typeof(RopcAnalyzers.TrustedLegacyRopcAttribute);
            }
            """;

        private const string OwnCopy = """
            namespace RopcAnalyzers
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class TrustedLegacyRopcAttribute : System.Attribute
                {
                    public TrustedLegacyRopcAttribute(string justification) { }
                }
            }
            """;

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.Latest)]
        public async Task ShippedCopyInBoth_EveryCS0436IsSuppressed(LanguageVersion languageVersion)
        {
            var library = Reference("Library", languageVersion, FriendOfConsumer, ShippedSources.TrustedLegacyRopcAttribute);
            var consumer = Compile("Consumer", languageVersion, new[] { library }, ShippedSources.TrustedLegacyRopcAttribute, Use);

            var conflicts = await ConflictsAsync(consumer);

            // The attribute on the class, the attribute on the method through the alias's target, and the typeof.
            Assert.Equal(3, conflicts.Length);
            Assert.All(conflicts, conflict => Assert.Equal(DiagnosticSeverity.Error, conflict.Severity));
            Assert.All(conflicts, conflict => Assert.True(conflict.IsSuppressed, conflict.ToString()));
        }

        [Fact]
        public async Task OwnCopyAgainstTheShippedOne_IsSuppressed_InEitherDirection()
        {
            var shippedLibrary = Reference("ShippedLibrary", LanguageVersion.Latest, FriendOfConsumer, ShippedSources.TrustedLegacyRopcAttribute);
            var ownLibrary = Reference("OwnLibrary", LanguageVersion.Latest, FriendOfConsumer, OwnCopy);

            var ownAgainstShipped = await ConflictsAsync(Compile("Consumer", LanguageVersion.Latest, new[] { shippedLibrary }, OwnCopy, Use));
            var shippedAgainstOwn = await ConflictsAsync(Compile("Consumer", LanguageVersion.Latest, new[] { ownLibrary }, ShippedSources.TrustedLegacyRopcAttribute, Use));

            Assert.NotEmpty(ownAgainstShipped);
            Assert.All(ownAgainstShipped, conflict => Assert.True(conflict.IsSuppressed, conflict.ToString()));
            Assert.NotEmpty(shippedAgainstOwn);
            Assert.All(shippedAgainstOwn, conflict => Assert.True(conflict.IsSuppressed, conflict.ToString()));
        }

        [Fact]
        public async Task OtherConflictingTypes_KeepTheirCS0436()
        {
            // The same simple name in another namespace, and an unrelated helper: real conflicts the user should see.
            const string lookAlikes = """
                namespace Other
                {
                    [System.AttributeUsage(System.AttributeTargets.All)]
                    internal sealed class TrustedLegacyRopcAttribute : System.Attribute
                    {
                        public TrustedLegacyRopcAttribute(string justification) { }
                    }
                }

                internal static class Helpers
                {
                    internal static int Answer() => 42;
                }
                """;
            const string useLookAlikes = """
                [Other.TrustedLegacyRopc("not ours")]
                class Uses
                {
                    int Value => Helpers.Answer();
                }
                """;
            var library = Reference("Library", LanguageVersion.Latest, FriendOfConsumer, lookAlikes, ShippedSources.TrustedLegacyRopcAttribute);
            var consumer = Compile("Consumer", LanguageVersion.Latest, new[] { library }, lookAlikes, useLookAlikes);

            var conflicts = await ConflictsAsync(consumer);

            Assert.Equal(2, conflicts.Length);
            Assert.All(conflicts, conflict => Assert.False(conflict.IsSuppressed, conflict.ToString()));
        }

        [Fact]
        public async Task NoConflict_WhenOnlyTheReferencedAssemblyHasTheAttribute()
        {
            // A project without the package approves with a referenced project's attribute: nothing to suppress.
            var library = Reference("Library", LanguageVersion.Latest, FriendOfConsumer, ShippedSources.TrustedLegacyRopcAttribute);
            var consumer = Compile("Consumer", LanguageVersion.Latest, new[] { library }, Use);

            var diagnostics = await consumer.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ApprovalAttributeConflictSuppressor()))
                .GetAllDiagnosticsAsync(CancellationToken.None);

            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning);
        }

        private static async Task<ImmutableArray<Diagnostic>> ConflictsAsync(Compilation compilation)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: true);
            var withSuppressor = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ApprovalAttributeConflictSuppressor()), options);
            var diagnostics = await withSuppressor.GetAllDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Id != ApprovalAttributeConflictSuppressor.TypeConflictsWithImportedType);
            return diagnostics.Where(diagnostic => diagnostic.Id == ApprovalAttributeConflictSuppressor.TypeConflictsWithImportedType).ToImmutableArray();
        }

        private static CSharpCompilation Compile(string name, LanguageVersion languageVersion, MetadataReference[] references, params string[] sources)
            => CSharpCompilation.Create(
                name,
                sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(languageVersion))),
                TestReferences.Framework.Concat(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, generalDiagnosticOption: ReportDiagnostic.Error));

        /// <summary>The library as another project's build output: an assembly image, not a compilation.</summary>
        private static MetadataReference Reference(string name, LanguageVersion languageVersion, params string[] sources)
        {
            using var image = new MemoryStream();
            var emitted = Compile(name, languageVersion, System.Array.Empty<MetadataReference>(), sources).Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray());
        }
    }
}
