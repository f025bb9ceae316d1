using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.CodeFixes;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.CodeFixes
{
    public class MsalMigrationCodeFixTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.UnapprovedRopcRequest);

        private const string Interactive = MsalMigrationCodeFixProvider.InteractiveEquivalenceKey;
        private const string DeviceCode = MsalMigrationCodeFixProvider.DeviceCodeEquivalenceKey;

        private static DiagnosticResult Ropc001(int location = 0)
            => VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(location).WithArguments("MSAL AcquireTokenByUsernamePassword");

        private static Task VerifyAsync(string equivalenceKey, string source, string fixedSource, int? codeActionIndex = null)
        {
            var test = new RopcCodeFixTest<RopcUseAnalyzer, MsalMigrationCodeFixProvider>(source, fixedSource)
            {
                CodeActionEquivalenceKey = equivalenceKey,
                CodeActionIndex = codeActionIndex,
            };
            test.ExpectedDiagnostics.Add(Ropc001());
            return test.RunAsync();
        }

        private static Task NotOfferedAsync(string equivalenceKey, string source) => VerifyAsync(equivalenceKey, source, source);

        private const string PublicClientLogin = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                async Task<string> LoginAsync(IPublicClientApplication app, string user, string password, CancellationToken cancellationToken)
                {
                    var result = await {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}
                        .WithClaims("{}")
                        .ExecuteAsync(cancellationToken);
                    return result.AccessToken;
                }
            }
            """;

        [Fact]
        public Task Interactive_FirstFix_KeepsTheChainAndHintsTheUser() => VerifyAsync(Interactive, PublicClientLogin, """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                async Task<string> LoginAsync(IPublicClientApplication app, string user, string password, CancellationToken cancellationToken)
                {
                    var result = await app.AcquireTokenInteractive(new[] { "User.Read" }).WithLoginHint(user)
                        .WithClaims("{}")
                        .ExecuteAsync(cancellationToken);
                    return result.AccessToken;
                }
            }
            """, codeActionIndex: 0);

        [Fact]
        public Task DeviceCode_SecondFix_AddsTheCallbackAndTheUsingItNeeds() => VerifyAsync(DeviceCode, PublicClientLogin, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                async Task<string> LoginAsync(IPublicClientApplication app, string user, string password, CancellationToken cancellationToken)
                {
                    var result = await app.AcquireTokenWithDeviceCode(new[] { "User.Read" }, deviceCodeResult => Console.Out.WriteLineAsync(deviceCodeResult.Message))
                        .WithClaims("{}")
                        .ExecuteAsync(cancellationToken);
                    return result.AccessToken;
                }
            }
            """, codeActionIndex: 1);

        [Fact]
        public Task PublicClientApplicationClass_NamedArguments_AndConditionalAccess() => VerifyAsync(Interactive, """
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult>? LoginAsync(PublicClientApplication? app, string[] scopes, string user, string password)
                    => app?{|#0:.AcquireTokenByUsernamePassword(password: password, username: user, scopes: scopes)|}.WithTenantId("contoso").ExecuteAsync();
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult>? LoginAsync(PublicClientApplication? app, string[] scopes, string user, string password)
                    => app?.AcquireTokenInteractive(scopes).WithLoginHint(user).WithTenantId("contoso").ExecuteAsync();
            }
            """);

        [Fact]
        public Task SecureStringOverload_IsMigratedToo() => VerifyAsync(Interactive, """
            using System.Security;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, SecureString password)
                    => {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.ExecuteAsync();
            }
            """, """
            using System.Security;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, SecureString password)
                    => app.AcquireTokenInteractive(new[] { "User.Read" }).WithLoginHint(user).ExecuteAsync();
            }
            """);

        [Fact]
        public Task DeviceCode_CallbackNameInUse_PicksAnotherName() => VerifyAsync(DeviceCode, """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, string password, object deviceCodeResult)
                    => {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.ExecuteAsync();
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, string password, object deviceCodeResult)
                    => app.AcquireTokenWithDeviceCode(new[] { "User.Read" }, deviceCodeResult2 => Console.Out.WriteLineAsync(deviceCodeResult2.Message)).ExecuteAsync();
            }
            """);

        [Fact]
        public Task ProofOfPossession_InteractiveBuilderHasIt_OnlyInteractiveIsOffered() => VerifyAsync(Interactive, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, string password)
                    => {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.WithProofOfPossession("nonce", HttpMethod.Get, new Uri("https://api")).ExecuteAsync();
            }
            """, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, string password)
                    => app.AcquireTokenInteractive(new[] { "User.Read" }).WithLoginHint(user).WithProofOfPossession("nonce", HttpMethod.Get, new Uri("https://api")).ExecuteAsync();
            }
            """, codeActionIndex: 0);

        [Fact]
        public Task ProofOfPossession_DeviceCodeBuilderLacksIt_DeviceCodeIsNotOffered() => NotOfferedAsync(DeviceCode, """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, string password)
                    => {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.WithProofOfPossession("nonce", HttpMethod.Get, new Uri("https://api")).ExecuteAsync();
            }
            """);

        [Theory]
        [InlineData(Interactive)]
        [InlineData(DeviceCode)]
        public Task FederationMetadata_IsNotOffered(string equivalenceKey) => NotOfferedAsync(equivalenceKey, """
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, string password, string metadata)
                    => {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|}.WithFederationMetadata(metadata).ExecuteAsync();
            }
            """);

        [Theory]
        [InlineData(Interactive)]
        [InlineData(DeviceCode)]
        public Task BuilderKeptInAVariable_IsNotOffered(string equivalenceKey) => NotOfferedAsync(equivalenceKey, """
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IPublicClientApplication app, string user, string password, string metadata)
                {
                    var builder = {|#0:app.AcquireTokenByUsernamePassword(new[] { "User.Read" }, user, password)|};
                    return builder.WithFederationMetadata(metadata).ExecuteAsync();
                }
            }
            """);

        [Theory]
        [InlineData(Interactive)]
        [InlineData(DeviceCode)]
        public Task ConfidentialClient_IsNotOffered(string equivalenceKey) => NotOfferedAsync(equivalenceKey, """
            using System.Threading.Tasks;
            using Microsoft.Identity.Client;

            class Login
            {
                Task<AuthenticationResult> LoginAsync(IConfidentialClientApplication app, string user, string password)
                    => {|#0:((IByUsernameAndPassword)app).AcquireTokenByUsernamePassword(new[] { "api://x/.default" }, user, password)|}.ExecuteAsync();
            }
            """);
    }
}
