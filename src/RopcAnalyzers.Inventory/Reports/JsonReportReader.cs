using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using RopcAnalyzers.Inventory.Model;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>
    /// Reads a JSON report back (the one <see cref="JsonReport"/> writes), with every path and project prefixed by
    /// a label, so the inventories of several repositories can be merged into one report.
    /// </summary>
    internal static class JsonReportReader
    {
        /// <summary>The report at <paramref name="path"/>; on failure null and why.</summary>
        public static InventoryResult? Read(string path, string label, DateOnly referenceDate, out string? error)
        {
            error = null;
            if (!File.Exists(path))
            {
                error = $"'{path}' does not exist";
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tool", out var tool) || tool.GetProperty("name").GetString() != "ropc-inventory" || !root.TryGetProperty("sites", out _))
                {
                    error = $"'{path}' is not a ropc-inventory JSON report (made with --format json or --output <file>.json)";
                    return null;
                }

                return ReadResult(root, label, referenceDate);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IOException or UnauthorizedAccessException)
            {
                error = $"cannot read '{path}': {exception.Message}";
                return null;
            }
        }

        private static InventoryResult ReadResult(JsonElement root, string label, DateOnly referenceDate)
        {
            string Prefixed(string value) => $"{label}/{value}";
            var approvals = new Dictionary<(string Path, int Line), ApprovalEntry>();
            if (root.TryGetProperty("approvals", out var approvalList) && approvalList.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in approvalList.EnumerateArray())
                {
                    var entry = Approval(item, Prefixed(Text(item, "path")!), Number(item, "column"), referenceDate);
                    entry.SiteCount = Number(item, "sites");
                    foreach (var project in Strings(item, "projects"))
                    {
                        entry.Projects.Add(Prefixed(project));
                    }

                    approvals[(entry.Location.Path, entry.Location.Line)] = entry;
                }
            }

            var findings = new List<Finding>();
            foreach (var (listName, isSite) in new[] { ("sites", true), ("findings", false) })
            {
                if (!root.TryGetProperty(listName, out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var item in list.EnumerateArray())
                {
                    var member = Text(item, "member") ?? string.Empty;
                    var finding = new Finding(
                        Text(item, "ruleId")!,
                        Text(item, "level") ?? "warning",
                        Text(item, "message") ?? string.Empty,
                        new SourceSpan(Prefixed(Text(item, "path")!), Number(item, "line"), Number(item, "column"), Number(item, "endLine"), Number(item, "endColumn")),
                        member,
                        string.Empty)
                    {
                        ShortMember = Text(item, "shortMember") ?? member,
                        Site = isSite ? new SiteDetails(Text(item, "library")!, Text(item, "kind") ?? string.Empty, Text(item, "api") ?? string.Empty, Text(item, "description") ?? string.Empty) : null,
                        Fingerprint = Text(item, "fingerprint") ?? string.Empty,
                        Suppression = Text(item, "status") switch
                        {
                            "approved" => SuppressionKind.Approved,
                            "suppressed" => SuppressionKind.InSource,
                            _ => SuppressionKind.None,
                        },
                    };
                    if (item.TryGetProperty("approval", out var approval) && approval.ValueKind == JsonValueKind.Object)
                    {
                        var key = (Prefixed(Text(approval, "path")!), Number(approval, "line"));
                        if (!approvals.TryGetValue(key, out var entry))
                        {
                            // A baseline-mode report lists no approvals: the site's own copy stands in.
                            entry = Approval(approval, key.Item1, 1, referenceDate);
                            approvals[key] = entry;
                        }

                        finding.Approval = entry;
                    }

                    foreach (var project in Strings(item, "projects"))
                    {
                        finding.Projects.Add(Prefixed(project));
                    }

                    // Reports written before indirect uses were listed have none.
                    if (isSite && item.TryGetProperty("indirectUses", out var uses) && uses.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var use in uses.EnumerateArray())
                        {
                            if (use.ValueKind == JsonValueKind.Object && Text(use, "path") is { } usePath)
                            {
                                var useMember = Text(use, "member") ?? string.Empty;
                                finding.IndirectUses.Add(new IndirectUse(
                                    new SourceSpan(Prefixed(usePath), Number(use, "line"), Number(use, "column"), Number(use, "endLine"), Number(use, "endColumn")),
                                    useMember,
                                    Text(use, "shortMember") ?? useMember,
                                    Text(use, "chain") ?? string.Empty));
                            }
                        }
                    }

                    findings.Add(finding);
                }
            }

            var problems = root.TryGetProperty("problems", out var problemList) && problemList.ValueKind == JsonValueKind.Array
                ? problemList.EnumerateArray().Select(p => new Problem(Text(p, "kind")!, Text(p, "path") is { } problemPath ? Prefixed(problemPath) : label, Text(p, "message") ?? string.Empty)).ToList()
                : new List<Problem>();

            return new InventoryResult
            {
                ToolVersion = Text(root.GetProperty("tool"), "version") ?? string.Empty,
                Input = Prefixed(Text(root, "input") ?? string.Empty),
                BaseDirectory = Directory.GetCurrentDirectory(),
                ReferenceDate = referenceDate,
                Findings = findings,
                Approvals = approvals.Values.ToList(),
                Problems = problems,
                Analyzers = Strings(root, "analyzers").ToList(),
                ProjectsAnalysed = Strings(root, "projects").Select(Prefixed).ToList(),
                Partial = Text(root, "partial") is { } partial ? $"{label}: {partial}" : null,
            };
        }

        private static ApprovalEntry Approval(JsonElement item, string path, int column, DateOnly referenceDate)
        {
            var target = Text(item, "target") ?? string.Empty;
            var line = Number(item, "line");
            var entry = new ApprovalEntry(new SourceSpan(path, line, column, line, column), target, Text(item, "targetKind") ?? string.Empty, Text(item, "justification"), Text(item, "owner"), Text(item, "expires"))
            {
                ShortTarget = Text(item, "shortTarget") ?? target,
            };

            // Every inventory is judged against the merge's reference date, so states agree across repositories.
            (entry.ExpiryState, entry.ExpiryDate) = ApprovalExpiry.Evaluate(entry.Expires, referenceDate);
            return entry;
        }

        private static string? Text(JsonElement element, string name)
            => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int Number(JsonElement element, string name)
            => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

        private static IEnumerable<string> Strings(JsonElement element, string name)
            => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : Enumerable.Empty<string>();
    }
}
