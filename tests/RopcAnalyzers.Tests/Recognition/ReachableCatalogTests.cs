using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RopcAnalyzers.Recognition;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>What the recognizer of one compilation looks for: only the APIs that compilation can call.</summary>
    public class ReachableCatalogTests
    {
        private static CSharpCompilation Compile(string source, IEnumerable<MetadataReference> references)
            => CSharpCompilation.Create("Reachable", new[] { CSharpSyntaxTree.ParseText(source) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        private static string[] Libraries(Compilation compilation)
            => RopcRecognizer.Create(options: null, compilation).Catalog.All.Select(api => api.LibraryDisplayName).Distinct().OrderBy(name => name, System.StringComparer.Ordinal).ToArray();

        [Fact]
        public void WithoutOAuthLibraries_NoApiIsLookedUp()
            => Assert.Empty(Libraries(Compile("class C { }", TestReferences.Framework)));

        [Fact]
        public void WithAllTestPackages_EveryReferencedLibraryIsKept_AndVendorsThatAreNotReferencedAreDropped()
        {
            var libraries = Libraries(Compile("class C { }", TestReferences.All));
            Assert.Contains("IdentityModel", libraries);
            Assert.Contains("Duende.IdentityModel", libraries);
            Assert.Contains("MSAL", libraries);
            Assert.Contains("ADAL", libraries);
            Assert.Contains("Azure.Identity", libraries);
            Assert.DoesNotContain("Salesforce", libraries);
            Assert.DoesNotContain("Tizen", libraries);
        }

        [Fact]
        public void NamespaceDeclaredInSource_KeepsItsApis()
        {
            // A vendor stand-in (or the library's own source) declares the namespace: its catalogued members stay.
            var libraries = Libraries(Compile("namespace Salesforce.Common { public class AuthenticationClient { } }", TestReferences.Framework));
            Assert.Equal(new[] { "Salesforce" }, libraries);
        }

        [Fact]
        public void ConfiguredApi_InANamespaceThatDoesNotExist_IsDropped_AndInOneThatDoes_IsKept()
        {
            var catalog = RopcApiCatalog.Default.WithConfiguredApis(new[] { "MyCompany.Auth.LegacyLogin.SignIn", "Nowhere.Else.Login.SignIn" });
            var reachable = catalog.ReachableFrom(Compile("namespace MyCompany.Auth { class LegacyLogin { } }", TestReferences.Framework));
            var configured = Assert.Single(reachable.All);
            Assert.Equal("MyCompany.Auth", configured.Namespace);
        }

        [Theory]
        [InlineData("", false)]
        [InlineData("namespace IdentityServer4.Models { class GrantTypes { } }", true)]
        [InlineData("namespace Duende.IdentityServer.Models { class GrantTypes { } }", true)]
        [InlineData("namespace IdentityServer4 { class Other { } }", false)]
        public void ServerPropertyReferences_AreRegisteredOnlyWithIdentityServerModels(string source, bool registered)
        {
            var kinds = ServerPasswordGrantRecognizer.SiteOperationKindsFor(Compile(source, TestReferences.Framework));
            Assert.Equal(registered, kinds.Contains(OperationKind.PropertyReference));
            Assert.Contains(OperationKind.Binary, kinds);
        }
    }
}
