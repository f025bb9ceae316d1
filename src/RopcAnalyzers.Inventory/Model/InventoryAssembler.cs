using System;
using System.Collections.Generic;
using System.Linq;
using RopcAnalyzers.Inventory.Analysis;

namespace RopcAnalyzers.Inventory.Model
{
    /// <summary>
    /// Puts the projects' results together: one finding or approval per source location (a file compiled into
    /// several projects or target frameworks appears once, with every project listed), expiry states against
    /// the reference date, site counts per approval, a stable order, and fingerprints.
    /// </summary>
    internal sealed class InventoryAssembler
    {
        private readonly Dictionary<SourceSpan, ApprovalEntry> approvals = new();
        private readonly Dictionary<(string RuleId, SourceSpan Location, string Message), Finding> findings = new();
        private readonly List<Problem> problems = new();
        private readonly Dictionary<SourceSpan, HashSet<IndirectUse>> indirectUses = new();

        public void Add(string projectName, ProjectResult result)
        {
            foreach (var approval in result.Approvals)
            {
                Canonical(approval).Projects.Add(projectName);
            }

            foreach (var finding in result.Findings)
            {
                if (finding.Approval is not null)
                {
                    finding.Approval = Canonical(finding.Approval);
                }

                var key = (finding.RuleId, finding.Location, finding.Message);
                if (!findings.TryGetValue(key, out var existing))
                {
                    findings.Add(key, finding);
                    existing = finding;
                }
                else if (finding.Suppression == SuppressionKind.None)
                {
                    // The same code may be approved or suppressed for one target framework only (#if): open in any is open.
                    existing.Suppression = SuppressionKind.None;
                    existing.Approval = null;
                }

                existing.Projects.Add(projectName);
            }

            foreach (var (request, use) in result.IndirectUses)
            {
                // The request may be in a project analysed before or after this one: matched to its site in Assemble.
                if (!indirectUses.TryGetValue(request, out var uses))
                {
                    indirectUses.Add(request, uses = new HashSet<IndirectUse>());
                }

                uses.Add(use);
            }

            problems.AddRange(result.Problems);
        }

        public void Add(Problem problem) => problems.Add(problem);

        /// <summary>The problems so far, unordered.</summary>
        public IReadOnlyList<Problem> Problems => problems;

        public (IReadOnlyList<Finding> Findings, IReadOnlyList<ApprovalEntry> Approvals, IReadOnlyList<Problem> Problems) Assemble(DateOnly referenceDate)
        {
            var orderedFindings = findings.Values
                .OrderBy(f => f.Location.Path, StringComparer.Ordinal)
                .ThenBy(f => f.Location.Line)
                .ThenBy(f => f.Location.Column)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ThenBy(f => f.Message, StringComparer.Ordinal)
                .ToList();
            Fingerprints.Assign(orderedFindings);
            foreach (var site in orderedFindings.Where(f => f.IsSite))
            {
                if (indirectUses.TryGetValue(site.Location, out var uses))
                {
                    site.IndirectUses.Clear();
                    site.IndirectUses.AddRange(IndirectUseOrder.Of(uses));
                }
            }

            foreach (var approval in approvals.Values)
            {
                (approval.ExpiryState, approval.ExpiryDate) = ApprovalExpiry.Evaluate(approval.Expires, referenceDate);
                approval.SiteCount = orderedFindings.Count(f => ReferenceEquals(f.Approval, approval));
            }

            var orderedApprovals = approvals.Values
                .OrderBy(a => a.Location.Path, StringComparer.Ordinal)
                .ThenBy(a => a.Location.Line)
                .ThenBy(a => a.Location.Column)
                .ToList();

            // A document the workspace reported and that is also missing on disk is one skipped document.
            var orderedProblems = problems
                .DistinctBy(p => p.Kind == Problem.DocumentNotLoaded ? (p.Kind, p.Path, string.Empty) : (p.Kind, p.Path, p.Message))
                .OrderBy(p => p.Kind, StringComparer.Ordinal)
                .ThenBy(p => p.Path, StringComparer.Ordinal)
                .ThenBy(p => p.Message, StringComparer.Ordinal)
                .ToList();

            return (orderedFindings, orderedApprovals, orderedProblems);
        }

        private ApprovalEntry Canonical(ApprovalEntry approval)
        {
            if (!approvals.TryGetValue(approval.Location, out var canonical))
            {
                approvals.Add(approval.Location, approval);
                canonical = approval;
            }

            return canonical;
        }
    }
}
