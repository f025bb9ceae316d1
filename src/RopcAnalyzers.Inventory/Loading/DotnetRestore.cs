using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace RopcAnalyzers.Inventory.Loading
{
    /// <summary>Runs 'dotnet restore' on the input, with the same SDK the workspace loads projects with.</summary>
    internal static class DotnetRestore
    {
        /// <summary>Restores <paramref name="path"/>; its output goes to stderr so that stdout stays the report.</summary>
        public static async Task<(int ExitCode, string Output)> RunAsync(string dotnetPath, string path, IReadOnlyDictionary<string, string> properties, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(dotnetPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(path)!,
            };
            start.ArgumentList.Add("restore");
            start.ArgumentList.Add(path);
            start.ArgumentList.Add("-nologo");
            start.ArgumentList.Add("-v:q");
            foreach (var (name, value) in properties)
            {
                // The same global properties as the workspace loads the projects with.
                start.ArgumentList.Add($"-p:{name}={value}");
            }

            foreach (var argument in extraArguments)
            {
                start.ArgumentList.Add(argument);
            }

            // No MSBuild node may outlive the tool: it would keep files open and the CI job alive.
            start.ArgumentList.Add("-nodeReuse:false");
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            Process? started;
            try
            {
                started = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                return (-1, $"error: could not start '{dotnetPath}': {exception.Message}");
            }

            using var process = started ?? throw new InventoryException($"could not start '{dotnetPath}'");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, ((await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false))).Trim());
        }

        /// <summary>
        /// The line that says why a restore failed, without the path MSBuild puts in front and the project it
        /// appends: "NU1301: Unable to load the service index for source http://...". Null when no line says.
        /// </summary>
        public static string? FirstError(string output)
        {
            foreach (var raw in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var marker = raw.IndexOf("error ", StringComparison.Ordinal);
                if (marker < 0 || !(marker == 0 || raw[..marker].EndsWith(": ", StringComparison.Ordinal)))
                {
                    continue;
                }

                var line = raw[(marker + "error ".Length)..];
                var project = line.LastIndexOf(" [", StringComparison.Ordinal);
                return project > 0 && line.EndsWith(']') ? line[..project] : line;
            }

            return null;
        }

        /// <summary>The dotnet executable of the SDK whose MSBuild is at <paramref name="msbuildPath"/> (…/dotnet/sdk/&lt;version&gt;/).</summary>
        public static string DotnetFor(string msbuildPath)
        {
            var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(msbuildPath)));
            var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
            if (root is not null && File.Exists(Path.Combine(root, executable)))
            {
                return Path.Combine(root, executable);
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : executable;
        }
    }
}
