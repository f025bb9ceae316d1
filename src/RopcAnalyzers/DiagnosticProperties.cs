using System.Collections.Immutable;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers
{
    /// <summary>Keys of the data that diagnostics carry to code fixes and tools.</summary>
    public static class DiagnosticProperties
    {
        public const string Library = "Library";
        public const string RequestKind = "RequestKind";
        public const string ApiName = "ApiName";

        /// <summary>ROPC002: where the password is kept (a <see cref="Persistence.PersistenceChannel"/> name).</summary>
        public const string PersistenceChannel = "PersistenceChannel";

        internal static ImmutableDictionary<string, string?> For(RopcRequest request)
            => ImmutableDictionary<string, string?>.Empty
                .Add(Library, request.Library.ToString())
                .Add(RequestKind, request.Kind.ToString())
                .Add(ApiName, request.ApiName);
    }
}
