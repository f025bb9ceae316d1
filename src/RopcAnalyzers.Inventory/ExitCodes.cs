namespace RopcAnalyzers.Inventory
{
    /// <summary>The tool's exit codes (documented in --help and the README).</summary>
    internal static class ExitCodes
    {
        /// <summary>The inventory was made; with --baseline, nothing new.</summary>
        public const int Success = 0;

        /// <summary>New findings since the baseline, or any finding with --fail-on-findings.</summary>
        public const int Findings = 1;

        /// <summary>Bad arguments; input or baseline file missing or unreadable.</summary>
        public const int Usage = 2;

        /// <summary>No SDK, the solution or project cannot be opened, no project analysed, or (with --fail-on-skipped) something skipped.</summary>
        public const int LoadError = 3;

        /// <summary>An unexpected error (a bug in the tool): one line on stderr, the stack trace with --verbose.</summary>
        public const int InternalError = 4;

        /// <summary>Ctrl+C.</summary>
        public const int Cancelled = 130;
    }
}
