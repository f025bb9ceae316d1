using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using RopcAnalyzers.Rules;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    /// <summary>ROPC001, ROPC008, ROPC009, the approval rules and ROPC011 in appsettings*.json (AdditionalFiles).</summary>
    public class ConfigurationFileAnalyzerTests
    {
        private const string Program = "class Program { static void Main() { } }";
        private const string ReferenceDate = "ropc_analyzers.reference_date = 2027-01-01";

        private static DiagnosticResult Ropc001(string path, int location = 0)
            => new DiagnosticResult(Descriptors.UnapprovedRopcRequest).WithLocation(location).WithArguments($"The client configured in '{path}'");

        private static DiagnosticResult Ropc008(string path, int location)
            => new DiagnosticResult(Descriptors.HardCodedPassword).WithLocation(location).WithArguments($"The client configured in '{path}'");

        private static DiagnosticResult Ropc009(string subject, int location = 0)
            => new DiagnosticResult(Descriptors.ServerEnablesPasswordGrant).WithLocation(location).WithArguments(subject);

        private static ConfigurationTest Test(string json, string fileName = "appsettings.json")
        {
            var test = new ConfigurationTest();
            test.TestState.AdditionalFiles.Add((fileName, json));
            return test;
        }

        private static Task VerifyAsync(string json, params DiagnosticResult[] expected)
        {
            var test = Test(json);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private sealed class ConfigurationTest : RopcAnalyzerTest<ConfigurationFileAnalyzer>
        {
            public ConfigurationTest()
                : base(Program, withLibraries: false)
            {
            }
        }

        // ---------------------------------------------------------------- clients (ROPC001, ROPC008)

        [Fact]
        public Task AbpIdentityClient_WithPasswordGrant_ReportsTheGrantAndTheUserPassword() => VerifyAsync("""
            {
              "RemoteServices": { "Default": { "BaseUrl": "https://localhost:44376", "IdentityClient": "Default" } },
              "IdentityClients": {
                "Default": {
                  "GrantType": {|#0:"password"|},
                  "ClientId": "Sample_App",
                  "ClientSecret": "1q2w3e*",
                  "UserName": "admin",
                  "UserPassword": {|#1:"1q2w3E*"|},
                  "Authority": "https://localhost:44376",
                  "Scope": "Sample"
                },
                "client": {
                  "GrantType": "client_credentials",
                  "ClientId": "Sample_App",
                  "ClientSecret": "1q2w3e*"
                }
              }
            }
            """,
            Ropc001("IdentityClients:Default"),
            Ropc008("IdentityClients:Default", 1));

        [Fact]
        public Task OwnOptionsSection_WithGrantTypeKeyInSnakeCase_IsReported() => VerifyAsync("""
            {
              "LegacyAuth": { "TokenEndpoint": "https://idp.example.com/connect/token", "grant_type": {|#0:"password"|}, "username": "svc", "password": "" }
            }
            """,
            Ropc001("LegacyAuth"));

        [Fact]
        public Task PasswordGrant_AtTheTopLevel_IsNamedByTheFile() => VerifyAsync("""
            { "GrantType": {|#0:"Password"|} }
            """,
            Ropc001("appsettings.json"));

        [Fact]
        public Task Auth0PasswordRealmGrant_IsReported() => VerifyAsync("""
            { "Auth0": { "Domain": "tenant.eu.auth0.com", "GrantType": {|#0:"http://auth0.com/oauth/grant-type/password-realm"|}, "Realm": "Username-Password-Authentication" } }
            """,
            Ropc001("Auth0"));

        [Fact]
        public Task LookAlikes_AreNotReported() => VerifyAsync("""
            {
              "ConnectionStrings": { "Default": "Server=db;User Id=app;Password=s3cret;" },
              "Database": { "User": "app", "Password": "s3cret" },
              "Smtp": { "Mode": "password", "Password": "s3cret" },
              "Client": { "GrantType": "client_credentials", "ClientSecret": "x", "Password": "s3cret" },
              "Device": { "GrantType": "urn:ietf:params:oauth:grant-type:device_code" },
              "Ui": { "Labels": [ "password", "GrantType" ], "GrantType": [ "password" ] },
              "IdentityServer": { "Clients": [ { "ClientId": "m2m", "AllowedGrantTypes": [ "client_credentials", "authorization_code" ] } ] },
              "OpenIddict": { "Applications": [ { "ClientId": "spa", "Permissions": [ "ept:token", "gt:authorization_code", "password" ] } ] }
            }
            """);

        // ---------------------------------------------------------------- servers (ROPC009)

        [Fact]
        public Task IdentityServerClients_AllowingThePasswordGrant_AreReportedAtTheGrant() => VerifyAsync("""
            {
              "IdentityServer": {
                "Clients": [
                  { "ClientId": "client", "AllowedGrantTypes": [ {|#0:"password"|}, "client_credentials" ], "AllowedScopes": [ "api" ] },
                  { "ClientId": "demo", "AllowedGrantTypes": [ "hybrid", "client_credentials" ] },
                  { "AllowedGrantTypes": {|#1:"ResourceOwnerPasswordAndClientCredentials"|} }
                ]
              }
            }
            """,
            Ropc009("'AllowedGrantTypes' of the client 'client' in 'IdentityServer:Clients:0'"),
            Ropc009("'AllowedGrantTypes' of the client in 'IdentityServer:Clients:2'", 1));

        [Fact]
        public Task OpenIddictApplication_WithThePasswordPermission_IsReported() => VerifyAsync("""
            {
              "OpenIddict": {
                "Applications": {
                  "mobile": { "ClientId": "mobile-app", "Permissions": [ "ept:token", {|#0:"gt:password"|}, "gt:refresh_token" ] }
                }
              }
            }
            """,
            Ropc009("The permission 'gt:password' of the application 'mobile-app' in 'OpenIddict:Applications:mobile'"));

        // ---------------------------------------------------------------- approvals

        [Fact]
        public Task ApprovalInTheSameObject_SilencesTheGrant_ButNotThePassword() => VerifyAsync("""
            {
              "IdentityClients": {
                "Default": {
                  "GrantType": "password",
                  "UserName": "admin",
                  "UserPassword": {|#0:"1q2w3E*"|},
                  "TrustedLegacyRopc": { "Justification": "Kiosk app; the IdP has no browser flow yet (IAM-12)", "Owner": "team-identity", "Expires": "2099-06-30" }
                }
              }
            }
            """,
            Ropc008("IdentityClients:Default", 0));

        [Fact]
        public Task ApprovalInAnEnclosingObject_CoversNestedClients_AndTheNearestApprovalWins() => VerifyAsync("""
            {
              "IdentityServer": {
                "TrustedLegacyRopc": { "Justification": "Warehouse scanners until the device flow ships (IAM-1234)" },
                "Clients": [
                  { "ClientId": "scanner", "AllowedGrantTypes": [ "password" ] }
                ]
              },
              "Legacy": {
                {|#0:"TrustedLegacyRopc"|}: { "Justification": "Old batch jobs (IAM-99)" },
                "Job": {
                  "TrustedLegacyRopc": { "Justification": "Nightly import (IAM-100)" },
                  "GrantType": "password"
                }
              }
            }
            """,
            new DiagnosticResult(Descriptors.StaleApproval).WithLocation(0).WithArguments("Legacy"));

        [Theory]
        [InlineData("\"\"", "it is empty")]
        [InlineData("\"   \"", "it is only white space")]
        [InlineData("\"TODO: ask security\"", "it is a TODO placeholder")]
        [InlineData("\"...\"", "it has no words")]
        [InlineData("42", "it has no words")]
        public Task ApprovalWithoutARealJustification_IsReportedAtTheJustification(string justification, string problem) => VerifyAsync(
            $$"""
            { "Client": { "GrantType": "password", "TrustedLegacyRopc": { "Justification": {|#0:{{justification}}|}, "Expires": "2099-01-01" } } }
            """,
            new DiagnosticResult(Descriptors.ApprovalWithoutJustification).WithLocation(0).WithArguments("Client", problem));

        [Fact]
        public Task ApprovalWithoutJustification_IsReportedAtTheApproval() => VerifyAsync("""
            { "Client": { "GrantType": "password", {|#0:"TrustedLegacyRopc"|}: { "Owner": "team-identity" } } }
            """,
            new DiagnosticResult(Descriptors.ApprovalWithoutJustification).WithLocation(0).WithArguments("Client", "it is empty"));

        [Fact]
        public Task ExpiredApproval_IsReportedAtItsExpiry_AndTheGrantIsNotReportedAgain()
        {
            var test = Test("""
                {
                  // Approved until the end of 2026.
                  "Client": { "GrantType": "password", "TrustedLegacyRopc": { "Justification": "Kiosk app (IAM-12)", "Expires": {|#0:"2026-12-31"|} } },
                  "Other": { "GrantType": "password", "TrustedLegacyRopc": { "Justification": "Kiosk app (IAM-13)", "Expires": "2027-01-01" } },
                }
                """).WithGlobalConfig(ReferenceDate);
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.ExpiredApproval).WithLocation(0).WithArguments("Client", "2026-12-31"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task ReferenceDate_FromAJsonSectionOfTheEditorConfig_IsUsed()
        {
            var test = Test("""
                { "Client": { "GrantType": "password", "TrustedLegacyRopc": { "Justification": "Kiosk app (IAM-12)", "Expires": {|#0:"2030-01-01"|} } } }
                """, "/appsettings.json");
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nropc_analyzers.reference_date = 2020-01-01\n\n[*.json]\nropc_analyzers.reference_date = 2031-01-01\n"));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.ExpiredApproval).WithLocation(0).WithArguments("Client", "2030-01-01"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task ApprovalThatIsNotAnObject_HasNoJustification() => VerifyAsync("""
            { "Client": { "GrantType": "password", {|#0:"TrustedLegacyRopc"|}: "Kiosk app (IAM-12)" } }
            """,
            new DiagnosticResult(Descriptors.ApprovalWithoutJustification).WithLocation(0).WithArguments("Client", "it is empty"));

        [Theory]
        [InlineData("\"end of Q2\"", "end of Q2")]
        [InlineData("\"2027-6-30\"", "2027-6-30")]
        [InlineData("20270630", "20270630")]
        public Task ApprovalExpiryThatIsNotADate_IsReported(string expires, string shown) => VerifyAsync(
            $$"""
            { "Client": { "GrantType": "password", "TrustedLegacyRopc": { "Justification": "Kiosk app (IAM-12)", "Expires": {|#0:{{expires}}|} } } }
            """,
            new DiagnosticResult(Descriptors.MalformedApprovalExpiry).WithLocation(0).WithArguments("Client", shown));

        [Fact]
        public Task ApprovalWithNullExpiry_HasNoEndDate() => VerifyAsync("""
            { "Client": { "GrantType": "password", "TrustedLegacyRopc": { "Justification": "Kiosk app (IAM-12)", "Expires": null } } }
            """);

        // ---------------------------------------------------------------- JSON as appsettings allows it, and JSON that does not parse

        [Fact]
        public Task CommentsAndTrailingCommas_AreRead() => VerifyAsync("""
            /* Written by hand. */
            {
              // The legacy kiosk.
              "Kiosk": {
                "GrantType": /* still */ {|#0:"password"|}, // until Q3
                "Scopes": [ "api", ],
              },
            }
            """,
            Ropc001("Kiosk"));

        [Theory]
        [InlineData("{ \"Kiosk\": { \"GrantType\": \"password\" ", "the document ends inside an object: '}' expected")]
        [InlineData("{ \"Kiosk\": { \"GrantType\" \"password\" } }", "':' expected after a property name")]
        [InlineData("{ 'Kiosk': 1 }", "a property name in double quotes expected")]
        [InlineData("{ \"Kiosk\": [ 1 2 ] }", "',' or ']' expected after an array item")]
        [InlineData("{ \"a\": 1 } }", "unexpected text after the end of the document")]
        [InlineData("{ \"a\": /* open", "a comment is not closed: '*/' expected")]
        public Task MalformedJson_IsReportedOnceAsInfo_AndNothingElse(string json, string problem)
        {
            var position = ExpectedErrorPosition(json, problem);
            var test = Test(json);
            var span = new LinePositionSpan(new LinePosition(0, position), new LinePosition(0, position < json.Length ? position + 1 : position));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.UnreadableConfigurationFile)
                .WithSpan("appsettings.json", span.Start.Line + 1, span.Start.Character + 1, span.End.Line + 1, span.End.Character + 1)
                .WithArguments("appsettings.json", problem));
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Where each malformed document of the theory goes wrong, found independently of the reader.</summary>
        private static int ExpectedErrorPosition(string json, string problem) => problem switch
        {
            "the document ends inside an object: '}' expected" => json.Length,
            "':' expected after a property name" => json.IndexOf("\"password\"", System.StringComparison.Ordinal),
            "a property name in double quotes expected" => json.IndexOf('\''),
            "',' or ']' expected after an array item" => json.IndexOf('2'),
            "unexpected text after the end of the document" => json.LastIndexOf('}'),
            "a comment is not closed: '*/' expected" => json.IndexOf("/*", System.StringComparison.Ordinal),
            _ => -1,
        };

        [Fact]
        public Task EmptyFile_IsNotReported() => VerifyAsync("  // nothing yet\n");

        // ---------------------------------------------------------------- which files are read

        [Fact]
        public Task OtherJsonAdditionalFiles_AreNotRead()
        {
            var test = Test("{ \"GrantType\": \"password\" }", "stylecop.json");
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task FileMarkedByThePackageTargets_IsRead_WhateverItsName()
        {
            var test = WithPackageTargets(Test("{ \"Auth\": { \"GrantType\": {|#0:\"password\"|} } }", "/config/auth.json"), "true");
            test.ExpectedDiagnostics.Add(Ropc001("Auth"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task WithThePackageTargets_AnAppsettingsFileLeftOutOfTheItems_IsNotRead()
            => WithPackageTargets(Test("{ \"Auth\": { \"GrantType\": \"password\" } }", "/appsettings.Development.json"), string.Empty).RunAsync(CancellationToken.None);

        /// <summary>What the package's targets give the compiler (generated .editorconfig): the property, and the file's metadata.</summary>
        private static ConfigurationTest WithPackageTargets(ConfigurationTest test, string metadata)
        {
            var path = test.TestState.AdditionalFiles.Single().filename;
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"""
                is_global = true
                build_property.RopcAnalyzersAnalyzeConfiguration = true

                [{path}]
                build_metadata.AdditionalFiles.RopcAnalyzersConfigurationFile = {metadata}
                """));
            return test;
        }

        [Fact]
        public Task RuleSwitchedOff_InAGlobalConfig_IsNotReported()
        {
            var test = Test("{ \"Kiosk\": { \"GrantType\": \"password\", \"Password\": {|#0:\"s3cret\"|} } }")
                .WithGlobalConfig("dotnet_diagnostic.ROPC001.severity = none");
            test.ExpectedDiagnostics.Add(Ropc008("Kiosk", 0));
            return test.RunAsync(CancellationToken.None);
        }

        // ---------------------------------------------------------------- what the compiler reports

        [Fact]
        public async Task Diagnostic_IsInTheJsonFile_AtTheValue_WithTheRulesHelpLinkAndSeverity()
        {
            const string json = "{\n  \"IdentityClients\": {\n    \"Default\": { \"GrantType\": \"password\" }\n  }\n}\n";
            var diagnostics = await AnalyzeAsync(json);

            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal("ROPC001", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Equal(Descriptors.UnapprovedRopcRequest.HelpLinkUri, diagnostic.Descriptor.HelpLinkUri);
            Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
            var span = diagnostic.Location.GetLineSpan();
            Assert.Equal("/src/appsettings.json", span.Path);
            Assert.Equal(new LinePosition(2, 30), span.StartLinePosition);
            Assert.Equal(new LinePosition(2, 40), span.EndLinePosition);
            Assert.Equal("\"password\"", json.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        }

        [Fact]
        public async Task EveryCutOfAConfigurationFile_NeverMakesTheAnalyzerThrow()
        {
            const string json = """
                { "IdentityServer": { "Clients": [ { "ClientId": "c", "AllowedGrantTypes": [ "password" ],
                  "TrustedLegacyRopc": { "Justification": "why \u0041", "Expires": "2027-06-30" } } ] },
                  /* c */ "Kiosk": { "grant_type": "password", "Password": "x", }, // end
                  "n": [ -1.5e+3, true, false, null ] }
                """;
            for (var length = 0; length <= json.Length; length += 3)
            {
                await AnalyzeAsync(json.Substring(0, length));
            }
        }

        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string json)
        {
            var compilation = CSharpCompilation.Create("Consumer", new[] { CSharpSyntaxTree.ParseText(Program) }, TestReferences.Framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var exceptions = new System.Collections.Concurrent.ConcurrentBag<System.Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/src/appsettings.json", json))),
                onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigurationFileAnalyzer()), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id is "AD0001");
            return diagnostics;
        }

        private sealed class InMemoryAdditionalText : AdditionalText
        {
            private readonly SourceText text;

            public InMemoryAdditionalText(string path, string text)
            {
                Path = path;
                this.text = SourceText.From(text);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => text;
        }
    }
}
