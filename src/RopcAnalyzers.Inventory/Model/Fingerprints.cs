using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace RopcAnalyzers.Inventory.Model
{
    /// <summary>
    /// Fingerprints that identify a finding across edits that only move it: rule, file, containing member,
    /// source text with whitespace collapsed, and the occurrence index among identical findings in that
    /// member. Line numbers are left out on purpose, so inserting code above a finding keeps its fingerprint.
    /// </summary>
    internal static class Fingerprints
    {
        public const string Version = "ropcInventory/v1";

        /// <summary>Sets <see cref="Finding.Fingerprint"/> on findings that are already in report order.</summary>
        public static void Assign(IEnumerable<Finding> orderedFindings)
        {
            foreach (var group in orderedFindings.GroupBy(f => (f.RuleId, f.Location.Path, f.Member, f.NormalizedText)))
            {
                var occurrence = 0;
                foreach (var finding in group)
                {
                    finding.Fingerprint = Compute(finding.RuleId, finding.Location.Path, finding.Member, finding.NormalizedText, occurrence++);
                }
            }
        }

        public static string Compute(string ruleId, string path, string member, string normalizedText, int occurrence)
        {
            var identity = string.Join('\n', Version, ruleId, path, member, normalizedText, occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
            return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        }
    }
}
