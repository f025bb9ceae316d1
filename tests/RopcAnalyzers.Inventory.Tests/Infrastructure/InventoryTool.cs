using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace RopcAnalyzers.Inventory.Tests.Infrastructure
{
    /// <summary>What one run of the tool produced.</summary>
    public sealed record ToolRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public JsonElement StdoutJson => JsonDocument.Parse(Stdout).RootElement;

        public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>Runs the built ropc-inventory tool as a child process, as a user or a CI job does.</summary>
    public static class InventoryTool
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

        public static string ToolPath => Metadata("InventoryTool");

        public static string RepositoryRoot => Metadata("RepositoryRoot");

        public static string Configuration => Metadata("Configuration");

        public static ToolRun Run(string workingDirectory, params string[] arguments)
        {
            Assert.True(File.Exists(ToolPath), $"The tool is not built at {ToolPath}");
            var start = StartInfo(workingDirectory, arguments);
            return RunProcess(start);
        }

        /// <summary>How the tool is started: `dotnet tool.dll arguments` in <paramref name="workingDirectory"/>, with a clean environment.</summary>
        private static ProcessStartInfo StartInfo(string workingDirectory, string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            start.ArgumentList.Add(ToolPath);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            Sanitize(start.Environment);
            return start;
        }

        /// <summary>
        /// Runs the tool and sends it SIGINT (what Ctrl+C sends) as soon as a line of its stderr contains
        /// <paramref name="interruptAfter"/>. Unix only: Windows has no signal to send to another console's process.
        /// </summary>
        public static ToolRun RunAndInterrupt(string workingDirectory, string interruptAfter, params string[] arguments)
        {
            var start = StartInfo(workingDirectory, arguments);
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = new System.Text.StringBuilder();
            var interrupted = false;
            while (process.StandardError.ReadLine() is { } line)
            {
                stderr.AppendLine(line);
                if (!interrupted && line.Contains(interruptAfter, StringComparison.Ordinal))
                {
                    interrupted = true;
                    using var kill = Process.Start("kill", new[] { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!;
                    kill.WaitForExit();
                }
            }

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"the interrupted tool did not finish within {Timeout}:\n{stderr}");
            }

            process.WaitForExit();
            Assert.True(interrupted, $"'{interruptAfter}' never appeared on stderr:\n{stderr}");
            return new ToolRun(process.ExitCode, stdout.Result, stderr.ToString(), watch.Elapsed);
        }

        /// <summary>Runs another command (dotnet pack...) with the same clean environment.</summary>
        public static ToolRun RunCommand(string workingDirectory, string fileName, params string[] arguments)
        {
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            Sanitize(start.Environment);
            return RunProcess(start);
        }

        private static ToolRun RunProcess(ProcessStartInfo start)
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {Timeout}:\n{stderr.Result}");
            }

            process.WaitForExit();
            return new ToolRun(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
        }

        /// <summary>
        /// The same environment on a developer's machine and in CI: CI=true would turn the package's gating on
        /// (warnings become errors), and variables that 'dotnet test' sets for its own MSBuild must not steer the
        /// tool's. No MSBuild node may outlive a test.
        /// </summary>
        private static void Sanitize(IDictionary<string, string?> environment)
        {
            foreach (var name in environment.Keys.ToList())
            {
                if (name is "CI" or "TF_BUILD" or "GITHUB_ACTIONS" or "ContinuousIntegrationBuild"
                    || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                {
                    environment.Remove(name);
                }
            }

            environment["MSBUILDDISABLENODEREUSE"] = "1";
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_NOLOGO"] = "1";
            environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        }

        private static string Metadata(string key)
            => typeof(InventoryTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
    }
}
