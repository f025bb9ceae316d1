using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using RopcAnalyzers.Inventory.Analysis;
using RopcAnalyzers.Inventory.Model;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>
    /// SARIF 2.1.0 for code-scanning tools. Every ROPC site is a ROPC001 result; approved sites carry an
    /// in-source suppression with the approval's justification, so they are listed but not alerted on.
    /// URIs are relative to the SRCROOT base (the solution's folder); partialFingerprints carry the same
    /// fingerprints as the baseline. A site's indirect uses (calls of wrappers that reach it) are its
    /// relatedLocations, linked from its message: GitHub code scanning shows a related location only where the
    /// message links it, and the Visual Studio and VS Code SARIF viewers list them beside the result. Code flows
    /// were not chosen: a flow is one path of execution step by step, while indirect uses are independent callers,
    /// each known by its call and the request it reaches.
    /// </summary>
    internal static class SarifReport
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
        public const string InformationUri = "https://github.com/RopcAnalyzers/RopcAnalyzers";

        public static void Write(InventoryResult result, IReadOnlyList<RuleInfo> rules, TextWriter writer)
        {
            var ruleIndex = rules.Select((rule, index) => (rule.Descriptor.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
            var results = new JsonArray();
            foreach (var finding in result.Findings)
            {
                results.Add(Result(finding, ruleIndex));
            }

            var notifications = new JsonArray();
            foreach (var problem in result.Problems)
            {
                notifications.Add(new JsonObject
                {
                    ["level"] = problem.Kind == Problem.LoadWarning ? "note" : "warning",
                    ["message"] = new JsonObject { ["text"] = problem.Path is null ? problem.Message : $"{problem.Path}: {problem.Message}" },
                    ["descriptor"] = new JsonObject { ["id"] = problem.Kind },
                });
            }

            if (result.Partial is not null)
            {
                notifications.Insert(0, new JsonObject
                {
                    ["level"] = "error",
                    ["message"] = new JsonObject { ["text"] = $"Partial inventory: {result.Partial}" },
                    ["descriptor"] = new JsonObject { ["id"] = "partial" },
                });
            }

            var run = new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "ropc-inventory",
                        ["semanticVersion"] = result.ToolVersion,
                        ["informationUri"] = InformationUri,
                        ["rules"] = new JsonArray(rules.Select(Rule).ToArray<JsonNode?>()),
                    },
                },
                ["originalUriBaseIds"] = new JsonObject
                {
                    ["SRCROOT"] = new JsonObject { ["uri"] = new Uri(Path.TrimEndingDirectorySeparator(result.BaseDirectory) + Path.DirectorySeparatorChar).AbsoluteUri },
                },
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = result.Partial is null,
                    ["toolExecutionNotifications"] = notifications,
                }),
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            };

            var log = new JsonObject
            {
                ["$schema"] = SchemaUri,
                ["version"] = "2.1.0",
                ["runs"] = new JsonArray(run),
            };

            writer.Write(log.ToJsonString(Json.Options));
            writer.WriteLine();
        }

        private static JsonObject Rule(RuleInfo rule)
        {
            var descriptor = rule.Descriptor;
            var node = new JsonObject
            {
                ["id"] = descriptor.Id,
                ["name"] = rule.Name,
                ["shortDescription"] = new JsonObject { ["text"] = descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["fullDescription"] = new JsonObject { ["text"] = descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["defaultConfiguration"] = new JsonObject { ["level"] = Levels.Of(descriptor.DefaultSeverity) },
                ["properties"] = new JsonObject { ["category"] = descriptor.Category },
            };
            if (!string.IsNullOrEmpty(descriptor.HelpLinkUri))
            {
                node["helpUri"] = descriptor.HelpLinkUri;
            }

            return node;
        }

        private static JsonObject Result(Finding finding, Dictionary<string, int> ruleIndex)
        {
            var node = new JsonObject
            {
                ["ruleId"] = finding.RuleId,
            };
            if (ruleIndex.TryGetValue(finding.RuleId, out var index))
            {
                node["ruleIndex"] = index;
            }

            node["level"] = finding.Level;
            node["message"] = new JsonObject { ["text"] = finding.IndirectUses.Count == 0 ? finding.Message : finding.Message.TrimEnd('.') + ". " + IndirectUsesText(finding.IndirectUses) };
            node["locations"] = new JsonArray(Location(finding.Location, finding.Member));
            if (finding.IndirectUses.Count > 0)
            {
                var related = new JsonArray();
                for (var i = 0; i < finding.IndirectUses.Count; i++)
                {
                    var use = finding.IndirectUses[i];
                    var location = Location(use.Location, use.Member);
                    location["id"] = i + 1;
                    location["message"] = new JsonObject { ["text"] = $"Indirect use in {use.ShortMember}: {use.Chain}" };
                    related.Add(location);
                }

                node["relatedLocations"] = related;
            }
            node["partialFingerprints"] = new JsonObject { [Fingerprints.Version] = finding.Fingerprint };
            switch (finding.Suppression)
            {
                case SuppressionKind.Approved:
                    node["suppressions"] = new JsonArray(new JsonObject
                    {
                        ["kind"] = "inSource",
                        ["status"] = "accepted",
                        ["justification"] = Justification(finding.Approval),
                    });
                    break;
                case SuppressionKind.InSource:
                    node["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource" });
                    break;
            }

            var properties = new JsonObject { ["status"] = finding.Status };
            if (finding.Site is { } site)
            {
                properties["library"] = site.Library;
                properties["api"] = site.ApiName;
            }

            if (finding.Approval is { } approval)
            {
                if (approval.Owner is not null)
                {
                    properties["approvalOwner"] = approval.Owner;
                }

                if (approval.Expires is not null)
                {
                    properties["approvalExpires"] = approval.Expires;
                }

                properties["approvalExpiryState"] = JsonReport.Text(approval.ExpiryState);
            }

            properties["projects"] = new JsonArray(finding.Projects.Select(p => (JsonNode?)p).ToArray());
            node["properties"] = properties;
            return node;
        }

        private static JsonObject Location(SourceSpan span, string member)
        {
            var physical = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = Uri.EscapeDataString(span.Path).Replace("%2F", "/", StringComparison.Ordinal), ["uriBaseId"] = "SRCROOT" },
            };
            if (span.Line > 0)
            {
                physical["region"] = new JsonObject
                {
                    ["startLine"] = span.Line,
                    ["startColumn"] = span.Column,
                    ["endLine"] = span.EndLine,
                    ["endColumn"] = span.EndColumn,
                };
            }

            var location = new JsonObject { ["physicalLocation"] = physical };
            if (member.Length > 0)
            {
                location["logicalLocations"] = new JsonArray(new JsonObject { ["fullyQualifiedName"] = member });
            }

            return location;
        }

        /// <summary>"Reached through 2 indirect uses: [Session.RenewAsync](1), [Program (top-level)](2)." (SARIF message links to relatedLocations by id.)</summary>
        private static string IndirectUsesText(IReadOnlyList<IndirectUse> uses)
        {
            var links = uses.Select((use, index) => $"[{EscapeLinkText(use.ShortMember.Length > 0 ? use.ShortMember : use.Location.ToString())}]({index + 1})");
            return $"Reached through {(uses.Count == 1 ? "1 indirect use" : $"{uses.Count} indirect uses")}: {string.Join(", ", links)}.";
        }

        /// <summary>SARIF message text treats [ ] as link syntax: escape them, and backslashes, in link text.</summary>
        private static string EscapeLinkText(string text)
            => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

        private static string Justification(ApprovalEntry? approval)
            => approval is null
                ? "[TrustedLegacyRopc]"
                : $"[TrustedLegacyRopc] on {approval.Target}: {approval.Justification}";
    }
}
