using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using RopcAnalyzers.Inventory.Model;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>The inventory as JSON, for scripts and dashboards. Every list is in the report's stable order.</summary>
    internal static class JsonReport
    {
        public static void Write(InventoryResult result, TextWriter writer)
        {
            var summary = Summary.Of(result);
            var baselineMode = result.Baseline is not null;
            var report = new
            {
                Tool = new { Name = "ropc-inventory", Version = result.ToolVersion },
                result.Input,
                result.Partial,
                ReferenceDate = result.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Summary = summary,
                Baseline = result.Baseline is { } baseline
                    ? new { baseline.Path, baseline.Known, baseline.Fixed, baseline.New, Retired = result.Retired.Select(r => new { r.RuleId, r.Path, r.Member, r.Message }).ToList() }
                    : null,
                Sites = result.Sites.Select(Site).ToList(),
                Findings = result.OtherFindings.Select(Other).ToList(),
                Approvals = baselineMode ? null : result.Approvals.Select(Approval).ToList(),
                Problems = result.Problems.Select(p => new { p.Kind, p.Path, p.Message }).ToList(),
                Projects = result.ProjectsAnalysed,
                result.Analyzers,
            };

            writer.Write(JsonSerializer.Serialize(report, Json.Options));
            writer.WriteLine();
        }

        private static object Site(Finding site) => new
        {
            site.RuleId,
            site.Status,
            site.Level,
            site.Location.Path,
            site.Location.Line,
            site.Location.Column,
            site.Location.EndLine,
            site.Location.EndColumn,
            site.Member,
            site.ShortMember,
            site.Site!.Library,
            site.Site.Kind,
            Api = site.Site.ApiName,
            site.Site.Description,
            site.Message,
            Approval = site.Approval is { } approval
                ? new { approval.Location.Path, approval.Location.Line, approval.Target, approval.Owner, approval.Expires, ExpiryState = Text(approval.ExpiryState) }
                : null,
            IndirectUses = site.IndirectUses.Select(use => new
            {
                use.Location.Path,
                use.Location.Line,
                use.Location.Column,
                use.Location.EndLine,
                use.Location.EndColumn,
                use.Member,
                use.ShortMember,
                use.Chain,
            }).ToList(),
            site.Projects,
            site.Fingerprint,
        };

        private static object Other(Finding finding) => new
        {
            finding.RuleId,
            finding.Status,
            finding.Level,
            finding.Location.Path,
            finding.Location.Line,
            finding.Location.Column,
            finding.Location.EndLine,
            finding.Location.EndColumn,
            finding.Member,
            finding.ShortMember,
            finding.Message,
            finding.Projects,
            finding.Fingerprint,
        };

        private static object Approval(ApprovalEntry approval) => new
        {
            approval.Location.Path,
            approval.Location.Line,
            approval.Location.Column,
            approval.Target,
            approval.ShortTarget,
            approval.TargetKind,
            approval.Justification,
            approval.Owner,
            approval.Expires,
            ExpiryDate = approval.ExpiryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ExpiryState = Text(approval.ExpiryState),
            Sites = approval.SiteCount,
            approval.Stale,
            approval.Projects,
        };

        /// <summary>"none", "active", "expired" or "invalid".</summary>
        public static string Text(ExpiryState state) => state.ToString().ToLowerInvariant();
    }
}
