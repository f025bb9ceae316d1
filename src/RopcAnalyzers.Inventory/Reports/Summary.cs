using System.Linq;
using RopcAnalyzers.Inventory.Model;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>The counts every report shows, computed once.</summary>
    internal sealed record Summary(
        int Sites,
        int UnapprovedSites,
        int ApprovedSites,
        int SuppressedSites,
        int OtherFindings,
        int GatingFindings,
        int Approvals,
        int ExpiredApprovals,
        int StaleApprovals,
        int InvalidExpiryApprovals,
        int ProjectsAnalysed,
        int SkippedProjects,
        int SkippedDocuments,
        int IncompleteProjects,
        int LoadWarnings,
        bool Partial)
    {
        public static Summary Of(InventoryResult result)
        {
            var sites = result.Sites.ToList();
            return new Summary(
                sites.Count,
                sites.Count(s => s.Suppression == SuppressionKind.None),
                sites.Count(s => s.Suppression == SuppressionKind.Approved),
                sites.Count(s => s.Suppression == SuppressionKind.InSource),
                result.OtherFindings.Count(),
                result.GatingFindings,
                result.Approvals.Count,
                result.Approvals.Count(a => a.ExpiryState == ExpiryState.Expired),
                result.Approvals.Count(a => a.Stale),
                result.Approvals.Count(a => a.ExpiryState == ExpiryState.Invalid),
                result.ProjectsAnalysed.Count,
                result.SkippedProjects,
                result.SkippedDocuments,
                result.IncompleteProjects,
                result.LoadWarnings,
                result.Partial is not null);
        }

        /// <summary>One sentence for the console and the end of text reports.</summary>
        public string Sentence(InventoryResult result)
        {
            if (result.Baseline is { } baseline)
            {
                return $"{Count(baseline.New, "new finding")} since the baseline ({baseline.Known} known, {baseline.Fixed} fixed); "
                       + Analysed();
            }

            var sites = $"{Count(Sites, "ROPC site")} ({UnapprovedSites} unapproved, {ApprovedSites} approved"
                        + (SuppressedSites > 0 ? $", {SuppressedSites} suppressed" : string.Empty) + ")";
            var approvals = $"{Count(Approvals, "approval")}"
                            + (Approvals > 0 ? $" ({ExpiredApprovals} expired, {StaleApprovals} stale)" : string.Empty);
            return $"{sites}, {Count(OtherFindings, "other finding")}, {approvals}; {Analysed()}";
        }

        private string Analysed()
        {
            var text = $"{Count(ProjectsAnalysed, "project")} analysed, {Count(SkippedProjects, "project")} and {Count(SkippedDocuments, "document")} skipped";
            return IncompleteProjects > 0 ? text + $", {Count(IncompleteProjects, "project")} incomplete" : text;
        }

        public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }
}
