using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// The wrappers one compilation learned (its own, and those of the compilations it references that were handed to
    /// it), in a form that a compilation referencing it can find again by symbol: the declaring assembly's name and the
    /// method's documentation comment id. It holds no symbol and no compilation, only the wrappers' text and locations
    /// in the referenced project's syntax trees. The analyzers never use it: a build analyses one compilation at a
    /// time. ropc-inventory, which loads the whole solution, hands each project's exports to the projects that
    /// reference it (<see cref="RopcRecognizer.Create(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions?, Compilation, RopcWrapperExports)"/>).
    /// </summary>
    public sealed class RopcWrapperExports
    {
        private RopcWrapperExports(ImmutableArray<ExportedWrapper> wrappers)
        {
            Wrappers = wrappers;
        }

        public static RopcWrapperExports Empty { get; } = new(ImmutableArray<ExportedWrapper>.Empty);

        /// <summary>How many wrappers are exported.</summary>
        public int Count => Wrappers.Length;

        internal ImmutableArray<ExportedWrapper> Wrappers { get; }

        /// <summary>
        /// The exports of several compilations together. A wrapper exported by more than one (a project referenced both
        /// directly and through another) counts once, as the first of <paramref name="exports"/> gives it.
        /// </summary>
        public static RopcWrapperExports Combine(IEnumerable<RopcWrapperExports> exports)
        {
            var seen = new HashSet<(string, string)>();
            var builder = ImmutableArray.CreateBuilder<ExportedWrapper>();
            foreach (var part in exports ?? Enumerable.Empty<RopcWrapperExports>())
            {
                foreach (var wrapper in part?.Wrappers ?? ImmutableArray<ExportedWrapper>.Empty)
                {
                    if (seen.Add((wrapper.AssemblyName, wrapper.DeclarationId)))
                    {
                        builder.Add(wrapper);
                    }
                }
            }

            return builder.Count == 0 ? Empty : new RopcWrapperExports(Sorted(builder));
        }

        internal static RopcWrapperExports From(IEnumerable<RopcWrapper> wrappers)
        {
            var builder = ImmutableArray.CreateBuilder<ExportedWrapper>();
            foreach (var wrapper in wrappers)
            {
                // A wrapper whose grant its caller chooses reaches no request yet: a call of it that passes the password
                // grant would be a request in the referencing project, which its build (one compilation) cannot see. Not
                // handed on, so the inventory's sites stay the build's ROPC001 sites.
                if (wrapper.Request is null)
                {
                    continue;
                }

                var method = wrapper.Method.OriginalDefinition;
                if (method.ContainingAssembly is not { } assembly || DocumentationCommentId.CreateDeclarationId(method) is not { Length: > 0 } id)
                {
                    continue;
                }

                builder.Add(new ExportedWrapper(assembly.Identity.Name, id, wrapper.Inputs, wrapper.Library, wrapper.Reached, wrapper.Steps, wrapper.Request));
            }

            return builder.Count == 0 ? Empty : new RopcWrapperExports(Sorted(builder));
        }

        /// <summary>
        /// The exported wrappers that <paramref name="compilation"/> sees through its references, as its own symbols. An
        /// export it cannot find (the reference is gone, the method changed) is left out.
        /// </summary>
        internal IEnumerable<RopcWrapper> In(Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var wrapper in Wrappers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var symbol in DocumentationCommentId.GetSymbolsForDeclarationId(wrapper.DeclarationId, compilation))
                {
                    // The same id may name a method of another assembly (or of the compilation itself): only the one the export came from is the wrapper.
                    if (symbol is IMethodSymbol method
                        && method.ContainingAssembly is { } assembly
                        && !SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly)
                        && string.Equals(assembly.Identity.Name, wrapper.AssemblyName, StringComparison.Ordinal))
                    {
                        yield return new RopcWrapper(method.OriginalDefinition, wrapper.Inputs, wrapper.Library, wrapper.Reached, wrapper.Steps, wrapper.Request);
                        break;
                    }
                }
            }
        }

        /// <summary>In one order whatever order the wrappers were found or combined in, so that what a compilation learns from them does not depend on it.</summary>
        private static ImmutableArray<ExportedWrapper> Sorted(IEnumerable<ExportedWrapper> wrappers)
            => wrappers.OrderBy(w => w.AssemblyName, StringComparer.Ordinal).ThenBy(w => w.DeclarationId, StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>One wrapper as <see cref="RopcWrapperExports"/> holds it.</summary>
    internal sealed class ExportedWrapper
    {
        public ExportedWrapper(string assemblyName, string declarationId, ImmutableArray<WrapperInput> inputs, RopcLibrary library, string reached, ImmutableArray<Location> steps, Location? request)
        {
            AssemblyName = assemblyName;
            DeclarationId = declarationId;
            Inputs = inputs;
            Library = library;
            Reached = reached;
            Steps = steps;
            Request = request;
        }

        public string AssemblyName { get; }

        /// <summary>"M:Contoso.Api.AuthHelper.GetTokenAsync(System.String,System.String,System.String)".</summary>
        public string DeclarationId { get; }

        public ImmutableArray<WrapperInput> Inputs { get; }

        public RopcLibrary Library { get; }

        public string Reached { get; }

        public ImmutableArray<Location> Steps { get; }

        public Location? Request { get; }
    }
}
