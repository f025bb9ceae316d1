using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;

namespace RopcAnalyzers.EndToEnd.Tests.Infrastructure
{
    /// <summary>What one `dotnet` command did.</summary>
    public sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
    {
        public override string ToString() => $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s:\n{Output}";
    }

    /// <summary>
    /// Runs the `dotnet` CLI as a child process with an environment that the test decides. The test runner itself may
    /// run in CI (CI=true, TF_BUILD=True) or inside `dotnet test` (MSBuild* variables): a child build would inherit
    /// those and change behaviour, so they are removed, and each test adds back exactly what its case needs.
    /// </summary>
    public static class DotNet
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

        /// <summary>Variables that switch the CI gate or the compiler's warning options, or that steer a nested MSBuild.</summary>
        private static readonly string[] RemovedVariables =
        {
            "CI", "TF_BUILD", "ContinuousIntegrationBuild", "GITHUB_ACTIONS",
            "RopcAnalyzersFailOnUnapproved", "RopcAnalyzersGatedRules", "RopcAnalyzersEmbedAttribute",
            "TreatWarningsAsErrors", "WarningsAsErrors", "WarningsNotAsErrors", "NoWarn", "ErrorLog",
            "Configuration", "Platform", "ArtifactsPath",
        };

        private static readonly string[] RemovedPrefixes = { "MSBUILD", "VSTEST_", "DOTNET_HOST_PATH" };

        private static readonly Dictionary<string, string> QuietCli = new()
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["DOTNET_ADD_GLOBAL_TOOLS_TO_PATH"] = "0",
            // No MSBuild node or compiler server outlives the command (they would also be shared with other builds).
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["UseSharedCompilation"] = "false",
        };

        /// <summary>The `dotnet` that runs the tests, so child builds use the same SDK.</summary>
        private static string Executable { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        private static readonly Lazy<string> GlobalPackages = new(FindGlobalPackagesFolder);

        /// <summary>
        /// The NuGet packages folder that the test restore filled. Builds of the repository's own projects restore from
        /// it as their only source (`-p:RestoreSources=...`): some dependencies are asked for at versions that the
        /// registry does not serve (NU1603), and resolving those would otherwise query the registry on every restore.
        /// </summary>
        public static string GlobalPackagesFolder => GlobalPackages.Value;

        /// <summary>Runs `dotnet <paramref name="arguments"/>` in <paramref name="workingDirectory"/>.</summary>
        /// <param name="environment">Variables to set (a null value removes one) on top of the cleaned environment.</param>
        public static CommandResult Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
        {
            var startInfo = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            foreach (var name in startInfo.Environment.Keys.ToList())
            {
                if (RemovedVariables.Contains(name, StringComparer.OrdinalIgnoreCase)
                    || RemovedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
                {
                    startInfo.Environment.Remove(name);
                }
            }

            foreach (var (name, value) in QuietCli)
            {
                startInfo.Environment[name] = value;
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(name);
                }
                else
                {
                    startInfo.Environment[name] = value;
                }
            }

            var commandLine = "dotnet " + string.Join(" ", startInfo.ArgumentList);
            var output = new StringBuilder();
            void Append(object sender, DataReceivedEventArgs e)
            {
                if (e.Data is not null)
                {
                    lock (output)
                    {
                        output.AppendLine(e.Data);
                    }
                }
            }

            var stopwatch = Stopwatch.StartNew();
            using var process = new Process { StartInfo = startInfo };
            process.OutputDataReceived += Append;
            process.ErrorDataReceived += Append;
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"`{commandLine}` did not finish within {Timeout.TotalMinutes} minutes:\n{Snapshot(output)}");
            }

            // Drains the redirected streams.
            process.WaitForExit();
            return new CommandResult(commandLine, process.ExitCode, Snapshot(output), stopwatch.Elapsed);
        }

        private static string FindGlobalPackagesFolder()
        {
            var result = Run(Environment.CurrentDirectory, new[] { "nuget", "locals", "global-packages", "--list" });
            const string prefix = "global-packages:";
            var line = result.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (result.ExitCode != 0 || line is null)
            {
                throw new InvalidOperationException($"Could not find the NuGet packages folder: {result}");
            }

            return line.Substring(prefix.Length).Trim();
        }

        private static string Snapshot(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
