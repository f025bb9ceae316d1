using System.Threading;
using Microsoft.CodeAnalysis.Testing;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    /// <summary>
    /// ROPC001 for libraries and versions the package registry does not serve. Each test declares a minimal
    /// stand-in of the library's public surface in the library's own namespace (as its package publishes it),
    /// because the analyzer matches by namespace, type and member name.
    /// </summary>
    public class UnapprovedRopcRequestVendorTests
    {
        private static readonly VerifyRule VerifyRopc = new(RuleIdentifiers.UnapprovedRopcRequest);

        private static DiagnosticResult Ropc001(string found) => VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(0).WithArguments(found);

        private static Task VerifyWithoutAsync(string[] excludedAssemblies, string source, params DiagnosticResult[] expected)
        {
            var test = new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, source, TestReferences.AllExcept(excludedAssemblies));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task IdentityModel3_RequestResourceOwnerPasswordAsync_IsReported() => VerifyWithoutAsync(new[] { "IdentityModel" }, """
            using System.Threading;
            using System.Threading.Tasks;

            // Stand-in: IdentityModel 3.x TokenClient and TokenClientExtensions (removed in 4.0; the registry serves 4.3+).
            namespace IdentityModel.Client
            {
                public class TokenResponse { public string AccessToken { get; set; } = ""; }
                public class TokenClient { public TokenClient(string address, string clientId, string clientSecret) { } }
                public static class TokenClientExtensions
                {
                    public static Task<TokenResponse> RequestResourceOwnerPasswordAsync(this TokenClient client, string userName, string password, string scope = null!, object extra = null!, CancellationToken cancellationToken = default)
                        => Task.FromResult(new TokenResponse());
                    public static Task<TokenResponse> RequestClientCredentialsAsync(this TokenClient client, string scope = null!, object extra = null!, CancellationToken cancellationToken = default)
                        => Task.FromResult(new TokenResponse());
                }
            }

            namespace App
            {
                using IdentityModel.Client;

                class LegacyLogin
                {
                    Task<TokenResponse> LoginAsync(string user, string password)
                    {
                        var client = new TokenClient("https://idp/connect/token", "legacy", "secret");
                        return {|#0:client.RequestResourceOwnerPasswordAsync(user, password, "api")|};
                    }

                    Task<TokenResponse> Machine(TokenClient client) => client.RequestClientCredentialsAsync("api");
                }
            }
            """, Ropc001("IdentityModel RequestResourceOwnerPasswordAsync"));

        [Fact]
        public Task Auth0_GetTokenAsyncWithResourceOwnerTokenRequest_IsReportedOnce() => VerifyRopc.AnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            // Stand-in: Auth0.AuthenticationApi (not served by the registry).
            namespace Auth0.AuthenticationApi.Models
            {
                public class AccessTokenResponse { public string AccessToken { get; set; } = ""; }
                public class ResourceOwnerTokenRequest { public string ClientId { get; set; } = ""; public string Username { get; set; } = ""; public string Password { get; set; } = ""; public string Realm { get; set; } = ""; }
                public class ClientCredentialsTokenRequest { public string ClientId { get; set; } = ""; }
            }

            namespace Auth0.AuthenticationApi
            {
                using Auth0.AuthenticationApi.Models;

                public interface IAuthenticationApiClient
                {
                    Task<AccessTokenResponse> GetTokenAsync(ResourceOwnerTokenRequest request, CancellationToken cancellationToken = default);
                    Task<AccessTokenResponse> GetTokenAsync(ClientCredentialsTokenRequest request, CancellationToken cancellationToken = default);
                }
            }

            namespace App
            {
                using Auth0.AuthenticationApi;
                using Auth0.AuthenticationApi.Models;

                class LegacyLogin
                {
                    Task<AccessTokenResponse> LoginAsync(IAuthenticationApiClient auth0, string user, string password)
                        => {|#0:auth0.GetTokenAsync(new ResourceOwnerTokenRequest { ClientId = "app", Username = user, Password = password, Realm = "db" })|};

                    Task<AccessTokenResponse> Machine(IAuthenticationApiClient auth0) => auth0.GetTokenAsync(new ClientCredentialsTokenRequest { ClientId = "svc" });

                    ResourceOwnerTokenRequest Later(string user, string password) => {|#1:new ResourceOwnerTokenRequest { Username = user, Password = password }|};
                }
            }
            """,
            Ropc001("Auth0 GetTokenAsync"),
            VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(1).WithArguments("Auth0 ResourceOwnerTokenRequest"));

        [Fact]
        public Task Salesforce_UsernamePasswordAsync_IsReported() => VerifyRopc.AnalyzerAsync("""
            using System.Threading.Tasks;

            // Stand-in: DeveloperForce.Force (Salesforce.Common), not served by the registry.
            namespace Salesforce.Common
            {
                public interface IAuthenticationClient { Task UsernamePasswordAsync(string clientId, string clientSecret, string username, string password, string tokenRequestEndpointUrl); }
                public class AuthenticationClient : IAuthenticationClient
                {
                    public Task UsernamePasswordAsync(string clientId, string clientSecret, string username, string password, string tokenRequestEndpointUrl) => Task.CompletedTask;
                    public Task WebServerAsync(string clientId, string clientSecret, string redirectUri, string code) => Task.CompletedTask;
                }
            }

            namespace App
            {
                class LegacyLogin
                {
                    Task Login(Salesforce.Common.AuthenticationClient auth, string user, string password)
                        => {|#0:auth.UsernamePasswordAsync("id", "secret", user, password, "https://login.salesforce.com/services/oauth2/token")|};

                    Task Code(Salesforce.Common.AuthenticationClient auth, string code) => auth.WebServerAsync("id", "secret", "https://app/cb", code);
                }
            }
            """, Ropc001("Salesforce UsernamePasswordAsync"));

        [Fact]
        public Task KeycloakNet_ClientWithPassword_IsReported_ButNotWithTokenFactory() => VerifyRopc.AnalyzerAsync("""
            using System;

            // Stand-in: Keycloak.Net (not served by the registry).
            namespace Keycloak.Net
            {
                public class KeycloakClient
                {
                    public KeycloakClient(string url, string userName, string password) { }
                    public KeycloakClient(string url, Func<string> getToken) { }
                }
            }

            namespace App
            {
                using Keycloak.Net;

                class Admin
                {
                    KeycloakClient WithPassword(string user, string password) => {|#0:new KeycloakClient("https://kc", user, password)|};
                    KeycloakClient WithToken(Func<string> token) => new KeycloakClient("https://kc", token);
                }
            }
            """, Ropc001("Keycloak.Net KeycloakClient"));

        [Fact]
        public Task SqlClient_ActiveDirectoryPassword_IsReported() => VerifyRopc.AnalyzerAsync("""
            // Stand-in: Microsoft.Data.SqlClient's authentication enum (the package is large; only the enum matters here).
            namespace Microsoft.Data.SqlClient
            {
                public enum SqlAuthenticationMethod { NotSpecified, SqlPassword, ActiveDirectoryPassword, ActiveDirectoryInteractive }
                public class SqlConnectionStringBuilder { public SqlAuthenticationMethod Authentication { get; set; } }
            }

            namespace App
            {
                using Microsoft.Data.SqlClient;

                class Db
                {
                    SqlConnectionStringBuilder Builder() => new SqlConnectionStringBuilder { {|#0:Authentication = SqlAuthenticationMethod.ActiveDirectoryPassword|} };
                    string ConnectionString() => {|#1:"Server=tcp:x.database.windows.net;Authentication=Active Directory Password;User ID=u;Password=p"|};
                    SqlConnectionStringBuilder Interactive() => new SqlConnectionStringBuilder { Authentication = SqlAuthenticationMethod.ActiveDirectoryInteractive };
                    string SqlLogin() => "Server=x;User ID=u;Password=p";
                }
            }
            """,
            Ropc001("SqlClient Authentication=Active Directory Password"),
            VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(1).WithArguments("SqlClient Authentication=Active Directory Password"));

        [Theory]
        [InlineData("[*.cs]\nropc_analyzers.additional_ropc_apis = MyCompany.Auth.LegacyLogin.SignInAsync, MyCompany.Auth.PasswordSession..ctor")]
        [InlineData("[*]\nropc_analyzers.additional_ropc_apis = MyCompany.Auth.PasswordSession..ctor,MyCompany.Auth.LegacyLogin.SignInAsync")]
        public Task ConfiguredWrapperApis_AreReported(string editorConfig)
        {
            var test = new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, """
                using System.Threading.Tasks;

                namespace MyCompany.Auth
                {
                    public class LegacyLogin { public Task SignInAsync(string user, string password) => Task.CompletedTask; public Task SignOutAsync() => Task.CompletedTask; }
                    public class PasswordSession { public PasswordSession(string user, string password) { } }
                }

                namespace App
                {
                    using MyCompany.Auth;

                    class Caller
                    {
                        Task Go(LegacyLogin login) => {|#0:login.SignInAsync("u", "p")|};
                        Task Out(LegacyLogin login) => login.SignOutAsync();
                        object Session() => {|#1:new PasswordSession("u", "p")|};
                    }
                }
                """);
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n" + editorConfig));
            test.ExpectedDiagnostics.Add(Ropc001("configured ROPC API SignInAsync"));
            test.ExpectedDiagnostics.Add(VerifyRopc.Diagnostic(Descriptors.UnapprovedRopcRequest).WithLocation(1).WithArguments("configured ROPC API PasswordSession"));
            return test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("ropc_analyzers.additional_ropc_apis = ")]
        [InlineData("ropc_analyzers.additional_ropc_apis = not a name, ., ..ctor, Type.")]
        public Task MalformedConfiguredApis_AreIgnored(string option)
        {
            var test = new RuleTest(RuleIdentifiers.UnapprovedRopcRequest, """
                class Caller { void Go() { } }
                """);
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n" + option));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
