using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Meta
{
    /// <summary>Half-typed and wrong code, as the IDE sees it between keystrokes: no analyzer may throw (AD0001).</summary>
    public class BrokenCodeTests
    {
        public static TheoryData<string> BrokenSources() => new()
        {
            // Half-typed requests and bodies.
            "using IdentityModel.Client; class C { object M(System.Net.Http.HttpClient h) => h.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = ",
            "class C { string M() => \"grant_type=password&password=\" + ; }",
            "using System.Collections.Generic; class C { object M() => new Dictionary<string, string> { { \"grant_type\", }, { \"password\" } }; }",
            "class C { void M(System.Net.Http.HttpClient h) { var form = new Undefined { [\"grant_type\"] = \"password\" }; h.PostAsync(Missing, form); } }",
            "class C { void M(System.Net.WebClient w) { w.UploadValues(\"http://idp/token\", new System.Collections.Specialized.NameValueCollection { { \"grant_type\", \"password\" } }, 42); } }",
            // Half-typed approvals.
            "using RopcAnalyzers; class C { [TrustedLegacyRopc( void M() { } }",
            "using RopcAnalyzers; class C { [TrustedLegacyRopc(\"x\", Expires = ] void M() { } }",
            "using RopcAnalyzers; class C { [TrustedLegacyRopc(42, Expires = 2027)] void M() { } }",
            "using RopcAnalyzers; [TrustedLegacyRopc(\"x\")] partial class C { partial void M(); } partial class C { [TrustedLegacyRopc(\"y\")] partial void M() { } }",
            "using RopcAnalyzers; [TrustedLegacyRopc(\"x\")] class C : Missing { C() : base(\"grant_type=password&u=1\") { } }",
            "using RopcAnalyzers; [TrustedLegacyRopc(\"x\")] class C { [TrustedLegacyRopc(\"x\")] [TrustedLegacyRopc(\"y\")] string M() => \"grant_type=password&u=1\"; }",
            // Half-typed server code.
            "class C { bool M(Undefined request) => request.GrantType == \"password\" && request.IsPasswordGrantType(); }",
            "class C { string M(string grantType) { switch (grantType) { case \"password\" } } }",
            "class C : Microsoft.Owin.Security.OAuth.OAuthAuthorizationServerProvider { public override System.Threading.Tasks.Task GrantResourceOwnerCredentials( }",
            "class C { object M() => new IdentityServer4.Models.Client { AllowedGrantTypes = { \"password\" } }; }",
            "[assembly: RopcAnalyzers.TrustedLegacyRopc(] class C { }",
        };

        [Theory]
        [MemberData(nameof(BrokenSources))]
        public async Task EveryAnalyzer_OnBrokenCode_DoesNotThrow(string source)
        {
            var compilation = CSharpCompilation.Create(
                "Broken",
                new[]
                {
                    CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Broken.cs"),
                    CSharpSyntaxTree.ParseText(ShippedSources.TrustedLegacyRopcAttribute, new CSharpParseOptions(LanguageVersion.Latest), path: "TrustedLegacyRopcAttribute.cs"),
                },
                TestReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var exceptions = new ConcurrentBag<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(RuleCatalog.Analyzers.ToImmutableArray(), options);

            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id is "AD0001" or "AD0002");
        }
    }
}
