using System.Text;
using Microsoft.CodeAnalysis;

namespace RopcAnalyzers
{
    /// <summary>
    /// Every diagnostic the package reports. Each help link points at the rule's section of rules.md, whose
    /// heading is exactly "## {id}: {title}" (a meta-test checks it).
    /// </summary>
    public static class Descriptors
    {
        public const string RulesDocument = "https://github.com/RopcAnalyzers/RopcAnalyzers/blob/main/rules.md";
        private const string SecurityCategory = "Security";
        private const string ApprovalCategory = "Approval";

        public static readonly DiagnosticDescriptor UnapprovedRopcRequest = Create(
            RuleIdentifiers.UnapprovedRopcRequest,
            "ROPC token request without trusted-legacy approval",
            "{0} sends the user's password to the token endpoint (ROPC), which RFC 9700 forbids: migrate to authorization code with PKCE or the device flow, or approve this code with [TrustedLegacyRopc(\"why\")]",
            SecurityCategory,
            DiagnosticSeverity.Warning,
            "The OAuth 2.0 resource owner password credentials grant makes the application collect the user's password. RFC 9700 section 2.4 says it MUST NOT be used and OAuth 2.1 drops it. A use is allowed only inside code marked with [TrustedLegacyRopc] and a justification.");

        public static readonly DiagnosticDescriptor PasswordPersisted = Create(
            RuleIdentifiers.PasswordPersisted,
            "Resource-owner password kept beyond a single exchange",
            "The password sent by {0} is {1}: exchange it once, keep the refresh token, and forget the password",
            SecurityCategory,
            DiagnosticSeverity.Warning,
            "Even a trusted legacy client may use the user's password for one token request only. Keeping it in fields, settings, files, caches or logs turns one exposure into a standing one. Approval with [TrustedLegacyRopc] does not cover this.");

        public static readonly DiagnosticDescriptor ApprovalWithoutJustification = Create(
            RuleIdentifiers.ApprovalWithoutJustification,
            "Trusted-legacy approval without a real justification",
            "[TrustedLegacyRopc] on '{0}' has no real justification ({1}): write why this client is trusted to collect the user's password",
            ApprovalCategory,
            DiagnosticSeverity.Warning,
            "An approval is an audited exception: it must say why the client is trusted. An empty reason, or the placeholder that the approval code fix inserts, is not one.");

        public static readonly DiagnosticDescriptor ExpiredApproval = Create(
            RuleIdentifiers.ExpiredApproval,
            "Trusted-legacy approval has expired",
            "[TrustedLegacyRopc] on '{0}' expired on {1}: migrate the ROPC use, or renew the approval with a new date and reason",
            ApprovalCategory,
            DiagnosticSeverity.Warning,
            "An approval with an Expires date stands until that date. After it, the ROPC use it covered is no longer accepted.");

        public static readonly DiagnosticDescriptor StaleApproval = Create(
            RuleIdentifiers.StaleApproval,
            "Trusted-legacy approval covers no ROPC use",
            "[TrustedLegacyRopc] on '{0}' covers no ROPC use: remove it",
            ApprovalCategory,
            DiagnosticSeverity.Info,
            "An approval must not outlive the code it approved: once the ROPC use is migrated, the attribute would silently approve any new one.",
            WellKnownDiagnosticTags.Unnecessary);

        public static readonly DiagnosticDescriptor BroadApproval = Create(
            RuleIdentifiers.BroadApproval,
            "Trusted-legacy approval is broader than needed",
            "[TrustedLegacyRopc] on '{0}' approves every member, but only '{1}' uses ROPC: move the approval to that member",
            ApprovalCategory,
            DiagnosticSeverity.Warning,
            "An approval on a type approves any ROPC use that is later added to it. Approve the members that need it.");

        public static readonly DiagnosticDescriptor CleartextTokenEndpoint = Create(
            RuleIdentifiers.CleartextTokenEndpoint,
            "ROPC over a cleartext endpoint",
            "{0} sends the user's password to '{1}' over plain HTTP: use an https:// token endpoint",
            SecurityCategory,
            DiagnosticSeverity.Error,
            "The password grant sends the user's password in the request body. Over http:// anyone on the network path reads it.");

        public static readonly DiagnosticDescriptor HardCodedPassword = Create(
            RuleIdentifiers.HardCodedPassword,
            "Hard-coded resource-owner password",
            "{0} sends a password written in source code: read it from the user or a secret store, and rotate the one in the code",
            SecurityCategory,
            DiagnosticSeverity.Warning,
            "A password in source code is readable by everyone with the repository or the binary, including test fixtures.");

        public static readonly DiagnosticDescriptor ServerEnablesPasswordGrant = Create(
            RuleIdentifiers.ServerEnablesPasswordGrant,
            "Authorization server enables the password grant",
            "{0} enables the password grant (ROPC) on this authorization server, which RFC 9700 forbids: offer authorization code with PKCE or the device flow, or approve this code with [TrustedLegacyRopc(\"why\")]",
            SecurityCategory,
            DiagnosticSeverity.Warning,
            "An authorization server that accepts grant_type=password invites clients to collect users' passwords.");

        public static readonly DiagnosticDescriptor MalformedApprovalExpiry = Create(
            RuleIdentifiers.MalformedApprovalExpiry,
            "Trusted-legacy approval expiry is not a date",
            "[TrustedLegacyRopc] on '{0}' has Expires = \"{1}\", which is not an ISO 8601 date such as \"2027-06-30\"",
            ApprovalCategory,
            DiagnosticSeverity.Warning,
            "An expiry that cannot be read never expires. Write the date as yyyy-MM-dd.");

        public static readonly DiagnosticDescriptor UnreadableConfigurationFile = Create(
            RuleIdentifiers.UnreadableConfigurationFile,
            "Configuration file is not valid JSON",
            "'{0}' is not valid JSON ({1}), so the ROPC rules did not check it: fix the file, or leave it out of the RopcAnalyzersConfigurationFile items",
            "Configuration",
            DiagnosticSeverity.Info,
            "The ROPC rules read the project's JSON configuration files (appsettings*.json by default) for password grants. A file that does not parse cannot be checked.");

        /// <summary>The GitHub anchor of a heading "## {id}: {title}".</summary>
        public static string HelpLinkFor(string id, string title) => RulesDocument + "#" + Slug(id + ": " + title);

        internal static string Slug(string heading)
        {
            var slug = new StringBuilder(heading.Length);
            foreach (var c in heading.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }

            return slug.ToString();
        }

        private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] customTags)
            => new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkFor(id, title), customTags: customTags);
    }
}
