using System;
using System.Diagnostics;
using System.IO;
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

            // hostfxr prints the installed SDKs on stdout when global.json pins one that is missing: ask a child
            // 'dotnet' first, so stdout stays the report and the message can say what to do.
            if (GlobalJsonProblem(workingDirectory) is { } globalJsonError)
            {
                error = globalJsonError;
                return null;
            }

            VisualStudioInstance? instance;
            try
            {
                instance = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
                    {
                        DiscoveryTypes = DiscoveryType.DotNetSdk,
                        WorkingDirectory = workingDirectory,
                    })
                    .FirstOrDefault(); // The first is the SDK that 'dotnet' resolves in that folder, global.json included.
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or DllNotFoundException or BadImageFormatException)
            {
                // hostfxr refuses to resolve an SDK (a global.json that pins one not installed, a broken install):
                // its message is several lines with install advice; the first says what is wrong.
                error = $"no .NET SDK can build '{workingDirectory}': {FirstSentence(exception.Message)}{GlobalJsonHint(workingDirectory)}";
                return null;
            }

            if (instance is null)
            {
                error = $"no .NET SDK found for '{workingDirectory}' (install the SDK that its global.json names, or the .NET 10 SDK)";
                return null;
            }

            MSBuildLocator.RegisterInstance(instance);
            return instance;
        }

        /// <summary>"Detailed error: A compatible .NET SDK was not found." and the requested version, on one line.</summary>
        private static string FirstSentence(string message)
        {
            var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var detail = lines[0];
            var marker = detail.IndexOf("Detailed error:", StringComparison.Ordinal);
            if (marker >= 0)
            {
                detail = detail[(marker + "Detailed error:".Length)..].Trim();
            }

            var requested = lines.FirstOrDefault(line => line.StartsWith("Requested SDK version:", StringComparison.Ordinal));
            return requested is null ? detail : $"{detail.TrimEnd('.')} ({requested})";
        }

        private static string GlobalJsonHint(string workingDirectory)
            => FindGlobalJson(workingDirectory) is { } globalJson
                ? $"; install that SDK, or relax the 'sdk' section of {globalJson} (e.g. \"rollForward\": \"latestMajor\")"
                : "; install the .NET 10 SDK";

        private static string? FindGlobalJson(string workingDirectory)
        {
            for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
            {
                var globalJson = Path.Combine(directory.FullName, "global.json");
                if (File.Exists(globalJson))
                {
                    return globalJson;
                }
            }

            return null;
        }

        /// <summary>When a global.json applies and 'dotnet --version' cannot resolve its SDK there: why, in one line.</summary>
        private static string? GlobalJsonProblem(string workingDirectory)
        {
            var globalJson = FindGlobalJson(workingDirectory);
            if (globalJson is null)
            {
                return null;
            }

            var start = new ProcessStartInfo(DotnetRestore.DotnetFor(string.Empty))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            start.ArgumentList.Add("--version");
            start.Environment["DOTNET_NOLOGO"] = "1";
            try
            {
                using var process = Process.Start(start);
                if (process is null)
                {
                    return null;
                }

                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode == 0)
                {
                    return null;
                }

                var lines = (stderr + "\n" + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var requested = lines.FirstOrDefault(line => line.StartsWith("Requested SDK version:", StringComparison.Ordinal))?["Requested SDK version:".Length..].Trim();
                var installed = lines.Where(line => line.EndsWith(']') && line.Contains(" [", StringComparison.Ordinal) && char.IsDigit(line[0]))
                    .Select(line => line[..line.IndexOf(' ', StringComparison.Ordinal)])
                    .ToList();
                var what = requested is null ? "the .NET SDK it asks for" : $"the .NET SDK {requested} it asks for";
                var have = installed.Count == 0 ? string.Empty : $" (installed: {string.Join(", ", installed)})";
                return $"{globalJson} pins an SDK that is not installed: {what} cannot be found{have}; install it, or relax the 'sdk' section of global.json (e.g. \"rollForward\": \"latestMajor\")";
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                // No 'dotnet' on the PATH: the locator below says so.
                return null;
            }
        }
    }
}
