using System;
using System.Collections.Generic;
using System.Linq;

namespace RopcAnalyzers.Inventory.Model
{
    /// <summary>Where something is, relative to the inventory's base folder (the solution's or project's folder), 1-based.</summary>
    internal sealed record SourceSpan(string Path, int Line, int Column, int EndLine, int EndColumn)
    {
        public override string ToString() => $"{Path}:{Line}:{Column}";
    }

    /// <summary>What the recognizer extracted about an ROPC request site.</summary>
    internal sealed record SiteDetails(string Library, string Kind, string ApiName, string Description);

    /// <summary>
    /// A call of one of the code's own methods or constructors (a wrapper) whose arguments reach an ROPC site: the
    /// call, the member that makes it, and the chain from it to the request
    /// ("Session.RenewAsync → AuthHelper.GetTokenAsync → form field grant_type=password"). Not a site of its own.
    /// </summary>
    internal sealed record IndirectUse(SourceSpan Location, string Member, string ShortMember, string Chain);

    internal static class IndirectUseOrder
    {
        public static IEnumerable<IndirectUse> Of(IEnumerable<IndirectUse> uses)
            => uses.OrderBy(u => u.Location.Path, StringComparer.Ordinal)
                .ThenBy(u => u.Location.Line)
                .ThenBy(u => u.Location.Column)
                .ThenBy(u => u.Chain, StringComparer.Ordinal);
    }

    /// <summary>How a finding is accepted without being fixed.</summary>
    internal enum SuppressionKind
    {
        None,

        /// <summary>The site is inside code marked [TrustedLegacyRopc].</summary>
        Approved,

        /// <summary>#pragma warning disable, [SuppressMessage] or a suppressor hides the diagnostic.</summary>
        InSource,
    }

    /// <summary>
    /// One result of the inventory: an ROPC site (rule ROPC001, approved or not) or another RopcAnalyzers
    /// diagnostic. The fingerprint identifies it across edits that only move it.
    /// </summary>
    internal sealed class Finding
    {
        public Finding(string ruleId, string level, string message, SourceSpan location, string member, string normalizedText)
        {
            RuleId = ruleId;
            Level = level;
            Message = message;
            Location = location;
            Member = member;
            NormalizedText = normalizedText;
        }

        public string RuleId { get; }

        /// <summary>"error", "warning" or "note" (SARIF's levels).</summary>
        public string Level { get; set; }

        public string Message { get; set; }

        public SourceSpan Location { get; }

        /// <summary>The member (or type) that contains the finding, as "Namespace.Type.Member(ParameterTypes)".</summary>
        public string Member { get; }

        /// <summary>The member as people read it in a table: "Session.LoginAsync", "Program (top-level)".</summary>
        public string ShortMember { get; init; } = string.Empty;

        /// <summary>The source text at the location with whitespace collapsed: part of the fingerprint.</summary>
        public string NormalizedText { get; }

        public string Fingerprint { get; set; } = string.Empty;

        /// <summary>Set for ROPC sites; null for other diagnostics.</summary>
        public SiteDetails? Site { get; init; }

        /// <summary>For a site: the calls of wrappers that reach it, in path and line order. Not part of the fingerprint.</summary>
        public List<IndirectUse> IndirectUses { get; } = new();

        /// <summary>The approval that covers the site, when there is one.</summary>
        public ApprovalEntry? Approval { get; set; }

        public SuppressionKind Suppression { get; set; }

        /// <summary>Every project (and target framework) the finding was seen in: shared and multi-targeted files appear once.</summary>
        public SortedSet<string> Projects { get; } = new(StringComparer.Ordinal);

        public bool IsSite => Site is not null;

        /// <summary>Whether the finding fails a CI gate: not approved or suppressed, and a warning or an error.</summary>
        public bool Gates => Suppression == SuppressionKind.None && Level is "error" or "warning";

        public string Status => Suppression switch
        {
            SuppressionKind.Approved => "approved",
            SuppressionKind.InSource => "suppressed",
            _ => IsSite ? "unapproved" : "open",
        };
    }

    /// <summary>How an approval's Expires value compares with the reference date.</summary>
    internal enum ExpiryState
    {
        /// <summary>No Expires value.</summary>
        None,
        Active,
        Expired,

        /// <summary>Expires is not a date (ROPC010).</summary>
        Invalid,
    }

    /// <summary>One [TrustedLegacyRopc] attribute.</summary>
    internal sealed class ApprovalEntry
    {
        public ApprovalEntry(SourceSpan location, string target, string targetKind, string? justification, string? owner, string? expires)
        {
            Location = location;
            Target = target;
            TargetKind = targetKind;
            Justification = justification;
            Owner = owner;
            Expires = expires;
        }

        public SourceSpan Location { get; }

        /// <summary>The member, local function, lambda or type the attribute is on.</summary>
        public string Target { get; }

        /// <summary>"method", "constructor", "property", "local function", "lambda", "class", "struct"...</summary>
        public string TargetKind { get; }

        /// <summary>The target as people read it in a table: "KioskLogin.SignInAsync".</summary>
        public string ShortTarget { get; init; } = string.Empty;

        public string? Justification { get; }

        public string? Owner { get; }

        /// <summary>Expires as written in the attribute.</summary>
        public string? Expires { get; }

        public DateOnly? ExpiryDate { get; set; }

