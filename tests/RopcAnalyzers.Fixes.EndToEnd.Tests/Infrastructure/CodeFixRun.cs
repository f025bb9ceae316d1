using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RopcAnalyzers.Rules;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Applies one of the package's code fixes as the IDE does: the analyzer reports on a document of a workspace
/// project, the provider registers its code actions for that diagnostic, and the chosen action's operations change
/// the solution. The fixed document is returned with the compilation of its project.
/// </summary>
public sealed class CodeFixRun
{
    private CodeFixRun(string fixedSource, Compilation compilation, ImmutableArray<Diagnostic> remainingDiagnostics)
    {
        FixedSource = fixedSource;
        Compilation = compilation;
        RemainingDiagnostics = remainingDiagnostics;
    }

    public string FixedSource { get; }

    public Compilation Compilation { get; }

    /// <summary>The package's diagnostics on the fixed code.</summary>
    public ImmutableArray<Diagnostic> RemainingDiagnostics { get; }

    public static async Task<CodeFixRun> ApplyAsync(string assemblyName, string source, string diagnosticId, CodeFixProvider provider, string equivalenceKey, string fileName = "ApiSession.cs")
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, assemblyName, assemblyName, LanguageNames.CSharp,
                compilationOptions: CompiledCode.CompilationOptions,
                parseOptions: CompiledCode.ParseOptions,
                metadataReferences: CompiledCode.References))
            .AddDocument(documentId, fileName, SourceText.From(source))
            .AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", SourceText.From(CompiledCode.ImplicitUsings));
        var document = solution.GetDocument(documentId)!;

        var (compilation, diagnostics) = await AnalyzeAsync(document.Project);
        AssertNoErrors(compilation, "The legacy code");
        var diagnostic = diagnostics.SingleOrDefault(d => d.Id == diagnosticId)
            ?? throw new InvalidOperationException($"No {diagnosticId} on the legacy code; the analyzer reported: {string.Join("; ", diagnostics)}");

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey)
            ?? throw new InvalidOperationException($"{provider.GetType().Name} offers no '{equivalenceKey}' for {diagnostic}; it offers: {string.Join(", ", actions.Select(a => a.EquivalenceKey))}");
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedDocument = changed.GetDocument(documentId)!;

        var (fixedCompilation, remaining) = await AnalyzeAsync(fixedDocument.Project);
        var fixedSource = (await fixedDocument.GetTextAsync()).ToString();
        AssertNoErrors(fixedCompilation, "The fixed code:\n" + fixedSource + "\n");
        return new CodeFixRun(fixedSource, fixedCompilation, remaining);
    }

    private static async Task<(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RopcUseAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        return (compilation, diagnostics);
    }

    private static void AssertNoErrors(Compilation compilation, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{what} does not compile:\n{string.Join("\n", errors)}");
    }
}
