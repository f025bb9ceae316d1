using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace RopcAnalyzers.Benchmarks
{
    /// <summary>
    /// Metadata references of the corpora: the running .NET runtime, and for corpora (b), (c) and (s) IdentityModel,
    /// Duende.IdentityModel, MSAL, ADAL, Azure.Identity, RestSharp and Flurl.Http with their dependency closure, taken
    /// from this program's own restore (nothing is downloaded).
    /// </summary>
    internal static class CorpusReferences
    {
        public static ImmutableArray<MetadataReference> Framework()
        {
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            return Directory.EnumerateFiles(runtimeDirectory, "*.dll")
                .Where(IsManagedAssembly)
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        public static ImmutableArray<MetadataReference> FrameworkAndOAuthLibraries()
        {
            var anchors = new[]
            {
                typeof(global::IdentityModel.Client.TokenClient).Assembly.Location,
                typeof(global::Duende.IdentityModel.Client.TokenClient).Assembly.Location,
                typeof(global::Microsoft.Identity.Client.PublicClientApplication).Assembly.Location,
                typeof(global::Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext).Assembly.Location,
                typeof(global::RestSharp.RestClient).Assembly.Location,
                typeof(global::Flurl.Http.FlurlClient).Assembly.Location,
                typeof(global::Azure.Identity.DefaultAzureCredential).Assembly.Location,
                typeof(global::Azure.Core.TokenCredential).Assembly.Location,
            };

            var outputDirectory = AppContext.BaseDirectory;
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<string>(anchors);
            while (pending.Count > 0)
            {
                var path = pending.Pop();
                if (!found.TryAdd(Path.GetFileNameWithoutExtension(path), path))
                {
                    continue;
                }

                foreach (var referenced in ReferencedAssemblyNames(path))
                {
                    var candidate = Path.Combine(outputDirectory, referenced + ".dll");
                    if (!found.ContainsKey(referenced) && File.Exists(candidate) && !File.Exists(Path.Combine(runtimeDirectory, referenced + ".dll")))
                    {
                        pending.Push(candidate);
                    }
                }
            }

            return Framework().AddRange(found.Values.OrderBy(path => path, StringComparer.Ordinal).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));
        }

        private static IEnumerable<string> ReferencedAssemblyNames(string path)
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            var metadata = reader.GetMetadataReader();
            return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
        }

        private static bool IsManagedAssembly(string path)
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var reader = new PEReader(stream);
                return reader.HasMetadata;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }
    }
}