        public ExpiryState ExpiryState { get; set; }

        /// <summary>How many ROPC sites this approval is the nearest approval of.</summary>
        public int SiteCount { get; set; }

        /// <summary>Covers no ROPC site: the approval outlived the code it approved.</summary>
        public bool Stale => SiteCount == 0;

        public SortedSet<string> Projects { get; } = new(StringComparer.Ordinal);

        /// <summary>The states worth a reader's attention, e.g. "expired, stale", or "active".</summary>
        public string StateText
        {
            get
            {
                var parts = new List<string>();
                parts.Add(ExpiryState switch
                {
                    ExpiryState.Active => "active",
                    ExpiryState.Expired => "expired",
                    ExpiryState.Invalid => "invalid expiry",
                    _ => "no expiry",
                });
                if (Stale)
                {
                    parts.Add("stale");
                }

                return string.Join(", ", parts);
            }
        }
    }

    /// <summary>Something that could not be analysed, or that makes the results incomplete.</summary>
    internal sealed record Problem(string Kind, string? Path, string Message)
    {
        public const string ProjectNotLoaded = "project-not-loaded";
        public const string ProjectNotAnalysed = "project-not-analysed";
        public const string DocumentNotLoaded = "document-not-loaded";
        public const string ProjectLoadedWithErrors = "project-loaded-with-errors";
        public const string CompilerErrors = "compiler-errors";
        public const string AnalyzerFailure = "analyzer-failure";
        public const string RestoreFailed = "restore-failed";

        /// <summary>MSBuild warnings while loading a project that then compiled without errors (NU1603, NU1510...): listed, not counted as incomplete.</summary>
        public const string LoadWarning = "load-warning";

        /// <summary>Kinds whose project was not analysed at all.</summary>
        public bool IsSkippedProject => Kind is ProjectNotLoaded or ProjectNotAnalysed;

        /// <summary>Kinds whose project was analysed, but whose findings may be missing.</summary>
        public bool IsIncompleteProject => Kind is CompilerErrors or AnalyzerFailure or ProjectLoadedWithErrors;
    }

    /// <summary>Project names as MSBuildWorkspace gives them: "Shop(net8.0)" for each framework of a multi-targeted project.</summary>
    internal static class ProjectNames
    {
        /// <summary>"Shop" for "Shop(net8.0)"; a single-targeted project's name as it is.</summary>
        public static string WithoutFramework(string name)
        {
            var open = name.LastIndexOf('(');
            return open > 0 && name.EndsWith(')') ? name[..open] : name;
        }
    }

    /// <summary>A finding the baseline recorded that is gone today (migrated, or moved to another member or file).</summary>
    internal sealed record RetiredFinding(string RuleId, string Path, string Member, string Message);

    /// <summary>The result of comparing today's findings with a baseline.</summary>
    internal sealed record BaselineComparison(string Path, int Known, int Fixed, int New);

    /// <summary>Everything one run found, in the stable order the reports print it.</summary>
    internal sealed class InventoryResult
    {
        public required string ToolVersion { get; init; }

        /// <summary>The solution or project analysed, relative to the base folder (its file name).</summary>
        public required string Input { get; init; }

        public required string BaseDirectory { get; init; }

        public required DateOnly ReferenceDate { get; init; }

        /// <summary>Every finding (sites and other diagnostics), or only the new ones when a baseline was given.</summary>
        public required IReadOnlyList<Finding> Findings { get; init; }

        public required IReadOnlyList<ApprovalEntry> Approvals { get; init; }

        public required IReadOnlyList<Problem> Problems { get; init; }

        /// <summary>The analysers that ran, by type name.</summary>
        public required IReadOnlyList<string> Analyzers { get; init; }

        /// <summary>The projects analysed, by name (with target framework when the project has several).</summary>
        public required IReadOnlyList<string> ProjectsAnalysed { get; init; }

        public BaselineComparison? Baseline { get; init; }

        /// <summary>Why the run stopped before analysing everything (Ctrl+C, --timeout); null when it finished.</summary>
        public string? Partial { get; init; }

        /// <summary>With --baseline: the baseline's findings that are gone today.</summary>
        public IReadOnlyList<RetiredFinding> Retired { get; init; } = Array.Empty<RetiredFinding>();

        public IEnumerable<Finding> Sites => Findings.Where(f => f.IsSite);

        public IEnumerable<Finding> OtherFindings => Findings.Where(f => !f.IsSite);

        /// <summary>Projects (by path: a project is counted once whatever its frameworks or problems) that were not analysed.</summary>
        public int SkippedProjects => Problems.Where(p => p.IsSkippedProject).Select(p => p.Path).Distinct(StringComparer.Ordinal).Count();

        public int SkippedDocuments => Problems.Count(p => p.Kind == Problem.DocumentNotLoaded);

        /// <summary>Projects analysed whose findings may be missing, counted once each, not once per problem.</summary>
        public int IncompleteProjects
        {
            get
            {
                var skipped = Problems.Where(p => p.IsSkippedProject).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
                return Problems.Where(p => p.IsIncompleteProject && !skipped.Contains(p.Path)).Select(p => p.Path).Distinct(StringComparer.Ordinal).Count();
            }
        }

        public int LoadWarnings => Problems.Count(p => p.Kind == Problem.LoadWarning);

        public int GatingFindings => Findings.Count(f => f.Gates);
    }
}
