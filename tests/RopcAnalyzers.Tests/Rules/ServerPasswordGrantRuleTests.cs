using Microsoft.CodeAnalysis.Testing;

using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    public class ServerPasswordGrantRuleTests
    {
        private static readonly VerifyRule VerifyServer = new(RuleIdentifiers.ServerEnablesPasswordGrant);

        private const string EndpointBranch = "A token endpoint that branches on grant_type \"password\"";

        /// <summary>
        /// Stand-ins for IdentityServer4, Duende.IdentityServer and Microsoft.Owin.Security.OAuth, which the registry
        /// does not serve: the same namespaces, type and member names as the real packages, reduced to what the tests use.
        /// </summary>
        private const string StandIns = """

            namespace IdentityServer4.Models
            {
                public class Client { public System.Collections.Generic.ICollection<string> AllowedGrantTypes { get; set; } = new System.Collections.Generic.List<string>(); public string ClientId { get; set; } = ""; }
                public static class GrantType { public const string ResourceOwnerPassword = "password"; public const string ClientCredentials = "client_credentials"; }
                public static class GrantTypes
                {
                    public static System.Collections.Generic.ICollection<string> ResourceOwnerPassword => new[] { GrantType.ResourceOwnerPassword };
                    public static System.Collections.Generic.ICollection<string> ResourceOwnerPasswordAndClientCredentials => new[] { GrantType.ResourceOwnerPassword, GrantType.ClientCredentials };
                    public static System.Collections.Generic.ICollection<string> ClientCredentials => new[] { GrantType.ClientCredentials };
                    public static System.Collections.Generic.ICollection<string> Code => new[] { "authorization_code" };
                }
            }

            namespace IdentityServer4.Validation
            {
                public class ResourceOwnerPasswordValidationContext { public string UserName { get; set; } = ""; public string Password { get; set; } = ""; }
                public interface IResourceOwnerPasswordValidator { System.Threading.Tasks.Task ValidateAsync(ResourceOwnerPasswordValidationContext context); }
            }

            namespace IdentityServer4.AspNetIdentity
            {
                public class ResourceOwnerPasswordValidator<TUser> : IdentityServer4.Validation.IResourceOwnerPasswordValidator
                {
                    public virtual System.Threading.Tasks.Task ValidateAsync(IdentityServer4.Validation.ResourceOwnerPasswordValidationContext context) => System.Threading.Tasks.Task.CompletedTask;
                }
            }

            namespace Duende.IdentityServer.Models
            {
                public class Client { public System.Collections.Generic.ICollection<string> AllowedGrantTypes { get; set; } = new System.Collections.Generic.List<string>(); }
                public static class GrantTypes { public static System.Collections.Generic.ICollection<string> ResourceOwnerPassword => new[] { "password" }; }
            }

            namespace Duende.IdentityServer.Validation
            {
                public class ResourceOwnerPasswordValidationContext { }
                public interface IResourceOwnerPasswordValidator { System.Threading.Tasks.Task ValidateAsync(ResourceOwnerPasswordValidationContext context); }
            }

            namespace Microsoft.Owin.Security.OAuth
            {
                public class OAuthGrantResourceOwnerCredentialsContext { public string UserName { get; set; } = ""; public string Password { get; set; } = ""; }
                public class OAuthGrantClientCredentialsContext { }
                public interface IOAuthAuthorizationServerProvider
                {
                    System.Threading.Tasks.Task GrantResourceOwnerCredentials(OAuthGrantResourceOwnerCredentialsContext context);
                    System.Threading.Tasks.Task GrantClientCredentials(OAuthGrantClientCredentialsContext context);
                }

                public class OAuthAuthorizationServerProvider : IOAuthAuthorizationServerProvider
                {
                    public System.Func<OAuthGrantResourceOwnerCredentialsContext, System.Threading.Tasks.Task> OnGrantResourceOwnerCredentials { get; set; } = c => System.Threading.Tasks.Task.CompletedTask;
                    public virtual System.Threading.Tasks.Task GrantResourceOwnerCredentials(OAuthGrantResourceOwnerCredentialsContext context) => OnGrantResourceOwnerCredentials(context);
                    public virtual System.Threading.Tasks.Task GrantClientCredentials(OAuthGrantClientCredentialsContext context) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """;

        private static DiagnosticResult Ropc009(string found, int location = 0)
            => VerifyServer.Diagnostic(Descriptors.ServerEnablesPasswordGrant).WithLocation(location).WithArguments(found);

        private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyServer.AnalyzerAsync(source + StandIns, expected);

        // ---------------------------------------------------------------- OpenIddict server (real package)

        [Fact]
        public Task OpenIddictServer_AllowPasswordFlow_IsReported() => VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            class Startup
            {
                void Configure(IServiceCollection services)
                    => services.AddOpenIddict().AddServer(options => {|#0:options.AllowPasswordFlow()|}.AllowAuthorizationCodeFlow());
            }
            """, Ropc009("OpenIddict server AllowPasswordFlow()"));

        [Fact]
        public Task OpenIddictServer_OtherFlows_AreNotReported() => VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            class Startup
            {
                void Configure(IServiceCollection services)
                    => services.AddOpenIddict().AddServer(options => options.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowDeviceAuthorizationFlow().AllowClientCredentialsFlow());
            }
            """);

        [Fact]
        public Task OpenIddictClient_AllowPasswordFlow_IsAClientUse_NotReportedHere() => VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            class Startup
            {
                void Configure(IServiceCollection services) => services.AddOpenIddict().AddClient(options => options.AllowPasswordFlow());
            }
            """);

        [Fact]
        public Task OpenIddictPermission_InDescriptorAndAdd_IsReported() => VerifyAsync("""
            using OpenIddict.Abstractions;
            using static OpenIddict.Abstractions.OpenIddictConstants;

            class Seed
            {
                OpenIddictApplicationDescriptor Create()
                {
                    var descriptor = new OpenIddictApplicationDescriptor
                    {
                        ClientId = "legacy",
                        Permissions = { Permissions.Endpoints.Token, {|#0:Permissions.GrantTypes.Password|} },
                    };
                    descriptor.Permissions.Add({|#1:"gt:password"|});
                    return descriptor;
                }
            }
            """, Ropc009("OpenIddict permission Permissions.GrantTypes.Password"), Ropc009("OpenIddict permission \"gt:password\"", 1));

        [Fact]
        public Task OpenIddictPermission_CheckedOrRemoved_IsNotReported() => VerifyAsync("""
            using OpenIddict.Abstractions;
            using static OpenIddict.Abstractions.OpenIddictConstants;

            class Audit
            {
                bool Check(OpenIddictApplicationDescriptor descriptor, string permission)
                {
                    descriptor.Permissions.Remove(Permissions.GrantTypes.Password);
                    return descriptor.Permissions.Contains(Permissions.GrantTypes.Password) || permission == "gt:password"
                        || permission is Permissions.GrantTypes.Password;
                }

                object Other() => new OpenIddictApplicationDescriptor { Permissions = { Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken } };
            }
            """);

        [Fact]
        public Task OpenIddictServerOptions_GrantTypesAdd_IsReported() => VerifyAsync("""
            using OpenIddict.Server;
            using static OpenIddict.Abstractions.OpenIddictConstants;

            class Configure
            {
                void Apply(OpenIddictServerOptions options)
                {
                    options.GrantTypes.Add({|#0:GrantTypes.Password|});
                    options.GrantTypes.Add(GrantTypes.AuthorizationCode);
                }
            }
            """, Ropc009("OpenIddict server GrantTypes containing \"password\""));

        [Fact]
        public Task OpenIddictTokenEndpoint_IsPasswordGrantType_IsReported() => VerifyAsync("""
            using OpenIddict.Abstractions;

            class TokenController
            {
                string Exchange(OpenIddictRequest request)
                {
                    if ({|#0:request.IsPasswordGrantType()|}) return "password";
                    if (request.IsAuthorizationCodeGrantType()) return "code";
                    return "unsupported";
                }
            }
            """, Ropc009("OpenIddict IsPasswordGrantType()"));

        [Fact]
        public Task AsosTokenEndpoint_IsPasswordGrantType_IsReported() => VerifyAsync("""
            using AspNet.Security.OpenIdConnect.Primitives;

            // Stand-in for ASOS (AspNet.Security.OpenIdConnect.Server), which the registry does not serve.
            namespace AspNet.Security.OpenIdConnect.Primitives
            {
                public class OpenIdConnectRequest { }
                public static class OpenIdConnectExtensions { public static bool IsPasswordGrantType(this OpenIdConnectRequest request) => true; }
            }

            class TokenController
            {
                string Exchange(OpenIdConnectRequest request) => {|#0:request.IsPasswordGrantType()|} ? "token" : "unsupported";
            }
            """, Ropc009("ASOS IsPasswordGrantType()"));

        [Fact]
        public Task OwnIsPasswordGrantTypeHelper_IsNotReported() => VerifyAsync("""
            static class MyExtensions { public static bool IsPasswordGrantType(this string grant) => false; }

            class TokenController
            {
                bool Check(string grant) => grant.IsPasswordGrantType();
            }
            """);

        // ---------------------------------------------------------------- IdentityServer / Duende (stand-ins)

        [Theory]
        [InlineData("IdentityServer4.Models", "IdentityServer", "ResourceOwnerPassword")]
        [InlineData("IdentityServer4.Models", "IdentityServer", "ResourceOwnerPasswordAndClientCredentials")]
        [InlineData("Duende.IdentityServer.Models", "Duende.IdentityServer", "ResourceOwnerPassword")]
        public Task IdentityServerClient_GrantTypesResourceOwnerPassword_IsReported(string ns, string product, string member) => VerifyAsync($$"""
            using {{ns}};

            static class Config
            {
                public static Client Legacy => new Client { AllowedGrantTypes = {|#0:GrantTypes.{{member}}|} };
            }
            """, Ropc009($"{product} GrantTypes.{member}"));

        [Theory]
        [InlineData("AllowedGrantTypes = { {|#0:\"password\"|}, \"client_credentials\" }")]
        [InlineData("AllowedGrantTypes = new[] { {|#0:GrantType.ResourceOwnerPassword|} }")]
        [InlineData("AllowedGrantTypes = new List<string> { GrantType.ClientCredentials, {|#0:PasswordGrant|} }")]
        public Task IdentityServerClient_AllowedGrantTypesContainingPassword_IsReported(string initializer) => VerifyAsync($$"""
            using System.Collections.Generic;
            using IdentityServer4.Models;

            static class Config
            {
                private static readonly string PasswordGrant = "password";

                public static Client Legacy => new Client { ClientId = "legacy", {{initializer}} };
            }
            """, Ropc009("AllowedGrantTypes containing \"password\""));

        [Fact]
        public Task IdentityServerClient_AllowedGrantTypesAdd_IsReported() => VerifyAsync("""
            using IdentityServer4.Models;

            static class Config
            {
                public static void Enable(Client client) => client.AllowedGrantTypes.Add({|#0:"password"|});
            }
            """, Ropc009("AllowedGrantTypes containing \"password\""));

        [Fact]
        public Task IdentityServerClient_OtherGrantTypes_AreNotReported() => VerifyAsync("""
            using System.Collections.Generic;
            using IdentityServer4.Models;

            static class Config
            {
                public static IEnumerable<Client> Clients => new[]
                {
                    new Client { AllowedGrantTypes = GrantTypes.ClientCredentials },
                    new Client { AllowedGrantTypes = GrantTypes.Code },
                    new Client { AllowedGrantTypes = { "client_credentials", "refresh_token" } },
                };

                static bool HasPassword(Client client) => client.AllowedGrantTypes.Contains("password");
                static List<string> Words => new List<string> { "password" };
            }
            """);

        [Theory]
        [InlineData("IdentityServer4.Validation", "IdentityServer")]
        [InlineData("Duende.IdentityServer.Validation", "Duende.IdentityServer")]
        public Task ResourceOwnerPasswordValidator_Implementation_IsReported(string ns, string product) => VerifyAsync($$"""
            using System.Threading.Tasks;
            using {{ns}};

            class {|#0:LegacyValidator|} : IResourceOwnerPasswordValidator
            {
                public Task ValidateAsync(ResourceOwnerPasswordValidationContext context) => Task.CompletedTask;
            }

            class DerivedValidator : LegacyValidator { }
            """, Ropc009($"{product} IResourceOwnerPasswordValidator implementation"));

        [Fact]
        public Task ResourceOwnerPasswordValidator_DerivedFromLibraryValidator_IsReported() => VerifyAsync("""
            using IdentityServer4.AspNetIdentity;

            class AppUser { }

            class {|#0:AppValidator|} : ResourceOwnerPasswordValidator<AppUser> { }
            """, Ropc009("IdentityServer IResourceOwnerPasswordValidator implementation"));

        // ---------------------------------------------------------------- OWIN (stand-ins)

        [Fact]
        public Task OwinProvider_GrantResourceOwnerCredentialsOverride_IsReported() => VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Owin.Security.OAuth;

            class LegacyProvider : OAuthAuthorizationServerProvider
            {
                public override Task {|#0:GrantResourceOwnerCredentials|}(OAuthGrantResourceOwnerCredentialsContext context) => Task.CompletedTask;

                public override Task GrantClientCredentials(OAuthGrantClientCredentialsContext context) => Task.CompletedTask;
            }
            """, Ropc009("OWIN GrantResourceOwnerCredentials override"));

        [Fact]
        public Task OwinProvider_InterfaceImplementationAndDelegate_AreReported() => VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Owin.Security.OAuth;

            class ExplicitProvider : IOAuthAuthorizationServerProvider
            {
                Task IOAuthAuthorizationServerProvider.{|#0:GrantResourceOwnerCredentials|}(OAuthGrantResourceOwnerCredentialsContext context) => Task.CompletedTask;
                public Task GrantClientCredentials(OAuthGrantClientCredentialsContext context) => Task.CompletedTask;
            }

            class Startup
            {
                object Provider() => new OAuthAuthorizationServerProvider { {|#1:OnGrantResourceOwnerCredentials = context => Task.CompletedTask|} };
            }
            """, Ropc009("OWIN GrantResourceOwnerCredentials implementation"), Ropc009("OWIN OnGrantResourceOwnerCredentials", 1));

        [Fact]
        public Task SameNamedMethodOutsideOwin_IsNotReported() => VerifyAsync("""
            using System.Threading.Tasks;

            class MyProvider
            {
                public virtual Task GrantResourceOwnerCredentials(object context) => Task.CompletedTask;
            }

            class Derived : MyProvider
            {
                public override Task GrantResourceOwnerCredentials(object context) => Task.CompletedTask;
            }
            """);

        // ---------------------------------------------------------------- Hand-written token endpoints

        [Theory]
        [InlineData("{|#0:request.GrantType == \"password\"|}")]
        [InlineData("{|#0:\"password\" == request.GrantType|}")]
        [InlineData("{|#0:request?.GrantType == OidcPassword|}")]
        [InlineData("{|#0:form[\"grant_type\"] == \"password\"|}")]
        [InlineData("{|#0:form[\"grant_type\"].ToString() != \"password\"|}")]
        [InlineData("{|#0:grantType == \"password\"|}")]
        [InlineData("{|#0:string.Equals(form[\"grant_type\"], \"password\", StringComparison.OrdinalIgnoreCase)|}")]
        [InlineData("{|#0:grantType.Equals(\"password\")|}")]
        [InlineData("{|#0:grantType is \"password\"|}")]
        [InlineData("request is { {|#0:GrantType: \"password\"|} }")]
        public Task TokenEndpoint_BranchOnPasswordGrant_IsReported(string condition) => VerifyAsync($$"""
            using System;
            using System.Collections.Generic;

            class TokenRequest { public string GrantType { get; set; } = ""; }

            class TokenEndpoint
            {
                const string OidcPassword = "password";

                string Handle(TokenRequest request, IDictionary<string, string> form, string grantType)
                {
                    if ({{condition}}) return "token";
                    return "unsupported_grant_type";
                }
            }
            """, Ropc009(EndpointBranch));

        [Fact]
        public Task TokenEndpoint_SwitchOnGrantType_ReportsThePasswordCase() => VerifyAsync("""
            using System.Collections.Generic;

            class TokenEndpoint
            {
                string Handle(IDictionary<string, string> form)
                {
                    switch (form["grant_type"])
                    {
                        {|#0:case "password":|}
                            return "token";
                        case "client_credentials":
                            return "client";
                        default:
                            return "unsupported_grant_type";
                    }
                }

                string Expression(string grant_type) => grant_type switch
                {
                    {|#1:"password"|} => "token",
                    "refresh_token" => "refresh",
                    _ => "unsupported_grant_type",
                };
            }
            """, Ropc009(EndpointBranch), Ropc009(EndpointBranch, 1));

        [Fact]
        public Task ComparisonsThatAreNotAboutTheGrantType_AreNotReported() => VerifyAsync("""
            using System.Collections.Generic;

            class User { public string Password { get; set; } = ""; public string Kind { get; set; } = ""; }

            class Accounts
            {
                bool Check(User user, string mode, IDictionary<string, string> form, string grantType)
                {
                    if (user.Password == "password") return false;
                    if (mode == "password") return true;
                    if (form["username"] == "password") return true;
                    if (form["grant_type"] == "client_credentials") return true;
                    if (grantType == "refresh_token") return true;
                    switch (mode) { case "password": return true; }
                    return user.Kind is "password";
                }
            }
            """);

        // ---------------------------------------------------------------- Approval

        [Fact]
        public Task ApprovedServerCode_IsNotReported() => VerifyAsync("""
            using System.Threading.Tasks;
            using IdentityServer4.Models;
            using IdentityServer4.Validation;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Owin.Security.OAuth;
            using RopcAnalyzers;

            [TrustedLegacyRopc("Kiosk clients of the in-house IdP; migration tracked in IAM-12")]
            class LegacyValidator : IResourceOwnerPasswordValidator
            {
                public Task ValidateAsync(ResourceOwnerPasswordValidationContext context) => Task.CompletedTask;
            }

            class LegacyProvider : OAuthAuthorizationServerProvider
            {
                [TrustedLegacyRopc("Kiosk clients of the in-house IdP")]
                public override Task GrantResourceOwnerCredentials(OAuthGrantResourceOwnerCredentialsContext context) => Task.CompletedTask;
            }

            class Startup
            {
                [TrustedLegacyRopc("Kiosk clients of the in-house IdP")]
                void Configure(IServiceCollection services)
                {
                    services.AddOpenIddict().AddServer(options => options.AllowPasswordFlow());
                    var client = new Client { AllowedGrantTypes = GrantTypes.ResourceOwnerPassword };
                }
            }
            """);
    }
}
