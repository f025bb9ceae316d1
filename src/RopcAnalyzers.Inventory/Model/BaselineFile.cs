using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RopcAnalyzers.Inventory.Model
{
    /// <summary>
    /// The baseline: the fingerprints of the findings that gate CI (unapproved sites, other warnings and errors)
    /// on the day it was written. It holds no line numbers or dates, so it changes only when findings do and
    /// reviews of it show exactly which findings were accepted.
    /// </summary>
    internal sealed class BaselineFile
    {
        public const int FormatVersion = 1;

        private BaselineFile(IReadOnlyDictionary<string, RetiredFinding> entries)
        {
            Entries = entries;
        }

        /// <summary>What the baseline recorded, by fingerprint.</summary>
        public IReadOnlyDictionary<string, RetiredFinding> Entries { get; }

        /// <summary>Reads a baseline; on failure returns null and says why.</summary>
        public static BaselineFile? Read(string path, out string? error)
        {
            error = null;
            if (!File.Exists(path))
            {
                error = $"baseline file '{path}' does not exist (create it with --write-baseline)";
                return null;
            }

            try
            {
                var root = JsonNode.Parse(File.ReadAllText(path));
                if (root?["version"]?.GetValue<int>() != FormatVersion || root["findings"] is not JsonArray findings)
                {
                    error = $"baseline file '{path}' is not a ropc-inventory baseline (version {FormatVersion} with a findings array)";
                    return null;
                }

                var entries = new Dictionary<string, RetiredFinding>(StringComparer.Ordinal);
                foreach (var finding in findings)
                {
                    var fingerprint = finding?["fingerprint"]?.GetValue<string>();
                    if (string.IsNullOrEmpty(fingerprint))
                    {
                        error = $"baseline file '{path}' has a finding without a fingerprint";
                        return null;
                    }

                    entries[fingerprint] = new RetiredFinding(
                        finding!["ruleId"]?.GetValue<string>() ?? string.Empty,
                        finding["path"]?.GetValue<string>() ?? string.Empty,
                        finding["member"]?.GetValue<string>() ?? string.Empty,
                        finding["message"]?.GetValue<string>() ?? string.Empty);
                }

                return new BaselineFile(entries);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
            {
                error = $"cannot read baseline file '{path}': {exception.Message}";
                return null;
            }
        }

        public static void Write(string path, IEnumerable<Finding> findings)
        {
            var entries = new JsonArray();
            foreach (var finding in findings.Where(f => f.Gates)
                         .OrderBy(f => f.Location.Path, StringComparer.Ordinal)
                         .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                         .ThenBy(f => f.Member, StringComparer.Ordinal)
                         .ThenBy(f => f.Fingerprint, StringComparer.Ordinal))
            {
                entries.Add(new JsonObject
                {
                    ["fingerprint"] = finding.Fingerprint,
                    ["ruleId"] = finding.RuleId,
                    ["path"] = finding.Location.Path,
                    ["member"] = finding.Member,
                    ["message"] = finding.Message,
                });
            }

            var root = new JsonObject
            {
                ["version"] = FormatVersion,
                ["tool"] = "ropc-inventory",
                ["fingerprint"] = Model.Fingerprints.Version,
                ["findings"] = entries,
            };

            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, root.ToJsonString(Reports.Json.Options) + "\n");
        }

        /// <summary>Today's gating findings that the baseline does not know, the baseline's that are gone, and the counts for the summary.</summary>
        public (IReadOnlyList<Finding> New, IReadOnlyList<RetiredFinding> Retired, BaselineComparison Comparison) Compare(string path, IReadOnlyList<Finding> findings)
        {
            var gating = findings.Where(f => f.Gates).ToList();
            var newFindings = gating.Where(f => !Entries.ContainsKey(f.Fingerprint)).ToList();
            var current = gating.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
            var retired = Entries.Where(entry => !current.Contains(entry.Key))
                .Select(entry => entry.Value)
                .OrderBy(r => r.Path, StringComparer.Ordinal)
                .ThenBy(r => r.Member, StringComparer.Ordinal)
                .ThenBy(r => r.RuleId, StringComparer.Ordinal)
                .ToList();
            return (newFindings, retired, new BaselineComparison(path, gating.Count - newFindings.Count, retired.Count, newFindings.Count));
        }
    }
}
