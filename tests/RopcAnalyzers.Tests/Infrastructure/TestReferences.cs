using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace RopcAnalyzers.Tests.Infrastructure
{
    /// <summary>
    /// Metadata references for test compilations: the running .NET runtime and the real OAuth packages that the
    /// test project restores. Nothing is downloaded while tests run, so a clean machine with the restore done
    /// gives the same result as a developer's.
    /// </summary>
    public static class TestReferences
    {
        /// <summary>No reference-assembly package: the framework comes from the running runtime instead.</summary>
        public static readonly ReferenceAssemblies NoPackages = new("net10.0");

        private static readonly Lazy<ImmutableArray<MetadataReference>> Runtime = new(LoadRuntime);
        private static readonly Lazy<ImmutableDictionary<string, MetadataReference>> Libraries = new(LoadLibraries);

        public static ImmutableArray<MetadataReference> Framework => Runtime.Value;

        /// <summary>Every library assembly, keyed by assembly name.</summary>
        public static ImmutableDictionary<string, MetadataReference> LibraryAssemblies => Libraries.Value;

        public static IEnumerable<MetadataReference> All => Framework.Concat(LibraryAssemblies.Values);

        /// <summary>All references but the named library assemblies (to compile stand-ins of other versions in their place).</summary>
        public static IEnumerable<MetadataReference> AllExcept(params string[] assemblyNames)
            => Framework.Concat(LibraryAssemblies.Where(pair => !assemblyNames.Contains(pair.Key)).Select(pair => pair.Value));

        private static ImmutableArray<MetadataReference> LoadRuntime()
        {
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var builder = ImmutableArray.CreateBuilder<MetadataReference>();
            foreach (var file in Directory.EnumerateFiles(runtimeDirectory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                if (IsManaged(file))
                {
                    builder.Add(MetadataReference.CreateFromFile(file));
                }
            }

            return builder.ToImmutable();
        }

        private static ImmutableDictionary<string, MetadataReference> LoadLibraries()
        {
            var anchors = new[]
            {
                typeof(global::IdentityModel.Client.PasswordTokenRequest).Assembly,
                typeof(global::Duende.IdentityModel.Client.PasswordTokenRequest).Assembly,
                typeof(global::Microsoft.Identity.Client.PublicClientApplication).Assembly,
                typeof(global::Azure.Identity.UsernamePasswordCredential).Assembly,
                typeof(global::Azure.Identity.DefaultAzureCredential).Assembly,
                typeof(global::RestSharp.RestRequest).Assembly,
                typeof(global::Flurl.Http.FlurlHttpException).Assembly,
                typeof(global::OpenIddict.Client.OpenIddictClientService).Assembly,
                typeof(global::OpenIddict.Server.OpenIddictServerOptions).Assembly,
                typeof(global::Microsoft.Extensions.DependencyInjection.OpenIddictServerBuilder).Assembly,
                typeof(global::Microsoft.Extensions.DependencyInjection.OpenIddictClientBuilder).Assembly,
                typeof(global::Microsoft.Extensions.Logging.ILogger).Assembly,
                typeof(global::Microsoft.Extensions.Caching.Memory.IMemoryCache).Assembly,
                typeof(global::Microsoft.Extensions.Caching.Distributed.IDistributedCache).Assembly,
            };

            var baseDirectory = AppContext.BaseDirectory;
            var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<string>(anchors.Select(a => a.Location));
            while (pending.Count > 0)
            {
                var path = pending.Pop();
                var name = Path.GetFileNameWithoutExtension(path);
                if (found.ContainsKey(name))
                {
                    continue;
                }

                found[name] = path;
                foreach (var reference in AssemblyName(path))
                {
                    var candidate = Path.Combine(baseDirectory, reference + ".dll");
                    if (File.Exists(candidate) && !found.ContainsKey(reference))
                    {
                        pending.Push(candidate);
                    }
                }
            }

            // ADAL's UserPasswordCredential is only in the package's net45 library (copied next to the tests by the project file).
            var adal = Path.Combine(baseDirectory, "adal-net45", "Microsoft.IdentityModel.Clients.ActiveDirectory.dll");
            if (!File.Exists(adal))
            {
                throw new InvalidOperationException($"The ADAL net45 library was not copied to {adal}: restore the test project.");
            }

            found["Microsoft.IdentityModel.Clients.ActiveDirectory"] = adal;
            return found.ToImmutableDictionary(pair => pair.Key, pair => (MetadataReference)MetadataReference.CreateFromFile(pair.Value), StringComparer.OrdinalIgnoreCase);
        }

        private static IEnumerable<string> AssemblyName(string path)
        {
            using var stream = File.OpenRead(path);
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
            return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
        }

        private static bool IsManaged(string path)
        {
            try
            {
                using var stream = File.OpenRead(path);
                using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
                return reader.HasMetadata;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }
    }
}
