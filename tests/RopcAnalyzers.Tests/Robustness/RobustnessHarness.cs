using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;
using RopcAnalyzers.Recognition;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Robustness
{
    /// <summary>The references a cut source is compiled against: what a project may have, down to nothing at all.</summary>
    public enum ReferenceSet
    {
        /// <summary>The runtime and the real OAuth packages.</summary>
        Libraries,

        /// <summary>The runtime only: every library type is missing.</summary>
        FrameworkOnly,

        /// <summary>No references at all, not even System.Object.</summary>
        None,
    }

    /// <summary>What one case did: the exceptions thrown (empty: robust), how many diagnostics the analyzers reported, how many fixes were applied.</summary>
    public sealed record RobustnessResult(IReadOnlyList<string> Failures, int Diagnostics, int FixesApplied);

    /// <summary>One input for the harness: a source text and how it is compiled.</summary>
    /// <param name="OtherFiles">Files compiled beside <paramref name="Source"/>, whole: the rest of a multi-file project whose one file is being typed.</param>
    public sealed record RobustnessCase(string Name, string Source, ReferenceSet References, bool WithShippedAttribute, string? ConfiguredApis, IReadOnlyList<(string Path, string Source)>? OtherFiles = null);

    /// <summary>
    /// Runs every analyzer of the RopcAnalyzers assembly and every code fix of the RopcAnalyzers.CodeFixes assembly
    /// (found by reflection, so rules and fixes added later are covered) over one source, and reports every
    /// exception: analyzer exceptions (AD0001), exceptions from registering or computing a fix, and exceptions
    /// from the recognizer's entry point for fixers and tools.
    /// </summary>
    public sealed class RobustnessHarness
    {
        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
        private static readonly Lazy<AdhocWorkspace> Workspace = new(() => new AdhocWorkspace(MefHostServices.DefaultHost));
        private static readonly ConcurrentDictionary<ReferenceSet, Project> BaseProjects = new();

        private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;
        private readonly ImmutableArray<CodeFixProvider> fixers;

        public RobustnessHarness(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers)
        {
            this.analyzers = analyzers;
            this.fixers = fixers;
        }

        /// <summary>Every analyzer and code fix the package ships, discovered by reflection.</summary>
        public static RobustnessHarness ForShippedAssemblies() => new(ShippedAnalyzers(), ShippedFixers());

        public static ImmutableArray<DiagnosticAnalyzer> ShippedAnalyzers()
            => Instantiate<DiagnosticAnalyzer>(typeof(RopcRecognizer).Assembly, typeof(DiagnosticAnalyzerAttribute));

        public static ImmutableArray<CodeFixProvider> ShippedFixers()
            => Instantiate<CodeFixProvider>(Assembly.Load(new AssemblyName("RopcAnalyzers.CodeFixes")), typeof(ExportCodeFixProviderAttribute));

        /// <summary>Analyzes and fixes one case, recording every exception thrown.</summary>
        public async Task<RobustnessResult> RunAsync(RobustnessCase testCase, CancellationToken cancellationToken)
        {
            var failures = new List<string>();
            var document = CreateDocument(testCase);
            var compilation = (await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            var diagnostics = await AnalyzeAsync(compilation, AnalyzerOptionsFor(testCase), failures, concurrent: false, cancellationToken).ConfigureAwait(false);
            await RecognizeEverySiteAsync(document, failures, cancellationToken).ConfigureAwait(false);

            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var fixesApplied = 0;
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Location.SourceTree != tree)
                {
                    continue;
                }

                foreach (var fixer in fixers.Where(fixer => fixer.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    fixesApplied += await ApplyEveryFixAsync(fixer, document, diagnostic, failures, cancellationToken).ConfigureAwait(false);
                }
            }

            return new RobustnessResult(failures, diagnostics.Length, fixesApplied);
        }

        /// <summary>The analyzer diagnostics, with every analyzer exception recorded as a failure.</summary>
        public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options, List<string> failures, bool concurrent, CancellationToken cancellationToken)
        {
            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = compilation.WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(
                    options,
                    onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {diagnostic.Id}: {exception}"),
                    concurrentAnalysis: concurrent,
                    logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            failures.AddRange(exceptions);
            failures.AddRange(diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").Select(diagnostic => diagnostic.ToString()));
            return diagnostics;
        }

        public static AnalyzerOptions AnalyzerOptionsFor(RobustnessCase testCase)
            => WithGlobalOptions(testCase.ConfiguredApis is null
                ? ImmutableDictionary<string, string>.Empty
                : ImmutableDictionary<string, string>.Empty.Add(RopcRecognizer.ConfiguredApisOptionKey, testCase.ConfiguredApis));

        /// <summary>Analyzer options whose global (and every file's) .editorconfig options are <paramref name="values"/>.</summary>
        public static AnalyzerOptions WithGlobalOptions(ImmutableDictionary<string, string> values)
            => new(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(values));

        /// <summary>A document in a project that derives from a prepared one, so its compilation reuses the reference symbols.</summary>
        public static Document CreateDocument(RobustnessCase testCase)
        {
            var project = BaseProjects.GetOrAdd(testCase.References, CreateBaseProject);
            if (testCase.WithShippedAttribute)
            {
                project = project.AddDocument("TrustedLegacyRopcAttribute.cs", SourceText.From(ShippedSources.TrustedLegacyRopcAttribute)).Project;
            }

            foreach (var (path, source) in testCase.OtherFiles ?? Array.Empty<(string, string)>())
            {
                project = project.AddDocument(path, SourceText.From(source)).Project;
            }

            return project.AddDocument("Cut.cs", SourceText.From(testCase.Source));
        }

        private static Project CreateBaseProject(ReferenceSet references)
        {
            var metadata = references switch
            {
                ReferenceSet.Libraries => TestReferences.All,
                ReferenceSet.FrameworkOnly => TestReferences.Framework,
                _ => Enumerable.Empty<MetadataReference>(),
            };

            var projectId = ProjectId.CreateNewId();
            var project = Workspace.Value.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Robustness" + references,
                "Robustness" + references,
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: ParseOptions,
                metadataReferences: metadata)).GetProject(projectId)!;

            // Bind the references once; documents added later derive their compilation from this one.
            project.GetCompilationAsync().GetAwaiter().GetResult()!.GetTypeByMetadataName("System.Object");
            return project;
        }

        /// <summary>The recognizer's entry point for fixers and tools, asked at every invocation, creation, assignment and string.</summary>
        private static async Task RecognizeEverySiteAsync(Document document, List<string> failures, CancellationToken cancellationToken)
        {
            var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            var root = model.SyntaxTree.GetRoot(cancellationToken);
            var recognizer = RopcRecognizer.Default;
            foreach (var node in root.DescendantNodes())
            {
                if (node is not (Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.InterpolatedStringExpressionSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax
                    or Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax))
                {
                    continue;
                }

                try
                {
                    recognizer.TryRecognizeAt(model, node, cancellationToken, out _);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failures.Add($"RopcRecognizer.TryRecognizeAt({node.Kind()} at {node.GetLocation().GetLineSpan().StartLinePosition}) threw: {exception}");
                }
            }
        }

        private static async Task<int> ApplyEveryFixAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, List<string> failures, CancellationToken cancellationToken)
        {
            var applied = 0;
            var actions = new List<CodeAction>();
            try
            {
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add($"{fixer.GetType().Name}.RegisterCodeFixesAsync for {diagnostic} threw: {exception}");
                return applied;
            }

            foreach (var action in Flatten(actions))
            {
                try
                {
                    foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (operation is not ApplyChangesOperation apply)
                        {
                            continue;
                        }

                        // The changed documents are computed lazily: read them, as applying the fix would.
                        foreach (var projectChanges in apply.ChangedSolution.GetChanges(document.Project.Solution).GetProjectChanges())
                        {
                            foreach (var changed in projectChanges.GetChangedDocuments().Concat(projectChanges.GetAddedDocuments()))
                            {
                                await apply.ChangedSolution.GetDocument(changed)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                            }
                        }

                        applied++;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failures.Add($"{fixer.GetType().Name} action '{action.Title}' ({action.EquivalenceKey}) for {diagnostic} threw: {exception}");
                }
            }

            return applied;
        }

        /// <summary>Code actions with their nested alternatives (the nested list is internal before Roslyn 4.10).</summary>
        private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions)
        {
            foreach (var action in actions)
            {
                var nestedProperty = typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    ?? typeof(CodeAction).GetProperty("NestedCodeActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
                var nested = nestedProperty?.GetValue(action) is ImmutableArray<CodeAction> { IsDefaultOrEmpty: false } children ? children : ImmutableArray<CodeAction>.Empty;
                if (nested.IsEmpty)
                {
                    yield return action;
                    continue;
                }

                foreach (var child in Flatten(nested))
                {
                    yield return child;
                }
            }
        }

        private static ImmutableArray<T> Instantiate<T>(Assembly assembly, Type exportAttribute)
            where T : class
            => assembly.GetTypes()
                .Where(type => typeof(T).IsAssignableFrom(type) && !type.IsAbstract && type.IsDefined(exportAttribute, inherit: false) && type.GetConstructor(Type.EmptyTypes) is not null)
                .OrderBy(type => type.FullName, StringComparer.Ordinal)
                .Select(type => (T)Activator.CreateInstance(type)!)
                .ToImmutableArray();

        /// <summary>Global .editorconfig options, as a project's analyzer config would give them.</summary>
        private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly DictionaryOptions options;

            public GlobalOptionsProvider(ImmutableDictionary<string, string> values) => options = new DictionaryOptions(values);

            public override AnalyzerConfigOptions GlobalOptions => options;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => options;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => options;
        }

        private sealed class DictionaryOptions : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> values;

            public DictionaryOptions(ImmutableDictionary<string, string> values) => this.values = values;

            // [NotNullWhen(true)] cannot be written here: RopcAnalyzers (visible to the tests) declares its own copy of
            // the attribute for netstandard2.0, so the name is ambiguous. The dictionary gives the same guarantee.
#pragma warning disable CS8765
            public override bool TryGetValue(string key, out string? value) => values.TryGetValue(key, out value);
#pragma warning restore CS8765
        }
    }
}
