using RopcAnalyzers.EndToEnd.Tests.Infrastructure;

// The tests run `dotnet` builds: one at a time is fastest on a small machine, and they share one packed package.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace RopcAnalyzers.EndToEnd.Tests
{
    [CollectionDefinition(Name)]
    public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>
    {
        public const string Name = "Packed RopcAnalyzers package";
    }
}
