using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>What one corpus is made of, what RopcAnalyzers must find in it, and its cost goal (issue 14).</summary>
    internal sealed class CorpusPlan
    {
        private CorpusPlan(List<CorpusFile> files, bool withLibraries, string description, double goal)
        {
            // The package adds the attribute's source to every project that installs it, so every corpus declares it.
            files.Add(new CorpusFile("TrustedLegacyRopcAttribute.cs", ShippedAttributeSource()));
            Files = files;
            WithLibraries = withLibraries;
            Description = description;
            Goal = goal;
        }

        public IReadOnlyList<CorpusFile> Files { get; }

        public bool WithLibraries { get; }

        public string Description { get; }

        /// <summary>RopcAnalyzers' share of the compiler's time that the corpus must stay under.</summary>
        public double Goal { get; }

        public int ExpectedUnapprovedSites { get; private init; }

        public int ExpectedKeptPasswords { get; private init; }

        /// <summary>Real sources measured as they are: their findings are printed, not checked, and compiler errors are tolerated.</summary>
        public bool FromSourceDirectory { get; private init; }

        public IReadOnlyList<string> PreprocessorSymbols { get; private init; } = Array.Empty<string>();

        public static CorpusPlan For(char corpus, BenchmarkOptions options)
        {
            var business = CorpusGenerator.BusinessModules(options.Modules, options.Seed);
            switch (corpus)
            {
                case 'a':
                    return new CorpusPlan(business.ToList(), withLibraries: false, "no OAuth library referenced", goal: 0.003);
                case 'b':
                    var dense = business.Concat(CorpusGenerator.AuthenticationModules(options.AuthenticationModules, options.Seed + 1, plantRopc: true)).Concat(CorpusGenerator.WholeProgramModules()).ToList();
                    return new CorpusPlan(dense, withLibraries: true, $"IdentityModel, Duende.IdentityModel, MSAL, ADAL, Azure.Identity, RestSharp and Flurl referenced; {options.AuthenticationModules} token-acquisition modules with {CorpusGenerator.PlantedRopcSites} ROPC sites ({CorpusGenerator.PlantedUnapprovedRopcSites} unapproved), and a session, client, helper and settings object that spread {CorpusGenerator.PlantedWholeProgramRopcSites} more across files", goal: 0.03)
                    {
                        ExpectedUnapprovedSites = CorpusGenerator.PlantedUnapprovedRopcSites + CorpusGenerator.PlantedWholeProgramRopcSites,
                        ExpectedKeptPasswords = CorpusGenerator.PlantedWholeProgramKeptPasswords,
                    };
                case 'c':
                    var clean = business.Concat(CorpusGenerator.AuthenticationModules(options.AuthenticationModules, options.Seed + 1, plantRopc: false)).ToList();
                    return new CorpusPlan(clean, withLibraries: true, $"the OAuth libraries referenced and {options.AuthenticationModules} token-acquisition modules that use them without ROPC (client credentials, authorization code, device code, refresh tokens)", goal: 0.01);
                case 'r':
                case 's':
                    var directory = options.SourceDirectory!;
                    var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                        .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                        .OrderBy(path => path, StringComparer.Ordinal)
                        .Select(path => new CorpusFile(Path.GetRelativePath(directory, path), File.ReadAllText(path)))
                        .ToList();
                    var withLibraries = corpus == 's';
                    return new CorpusPlan(sources, withLibraries, $"the sources under {directory}" + (withLibraries ? " with the OAuth libraries referenced" : " with only the framework referenced"), goal: withLibraries ? 0.01 : 0.003)
                    {
                        FromSourceDirectory = true,
                        PreprocessorSymbols = options.Defines,
                    };
                default:
                    throw new ArgumentOutOfRangeException(nameof(corpus));
            }
        }

        private static string ShippedAttributeSource()
        {
            using var stream = typeof(CorpusPlan).Assembly.GetManifestResourceStream("TrustedLegacyRopcAttribute.cs")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
