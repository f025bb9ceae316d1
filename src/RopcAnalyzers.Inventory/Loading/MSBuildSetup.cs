using System.Linq;
using Microsoft.Build.Locator;

namespace RopcAnalyzers.Inventory.Loading
{
    /// <summary>Finds the .NET SDK that builds the input (global.json included) and registers its MSBuild for this process.</summary>
    internal static class MSBuildSetup
    {
        public static VisualStudioInstance? Register(string workingDirectory, out string? error)
        {
            error = null;
            if (MSBuildLocator.IsRegistered)
            {
                return null;
            }

            var instance = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
                {
                    DiscoveryTypes = DiscoveryType.DotNetSdk,
                    WorkingDirectory = workingDirectory,
                })
                .FirstOrDefault(); // The first is the SDK that 'dotnet' resolves in that folder, global.json included.
            if (instance is null)
            {
                error = $"no .NET SDK found for '{workingDirectory}' (install the SDK that its global.json names, or the .NET 10 SDK)";
                return null;
            }

            MSBuildLocator.RegisterInstance(instance);
            return instance;
        }
    }
}
