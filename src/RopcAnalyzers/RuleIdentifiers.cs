namespace RopcAnalyzers
{
    /// <summary>Diagnostic ids. Users and their .editorconfig files refer to these: never renumber.</summary>
    public static class RuleIdentifiers
    {
        public const string UnapprovedRopcRequest = "ROPC001";
        public const string PasswordPersisted = "ROPC002";
        public const string ApprovalWithoutJustification = "ROPC003";
        public const string ExpiredApproval = "ROPC004";
        public const string StaleApproval = "ROPC005";
        public const string BroadApproval = "ROPC006";
        public const string CleartextTokenEndpoint = "ROPC007";
        public const string HardCodedPassword = "ROPC008";
        public const string ServerEnablesPasswordGrant = "ROPC009";
        public const string MalformedApprovalExpiry = "ROPC010";
        public const string UnreadableConfigurationFile = "ROPC011";

        /// <summary>The id of the programmatic suppression of CS0436 between two copies of the approval attribute.</summary>
        public const string DuplicateApprovalAttributeSuppression = "ROPCSPR001";
    }
}
