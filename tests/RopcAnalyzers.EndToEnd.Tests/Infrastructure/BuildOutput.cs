using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RopcAnalyzers.EndToEnd.Tests.Infrastructure
{
    /// <summary>One diagnostic line of MSBuild's console output, such as `Program.cs(12,13): warning ROPC001: ... [project]`.</summary>
    public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
    {
        public override string ToString() => $"{File}({Line},{Column}): {Severity} {Id}";
    }

    public static class BuildOutput
    {
        private static readonly Regex DiagnosticLine = new(
            @"^\s*(?<file>[^\r\n(]+)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): (?<severity>warning|error|info|message) (?<id>[A-Za-z]+[0-9]+): (?<message>.*?)(?: \[[^\]\r\n]+\])?\s*$",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>The distinct diagnostics in a build's output, with file names only.</summary>
        public static IReadOnlyList<BuildDiagnostic> Diagnostics(CommandResult result)
            => DiagnosticLine.Matches(result.Output)
                .Select(match => new BuildDiagnostic(
                    Path.GetFileName(match.Groups["file"].Value.Trim()),
                    int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    match.Groups["severity"].Value,
                    match.Groups["id"].Value,
                    match.Groups["message"].Value))
                .Distinct()
                .ToList();

        /// <summary>The diagnostics of the RopcAnalyzers rules.</summary>
        public static IReadOnlyList<BuildDiagnostic> RopcDiagnostics(CommandResult result)
            => Diagnostics(result).Where(d => d.Id.StartsWith("ROPC", StringComparison.Ordinal)).ToList();

        /// <summary>Diagnostics that say an analyzer could not be loaded or threw (they would hide a broken package).</summary>
        public static IReadOnlyList<string> AnalyzerFailures(CommandResult result)
            => Regex.Matches(result.Output, @"\b(?:warning|error) (?<id>CS8032|CS8033|CS8784|CS8785|CS9057|AD0001)\b")
                .Select(match => match.Value)
                .Distinct()
                .ToList();
    }

    /// <summary>The parts of a SARIF 2.1 log (the compiler's ErrorLog) that the tests read.</summary>
    public sealed class SarifLog
    {
        private SarifLog(JsonElement root)
        {
            Version = root.GetProperty("version").GetString();
            var run = root.GetProperty("runs")[0];
            Rules = run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out var rules)
                ? rules.EnumerateArray().ToDictionary(rule => rule.GetProperty("id").GetString()!, rule => rule.Clone(), StringComparer.Ordinal)
                : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            Results = run.TryGetProperty("results", out var results)
                ? results.EnumerateArray().Select(result => result.Clone()).ToList()
                : new List<JsonElement>();
        }

        public string? Version { get; }

        /// <summary>The descriptors of every analyzer that ran (reported or not), by id.</summary>
        public IReadOnlyDictionary<string, JsonElement> Rules { get; }

        public IReadOnlyList<JsonElement> Results { get; }

        /// <summary>The ids of the RopcAnalyzers rules that the loaded analyzers support.</summary>
        public ISet<string> SupportedRopcRules => Rules.Keys.Where(id => id.StartsWith("ROPC", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

        /// <summary>The reported RopcAnalyzers results that are not suppressed in source.</summary>
        public IReadOnlyList<JsonElement> RopcResults => Results
            .Where(result => result.GetProperty("ruleId").GetString()!.StartsWith("ROPC", StringComparison.Ordinal))
            .Where(result => !result.TryGetProperty("suppressions", out var suppressions) || suppressions.GetArrayLength() == 0)
            .ToList();

        public static SarifLog Read(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return new SarifLog(document.RootElement.Clone());
        }
    }
}
