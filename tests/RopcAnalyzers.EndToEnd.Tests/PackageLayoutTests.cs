using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

namespace RopcAnalyzers.EndToEnd.Tests
{
    /// <summary>What `dotnet pack` puts in RopcAnalyzers.&lt;version&gt;.nupkg.</summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class PackageLayoutTests
    {
        /// <summary>What a compiler host (csc, VS, OmniSharp, Rider) loads itself; an analyzer may reference nothing else.</summary>
        private static readonly string[] HostProvidedAssemblies =
        {
            "netstandard",
            "Microsoft.CodeAnalysis",
            "Microsoft.CodeAnalysis.CSharp",
            "Microsoft.CodeAnalysis.Workspaces",
            "Microsoft.CodeAnalysis.CSharp.Workspaces",
            "System.Collections.Immutable",
            "System.Reflection.Metadata",
            "System.Composition.AttributedModel",
        };

        private readonly PackedPackage package;

        public PackageLayoutTests(PackedPackage package) => this.package = package;

        [Fact]
        public void Pack_ProducesRopcAnalyzersVersionNupkg_AndNothingElse()
        {
            Assert.Equal(
                new[] { $"RopcAnalyzers.{Repository.PackageVersion}.nupkg" },
                Directory.GetFiles(package.FeedDirectory).Select(Path.GetFileName));
        }

        [Fact]
        public void Package_HoldsExactlyTheAnalyzersTheMsBuildFilesAndTheReadme()
        {
            var expected = new[]
            {
                "README.md",
                "RopcAnalyzers.nuspec",
                "analyzers/dotnet/cs/RopcAnalyzers.CodeFixes.dll",
                "analyzers/dotnet/cs/RopcAnalyzers.dll",
                "build/RopcAnalyzers.props",
                "build/RopcAnalyzers.targets",
                "buildTransitive/RopcAnalyzers.Configuration.props",
                "buildTransitive/RopcAnalyzers.Configuration.targets",
                "buildTransitive/RopcAnalyzers.props",
                "buildTransitive/RopcAnalyzers.targets",
                "buildTransitive/TrustedLegacyRopcAttribute.cs",
            };

            Assert.Equal(expected, PackageFiles().Where(name => !IsPackagingPart(name)).OrderBy(name => name, StringComparer.Ordinal));
            Assert.Contains("[Content_Types].xml", PackageFiles());
        }

        [Fact]
        public void Package_HasNoLibraryFolderAndNoForeignDll()
        {
            var files = PackageFiles();

            Assert.DoesNotContain(files, name => name.StartsWith("lib/", StringComparison.OrdinalIgnoreCase)
                                                 || name.StartsWith("ref/", StringComparison.OrdinalIgnoreCase)
                                                 || name.StartsWith("runtimes/", StringComparison.OrdinalIgnoreCase)
                                                 || name.StartsWith("contentFiles/", StringComparison.OrdinalIgnoreCase)
                                                 || name.StartsWith("tools/", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(
                new[] { "analyzers/dotnet/cs/RopcAnalyzers.CodeFixes.dll", "analyzers/dotnet/cs/RopcAnalyzers.dll" },
                files.Where(name => name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).OrderBy(name => name, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData("analyzers/dotnet/cs/RopcAnalyzers.dll")]
        [InlineData("analyzers/dotnet/cs/RopcAnalyzers.CodeFixes.dll")]
        public void AnalyzerAssembly_ReferencesOnlyWhatTheCompilerProvides_AtTheRoslynFloor(string entry)
        {
            foreach (var (name, version) in AssemblyReferences(entry))
            {
                var allowed = HostProvidedAssemblies.Contains(name, StringComparer.Ordinal)
                              || (name == "RopcAnalyzers" && entry.EndsWith("CodeFixes.dll", StringComparison.Ordinal));
                Assert.True(allowed, $"{entry} references {name} {version}, which the compiler does not load: it would need to ship in the package.");
                if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                {
                    Assert.True(version <= Repository.RoslynFloorVersion, $"{entry} needs {name} {version}, above the Roslyn floor {Repository.RoslynFloorVersion}: hosts on the floor would not load it.");
                }
            }
        }

        [Fact]
        public void Nuspec_DeclaresADevelopmentDependencyWithNoDependencies()
        {
            var metadata = NuspecMetadata();

            Assert.Equal("RopcAnalyzers", Value(metadata, "id"));
            Assert.Equal(Repository.PackageVersion, Value(metadata, "version"));
            Assert.Equal("true", Value(metadata, "developmentDependency"));
            Assert.Null(Element(metadata, "dependencies"));
            Assert.Null(Element(metadata, "frameworkAssemblies"));
        }

        [Fact]
        public void Nuspec_HasLicenseReadmeDescriptionAndProjectLinks()
        {
            var metadata = NuspecMetadata();

            var license = Element(metadata, "license");
            Assert.NotNull(license);
            Assert.Equal("expression", license!.Attribute("type")?.Value);
            Assert.Equal("MIT", license.Value);
            Assert.Equal("README.md", Value(metadata, "readme"));
            Assert.Contains("grant_type=password", Value(metadata, "description"), StringComparison.Ordinal);
            Assert.StartsWith("https://github.com/", Value(metadata, "projectUrl"), StringComparison.Ordinal);
            Assert.Contains("roslyn", Value(metadata, "tags")!.Split(' '));
        }

        [Fact]
        public void Nuspec_ReleaseNotesListEveryRuleOfTheReleaseTrackingFiles()
        {
            var releaseNotes = Value(NuspecMetadata(), "releaseNotes");
            Assert.NotNull(releaseNotes);
            Assert.StartsWith($"Version {Repository.PackageVersion}", releaseNotes, StringComparison.Ordinal);

            var trackedRules = new[] { "AnalyzerReleases.Unshipped.md", "AnalyzerReleases.Shipped.md" }
                .SelectMany(file => File.ReadAllLines(Repository.PathOf("src", "RopcAnalyzers", file)))
                .Where(line => line.StartsWith("ROPC", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(trackedRules);
            foreach (var row in trackedRules)
            {
                Assert.Contains(row.Trim(), releaseNotes, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(releaseNotes.Split('\n'), line => line.StartsWith(';'));
        }

        [Theory]
        [InlineData("buildTransitive/RopcAnalyzers.props")]
        [InlineData("buildTransitive/RopcAnalyzers.targets")]
        [InlineData("buildTransitive/TrustedLegacyRopcAttribute.cs")]
        [InlineData("buildTransitive/RopcAnalyzers.Configuration.props")]
        [InlineData("buildTransitive/RopcAnalyzers.Configuration.targets")]
        public void BuildTransitiveFile_IsTheRepositorysFile(string entry)
        {
            Assert.Equal(
                File.ReadAllBytes(Repository.PathOf("src", "RopcAnalyzers.Package", entry)),
                ReadEntryBytes(entry));
        }

        [Theory]
        [InlineData("build/RopcAnalyzers.props")]
        [InlineData("build/RopcAnalyzers.targets")]
        public void BuildFile_ImportsItsBuildTransitiveTwin(string entry)
        {
            var project = XDocument.Parse(ReadEntryText(entry)).Root!;
            var import = Assert.Single(project.Elements("Import"));

            Assert.Equal(@"$(MSBuildThisFileDirectory)..\buildTransitive\" + Path.GetFileName(entry), import.Attribute("Project")?.Value);
        }

        [Fact]
        public void Readme_IsTheRepositoryReadme_WithLinksToRepositoryFilesMadeAbsolute()
        {
            var packed = ReadEntryText("README.md");
            var expected = File.ReadAllText(Repository.PathOf("README.md"))
                .Replace("](rules.md", "](https://github.com/RopcAnalyzers/RopcAnalyzers/blob/main/rules.md", StringComparison.Ordinal)
                .Replace("](samples/", "](https://github.com/RopcAnalyzers/RopcAnalyzers/blob/main/samples/", StringComparison.Ordinal);

            Assert.Equal(expected.TrimEnd(), packed.TrimEnd());
            // nuget.org cannot follow links relative to the repository: every link is absolute or an anchor.
            var relativeLinks = Regex.Matches(packed, @"\]\((?!https://|http://|#)(?<target>[^)]+)\)").Select(m => m.Groups["target"].Value);
            Assert.Empty(relativeLinks);
        }

        private static bool IsPackagingPart(string name)
            => name is "[Content_Types].xml" or "_rels/.rels"
               || (name.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && name.EndsWith(".psmdcp", StringComparison.Ordinal));

        private static XElement? Element(XElement parent, string localName) => parent.Elements().SingleOrDefault(e => e.Name.LocalName == localName);

        private static string? Value(XElement parent, string localName) => Element(parent, localName)?.Value;

        private IReadOnlyList<string> PackageFiles()
        {
            using var archive = ZipFile.OpenRead(package.PackagePath);
            return archive.Entries.Select(entry => entry.FullName).ToList();
        }

        private XElement NuspecMetadata()
        {
            var nuspec = XDocument.Parse(ReadEntryText("RopcAnalyzers.nuspec"));
            return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        private string ReadEntryText(string entry)
        {
            using var reader = new StreamReader(new MemoryStream(ReadEntryBytes(entry)));
            return reader.ReadToEnd();
        }

        private byte[] ReadEntryBytes(string entry)
        {
            using var archive = ZipFile.OpenRead(package.PackagePath);
            var zipEntry = archive.GetEntry(entry) ?? throw new FileNotFoundException($"{entry} is not in the package.");
            using var stream = zipEntry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }

        private IEnumerable<(string Name, Version Version)> AssemblyReferences(string entry)
        {
            using var pe = new PEReader(new MemoryStream(ReadEntryBytes(entry)));
            var metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences
                .Select(handle => metadata.GetAssemblyReference(handle))
                .Select(reference => (metadata.GetString(reference.Name), reference.Version))
                .ToList();
        }
    }
}
