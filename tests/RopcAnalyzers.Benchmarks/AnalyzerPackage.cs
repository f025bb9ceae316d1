using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>
    /// One analyzer package as a build would run it: its analyzers, loaded from the package's DLLs, and the
    /// diagnostic options that switch its rules on.
    /// </summary>
    internal sealed class AnalyzerPackage
    {
        private AnalyzerPackage(string name, string description, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic> diagnosticOptions)
        {
            Name = name;
            Description = description;
            Analyzers = analyzers;
            DiagnosticOptions = diagnosticOptions;
        }

        public string Name { get; }

        /// <summary>Where the analyzers came from and which of them run.</summary>
        public string Description { get; }

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        /// <summary>Severity overrides the package needs (empty: the rules' defaults, as after installing the package).</summary>
        public ImmutableDictionary<string, ReportDiagnostic> DiagnosticOptions { get; }

        public bool IsRopcAnalyzers => Name == RopcAnalyzersName;

        public const string RopcAnalyzersName = "RopcAnalyzers";

        /// <summary>
        /// RopcAnalyzers, with every analyzer in its assembly and the rules' default severities: the build this program
        /// references, or another build of it (<paramref name="otherBuild"/>, to compare before and after a change),
        /// loaded in a context of its own so that the two assemblies of the same name do not meet.
        /// </summary>
        public static AnalyzerPackage RopcAnalyzers(string? otherBuild = null)
        {
            var path = otherBuild ?? typeof(global::RopcAnalyzers.Rules.RopcUseAnalyzer).Assembly.Location;
            var analyzers = otherBuild is null ? Load(path) : Load(path, new IsolatedLoader());
            return new AnalyzerPackage(RopcAnalyzersName, $"{path}, all analyzers, default severities", analyzers, ImmutableDictionary<string, ReportDiagnostic>.Empty);
        }

        /// <summary>Meziantou.Analyzer with its default severities, from the build the SDK would pick for this Roslyn.</summary>
        public static AnalyzerPackage Meziantou()
        {
            var root = PackageFolder("Meziantou.Analyzer");
            var hostVersion = typeof(Compilation).Assembly.GetName().Version!;
            var folder = Directory.GetDirectories(Path.Combine(root, "analyzers", "dotnet"), "roslyn*")
                .Select(directory => (directory, version: Version.Parse(Path.GetFileName(directory).Substring("roslyn".Length))))
                .Where(candidate => candidate.version <= hostVersion)
                .OrderByDescending(candidate => candidate.version)
                .Select(candidate => candidate.directory)
                .FirstOrDefault()
                ?? throw new InvalidOperationException($"Meziantou.Analyzer has no build for Roslyn {hostVersion} in {root}.");
            var path = Path.Combine(folder, "cs", "Meziantou.Analyzer.dll");
            return new AnalyzerPackage("Meziantou.Analyzer", $"{Relative(root, path)}, all analyzers, default severities", Load(path), ImmutableDictionary<string, ReportDiagnostic>.Empty);
        }

        /// <summary>
        /// The security rules of Microsoft.CodeAnalysis.NetAnalyzers (category "Security": CA2100, CA2300-CA2330,
        /// CA3001-CA3147, CA5350-CA5405), all switched on as warnings, as AnalysisModeSecurity=All does.
        /// </summary>
        public static AnalyzerPackage NetAnalyzersSecurity()
        {
            var root = PackageFolder("Microsoft.CodeAnalysis.NetAnalyzers");
            var folder = Path.Combine(root, "analyzers", "dotnet", "cs");
            var all = Load(Path.Combine(folder, "Microsoft.CodeAnalysis.NetAnalyzers.dll"))
                .AddRange(Load(Path.Combine(folder, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll")));
            var security = all.Where(analyzer => analyzer.SupportedDiagnostics.Any(IsSecurityRule)).ToImmutableArray();
            var options = security
                .SelectMany(analyzer => analyzer.SupportedDiagnostics)
                .Where(IsSecurityRule)
                .Select(descriptor => descriptor.Id)
                .Distinct(StringComparer.Ordinal)
                .ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn);
            return new AnalyzerPackage(
                "NetAnalyzers (security)",
                $"{Relative(root, folder)}, {security.Length} of {all.Length} analyzers, {options.Count} security rules on as warnings",
                security,
                options);

            static bool IsSecurityRule(DiagnosticDescriptor descriptor) => descriptor.Category == "Security";
        }

        private static ImmutableArray<DiagnosticAnalyzer> Load(string path, IAnalyzerAssemblyLoader? loader = null)
        {
            var reference = new AnalyzerFileReference(path, loader ?? LoadFromPathLoader.Instance);
            var failures = new List<string>();
            reference.AnalyzerLoadFailed += (_, failure) => failures.Add($"{failure.TypeName}: {failure.Message}");
            var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
            if (analyzers.IsEmpty || failures.Count > 0)
            {
                throw new InvalidOperationException($"Could not load the analyzers of {path}: {string.Join("; ", failures.DefaultIfEmpty("none found"))}");
            }

            return analyzers;
        }

        private static string PackageFolder(string packageId)
        {
            var folder = typeof(AnalyzerPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(attribute => attribute.Key == "PeerPackage:" + packageId)?.Value;
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw new InvalidOperationException($"The {packageId} package folder '{folder}' is missing: restore tests/RopcAnalyzers.Benchmarks.");
            }

            return folder;
        }

        private static string Relative(string packageRoot, string path)
            => Path.GetFileName(Path.GetDirectoryName(packageRoot)) + "/" + Path.GetFileName(packageRoot) + "/" + Path.GetRelativePath(packageRoot, path).Replace('\\', '/');

        /// <summary>
        /// Loads analyzer assemblies into the default context: their references to Microsoft.CodeAnalysis resolve
        /// to the host's, and their own dependencies are found beside them.
        /// </summary>
        private sealed class LoadFromPathLoader : IAnalyzerAssemblyLoader
        {
            public static readonly LoadFromPathLoader Instance = new();

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }

        /// <summary>Loads an analyzer assembly in a load context of its own; Microsoft.CodeAnalysis and the framework come from the host.</summary>
        private sealed class IsolatedLoader : System.Runtime.Loader.AssemblyLoadContext, IAnalyzerAssemblyLoader
        {
            private string? directory;

            public IsolatedLoader()
                : base("RopcAnalyzers (other build)")
            {
            }

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath)
            {
                directory = Path.GetDirectoryName(fullPath);
                return LoadFromAssemblyPath(fullPath);
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                var candidate = directory is null ? null : Path.Combine(directory, assemblyName.Name + ".dll");
                return candidate is not null && File.Exists(candidate) && !assemblyName.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !assemblyName.Name.StartsWith("System.", StringComparison.Ordinal)
                    ? LoadFromAssemblyPath(candidate)
                    : null;
            }
        }
    }
}
