using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RopcAnalyzers.Fixes.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Source compiled in memory against the running runtime and the real OAuth packages this project restores, loaded
/// into its own collectible load context. The packages themselves resolve from the default context, so the loaded
/// code's IdentityModel, MSAL and Azure.Identity types are the ones the tests use.
/// </summary>
public static class CompiledCode
{
    /// <summary>What the .NET SDK's implicit usings give a console project such as the samples.</summary>
    public const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        optimizationLevel: OptimizationLevel.Debug);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyReferences = new(LoadReferences);

    public static IReadOnlyList<MetadataReference> References => LazyReferences.Value;

    /// <summary>Emits the compilation (failing with its errors) and loads it.</summary>
    public static Assembly Load(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The code does not compile:\n" + string.Join("\n", errors));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }

    public static Assembly Compile(string assemblyName, params string[] sources)
        => Load(CSharpCompilation.Create(
            assemblyName,
            sources.Append(ImplicitUsings).Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            References,
            CompilationOptions));

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = Directory.EnumerateFiles(runtimeDirectory, "*.dll")
            .Where(IsManagedAssembly)
            .OrderBy(path => path, StringComparer.Ordinal);

        // The packages' own assemblies and theirs, as loaded in this process (not the framework's).
        var packages = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>(new[]
        {
            typeof(IdentityModel.Client.TokenResponse).Assembly,
            typeof(Duende.IdentityModel.Client.TokenResponse).Assembly,
            typeof(Microsoft.Identity.Client.PublicClientApplication).Assembly,
            typeof(Azure.Identity.DeviceCodeCredential).Assembly,
        });
        while (pending.Count > 0)
        {
            var assembly = pending.Pop();
            if (Path.GetDirectoryName(assembly.Location) == runtimeDirectory || !packages.Add(assembly.Location))
            {
                continue;
            }

            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (TryLoad(name) is { } referenced)
                {
                    pending.Push(referenced);
                }
            }
        }

        return framework.Concat(packages).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
