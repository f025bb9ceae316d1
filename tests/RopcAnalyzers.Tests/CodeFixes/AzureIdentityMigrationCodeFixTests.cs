using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.CodeFixes
{
    public class AzureIdentityMigrationCodeFixTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.UnapprovedRopcRequest);

        private const string Interactive = AzureIdentityMigrationCodeFixProvider.InteractiveBrowserEquivalenceKey;
        private const string DeviceCode = AzureIdentityMigrationCodeFixProvider.DeviceCodeEquivalenceKey;

        private static DiagnosticResult Ropc001()
            => VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments("Azure.Identity UsernamePasswordCredential");

        private static Task VerifyAsync(string equivalenceKey, string source, string fixedSource, int? codeActionIndex = null)
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, AzureIdentityMigrationCodeFixProvider>(source, fixedSource)
            {
                CodeActionEquivalenceKey = equivalenceKey,
                CodeActionIndex = codeActionIndex,
            };
            test.ExpectedDiagnostics.Add(Ropc001());
            return test.RunAsync();
        }

        private static Task NotOfferedAsync(string equivalenceKey, string source) => VerifyAsync(equivalenceKey, source, source);

        private const string Factory = """
            using Azure.Core;
            using Azure.Identity;

            class Credentials
            {
                TokenCredential Create(string user, string password, string tenantId) => {|#0:new UsernamePasswordCredential(user, password, tenantId, "client-id")|};
            }
            """;

        [Fact]
        public Task InteractiveBrowser_FirstFix_CarriesTenantClientAndLoginHint() => VerifyAsync(Interactive, Factory, """
            using Azure.Core;
            using Azure.Identity;

            class Credentials
            {
                TokenCredential Create(string user, string password, string tenantId) => new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions { TenantId = tenantId, ClientId = "client-id", LoginHint = user });
            }
            """, codeActionIndex: 0);

        [Fact]
        public Task DeviceCode_SecondFix_CarriesTenantAndClient() => VerifyAsync(DeviceCode, Factory, """
            using Azure.Core;
            using Azure.Identity;

            class Credentials
            {
                TokenCredential Create(string user, string password, string tenantId) => new DeviceCodeCredential(new DeviceCodeCredentialOptions { TenantId = tenantId, ClientId = "client-id" });
            }
            """, codeActionIndex: 1);

        [Theory]
        [InlineData(Interactive, "InteractiveBrowserCredential", ", LoginHint = user")]
        [InlineData(DeviceCode, "DeviceCodeCredential", "")]
        public Task OptionsInitializer_IsCarriedOver(string equivalenceKey, string credential, string loginHint) => VerifyAsync(equivalenceKey, """
            using Azure.Core;
            using Azure.Identity;

            class Credentials
            {
                TokenCredential Create(string user, string password)
                    => {|#0:new UsernamePasswordCredential(user, password, "contoso", "client-id", new UsernamePasswordCredentialOptions
                    {
                        AuthorityHost = AzureAuthorityHosts.AzureGovernment,
                        DisableInstanceDiscovery = true,
                        AdditionallyAllowedTenants = { "*" },
                    })|};
            }
            """, $$"""
            using Azure.Core;
            using Azure.Identity;

            class Credentials
            {
                TokenCredential Create(string user, string password)
                    => new {{credential}}(new {{credential}}Options { TenantId = "contoso", ClientId = "client-id"{{loginHint}}, AuthorityHost = AzureAuthorityHosts.AzureGovernment, DisableInstanceDiscovery = true, AdditionallyAllowedTenants = { "*" } });
            }
            """);

        [Fact]
        public Task VarLocal_UsedAsTokenCredential_NamedArgumentsAndNullOptions() => VerifyAsync(Interactive, """
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.Core;

            class Credentials
            {
                async Task<string> TokenAsync(string user, string password, CancellationToken cancellationToken)
                {
                    var credential = {|#0:new Azure.Identity.UsernamePasswordCredential(clientId: "client-id", tenantId: "contoso", password: password, username: user, options: null)|};
                    Use(credential);
                    var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { "https://graph.microsoft.com/.default" }), cancellationToken);
                    return token.Token;
                }

                static void Use(TokenCredential credential) { }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.Core;
            using Azure.Identity;

            class Credentials
            {
                async Task<string> TokenAsync(string user, string password, CancellationToken cancellationToken)
                {
                    var credential = new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions { TenantId = "contoso", ClientId = "client-id", LoginHint = user });
                    Use(credential);
                    var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { "https://graph.microsoft.com/.default" }), cancellationToken);
                    return token.Token;
                }

                static void Use(TokenCredential credential) { }
            }
            """);

        [Theory]
        [InlineData(Interactive)]
        [InlineData(DeviceCode)]
        public Task OptionsBuiltElsewhere_AreNotOffered(string equivalenceKey) => NotOfferedAsync(equivalenceKey, """
            using Azure.Core;
            using Azure.Identity;

            class Credentials
            {
                TokenCredential Create(string user, string password, UsernamePasswordCredentialOptions options)
                    => {|#0:new UsernamePasswordCredential(user, password, "contoso", "client-id", options)|};
            }
            """);

        [Theory]
        [InlineData(Interactive, "UsernamePasswordCredential Create(string user, string password) => {|#0:new UsernamePasswordCredential(user, password, \"contoso\", \"client-id\")|};")]
        [InlineData(DeviceCode, "UsernamePasswordCredential Create(string user, string password) => {|#0:new(user, password, \"contoso\", \"client-id\")|};")]
        [InlineData(Interactive, "void Create(string user, string password) { UsernamePasswordCredential credential = {|#0:new UsernamePasswordCredential(user, password, \"contoso\", \"client-id\")|}; }")]
        [InlineData(DeviceCode, "void Create(string user, string password) { var credential = {|#0:new UsernamePasswordCredential(user, password, \"contoso\", \"client-id\")|}; Keep(credential); } void Keep(UsernamePasswordCredential credential) { }")]
        public Task CredentialUsedAsUsernamePasswordCredential_IsNotOffered(string equivalenceKey, string member) => NotOfferedAsync(equivalenceKey, $$"""
            using Azure.Identity;

            class Credentials
            {
                {{member}}
            }
            """);
    }
}
