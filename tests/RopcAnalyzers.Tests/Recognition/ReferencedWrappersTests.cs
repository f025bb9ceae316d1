using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RopcAnalyzers.Recognition;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>
    /// A recognizer seeded with the wrappers of the compilations it references (<see cref="RopcWrapperExports"/>), as
    /// ropc-inventory uses it across the projects of a solution: a call of another project's wrapper is a wrapper call
    /// whose chain continues into that project, and it names the request it reaches. Unseeded (the analyzers), such a
    /// call is nothing.
    /// </summary>
    public class ReferencedWrappersTests
    {
        private const string AuthHelper = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Contoso.Auth
            {
                public static class AuthHelper
                {
                    private static readonly HttpClient Http = new HttpClient();

                    public static Task<HttpResponseMessage> GetTokenAsync(string url, string user, string pwd)
                        => Http.PostAsync(url + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            { "grant_type", "password" },
                            { "username", user },
                            { "password", pwd },
                        }));

                    public static string Mask(string user, string password) => user + new string('*', password.Length);
                }
            }
            """;

        /// <summary>A token client whose grant type is its caller's choice (an open grant).</summary>
        private const string OpenGrantTokenClient = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class TokenClient
            {
                private static readonly HttpClient Http = new HttpClient();

                public static Task<HttpResponseMessage> RequestAsync(string grantType, string user, string pwd)
                    => Http.PostAsync("https://idp.contoso.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = grantType,
                        ["username"] = user,
                        ["password"] = pwd,
                    }));
            }

            """;

        private const string Session = """
            using System.Net.Http;
            using System.Threading.Tasks;
            using Contoso.Auth;

            namespace Contoso.App
            {
                public sealed class Session
                {
                    private readonly string _password;

                    public Session(string password) => _password = password;

                    public Task<HttpResponseMessage> RenewAsync() => AuthHelper.GetTokenAsync("https://idp.contoso.com", "bob", _password);

                    public string Shown() => AuthHelper.Mask("bob", _password);
                }
            }
            """;

        private static CSharpCompilation Compile(string name, string source, params MetadataReference[] references)
        {
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: name + ".cs") },
                TestReferences.Framework.Concat(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            return compilation;
        }

        private static MetadataReference Image(Compilation compilation)
        {
            using var stream = new System.IO.MemoryStream();
            Assert.True(compilation.Emit(stream).Success);
            return MetadataReference.CreateFromImage(stream.ToArray());
        }

        /// <summary>What the recognizer makes of the call whose text is <paramref name="callText"/>, or null.</summary>
        private static RopcRequest? RecognizeCall(Compilation compilation, RopcRecognizer recognizer, string callText)
        {
            var tree = compilation.SyntaxTrees.Single();
            var call = tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>().Single(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax && node.ToString() == callText);
            var operation = compilation.GetSemanticModel(tree).GetOperation(call)!;
            return recognizer.TryRecognize(operation, CancellationToken.None, out var request) ? request : null;
        }

        private static string TextAt(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);

        public static IEnumerable<object[]> ReferenceKinds() => new[] { new object[] { "compilation" }, new object[] { "metadata" } };

        [Theory]
        [MemberData(nameof(ReferenceKinds))]
        public void CallOfAReferencedProjectsWrapper_IsAWrapperCall_WithTheChainIntoThatProject(string referenceKind)
        {
            var lib = Compile("Lib", AuthHelper);
            var exports = RopcRecognizer.Create(null, lib).ExportWrappers(CancellationToken.None);
            Assert.Equal(1, exports.Count);

            var app = Compile("App", Session, referenceKind == "compilation" ? lib.ToMetadataReference() : Image(lib));
            var request = RecognizeCall(app, RopcRecognizer.Create(null, app, exports), "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)");

            Assert.NotNull(request);
            Assert.Equal(RopcRequestKind.WrapperCall, request!.Kind);
            Assert.Equal(RopcLibrary.HandWrittenHttp, request.Library);
            Assert.Equal("Session.RenewAsync → AuthHelper.GetTokenAsync → form field grant_type=password", request.Description);
            Assert.Equal("_password", request.Password?.Syntax.ToString());
            Assert.Equal("\"https://idp.contoso.com\"", request.EndpointAddress?.Syntax.ToString());

            // The request is in Lib's tree, where the analysis of Lib reports it.
            var reached = request.ReachedRequestLocation;
            Assert.NotNull(reached);
            Assert.Same(lib.SyntaxTrees.Single(), reached!.SourceTree);
            Assert.Equal("{ \"grant_type\", \"password\" }", TextAt(reached));
            Assert.Equal(reached, request.ChainLocations.Last());
        }

        [Fact]
        public void WithoutTheReferencedWrappers_TheCallIsNothing()
        {
            var lib = Compile("Lib", AuthHelper);
            var app = Compile("App", Session, lib.ToMetadataReference());

            Assert.Null(RecognizeCall(app, RopcRecognizer.Create(null, app), "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)"));
            Assert.Equal(0, RopcRecognizer.Create(null, app).ExportWrappers(CancellationToken.None).Count);
        }

        [Fact]
        public void HelperThatTakesAPasswordButReachesNoRequest_IsNotExported_NorItsCallAWrapperCall()
        {
            var lib = Compile("Lib", AuthHelper);
            var exports = RopcRecognizer.Create(null, lib).ExportWrappers(CancellationToken.None);
            var app = Compile("App", Session, lib.ToMetadataReference());

            Assert.Null(RecognizeCall(app, RopcRecognizer.Create(null, app, exports), "AuthHelper.Mask(\"bob\", _password)"));
        }

        [Fact]
        public void ReferencedWrappers_AreExportedAgain_SoAThirdProjectSeesTheWholeChain()
        {
            var lib = Compile("Lib", AuthHelper);
            var app = Compile("App", Session, lib.ToMetadataReference());
            var appExports = RopcRecognizer.Create(null, app, RopcRecognizer.Create(null, lib).ExportWrappers(CancellationToken.None)).ExportWrappers(CancellationToken.None);

            // Lib's GetTokenAsync, and App's constructor that keeps what RenewAsync sends.
            Assert.Equal(2, appExports.Count);
            var host = Compile("Host", """
                namespace Contoso.Host
                {
                    public static class Start
                    {
                        public static Contoso.App.Session Open(string password) => new Contoso.App.Session(password);
                    }
                }
                """, lib.ToMetadataReference(), app.ToMetadataReference());
            var request = RecognizeCall(host, RopcRecognizer.Create(null, host, appExports), "new Contoso.App.Session(password)");

            Assert.NotNull(request);
            Assert.Equal(RopcRequestKind.WrapperCall, request!.Kind);
            Assert.Equal("Start.Open → new Session → Session.RenewAsync → AuthHelper.GetTokenAsync → form field grant_type=password", request.Description);
            Assert.Equal("{ \"grant_type\", \"password\" }", TextAt(request.ReachedRequestLocation!));
            Assert.Equal(2, request.ChainLocations.Length);
        }

        [Fact]
        public void ExportsOfAnAssemblyTheCompilationDoesNotReference_AreIgnored()
        {
            var lib = Compile("Lib", AuthHelper);
            var exports = RopcRecognizer.Create(null, lib).ExportWrappers(CancellationToken.None);

            // Same namespace, type and method, compiled into another assembly: not the exported wrapper.
            var copy = Compile("Copy", AuthHelper.Replace("{ \"grant_type\", \"password\" }", "{ \"grant_type\", \"client_credentials\" }", System.StringComparison.Ordinal));
            var app = Compile("App", Session, copy.ToMetadataReference());

            Assert.Null(RecognizeCall(app, RopcRecognizer.Create(null, app, exports), "AuthHelper.GetTokenAsync(\"https://idp.contoso.com\", \"bob\", _password)"));
        }

        [Fact]
        public void CallOfAWrapperWhoseChainPicksThePasswordGrant_ReachesThatCall_NotTheOpenForm()
        {
            var compilation = Compile("Single", OpenGrantTokenClient + """
                public static class Login
                {
                    public static Task<HttpResponseMessage> SignInAsync(string user, string pwd) => TokenClient.RequestAsync("password", user, pwd);

                    public static Task<HttpResponseMessage> RefreshAsync(string token) => TokenClient.RequestAsync("refresh_token", token, "");
                }

                public static class Page
                {
                    public static Task<HttpResponseMessage> SubmitAsync(string user, string pwd) => Login.SignInAsync(user, pwd);
                }
                """);
            var recognizer = RopcRecognizer.Create(null, compilation);

            var site = RecognizeCall(compilation, recognizer, "TokenClient.RequestAsync(\"password\", user, pwd)");
            Assert.Equal(RopcRequestKind.FormField, site!.Kind);
            Assert.Null(site.ReachedRequestLocation);

            var call = RecognizeCall(compilation, recognizer, "Login.SignInAsync(user, pwd)");
            Assert.Equal(RopcRequestKind.WrapperCall, call!.Kind);
            Assert.Equal(site.Location, call.ReachedRequestLocation);
            Assert.Equal("[\"grant_type\"] = grantType", TextAt(call.ChainLocations.Last()));
        }

        [Fact]
        public void WrapperWhoseCallerChoosesTheGrant_IsNotExported_SoNoOtherProjectGainsARequest()
        {
            var lib = Compile("Lib", OpenGrantTokenClient + """
                public static class Refresh
                {
                    public static Task<HttpResponseMessage> RefreshAsync(string token) => TokenClient.RequestAsync("refresh_token", token, "");
                }
                """);
            var exports = RopcRecognizer.Create(null, lib).ExportWrappers(CancellationToken.None);
            Assert.Equal(0, exports.Count);

            var app = Compile("App", """
                public static class Login
                {
                    public static System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SignInAsync(string user, string pwd) => TokenClient.RequestAsync("password", user, pwd);
                }
                """, lib.ToMetadataReference());
            Assert.Null(RecognizeCall(app, RopcRecognizer.Create(null, app, exports), "TokenClient.RequestAsync(\"password\", user, pwd)"));
        }

        [Fact]
        public void Combine_KeepsEachWrapperOnce_AndEmptyStaysEmpty()
        {
            var lib = Compile("Lib", AuthHelper);
            var exports = RopcRecognizer.Create(null, lib).ExportWrappers(CancellationToken.None);

            Assert.Equal(1, RopcWrapperExports.Combine(new[] { exports, RopcWrapperExports.Empty, exports }).Count);
            Assert.Same(RopcWrapperExports.Empty, RopcWrapperExports.Combine(new[] { RopcWrapperExports.Empty }));
            Assert.Same(RopcWrapperExports.Empty, RopcWrapperExports.Combine(null!));
            Assert.Equal(0, RopcRecognizer.Default.ExportWrappers(CancellationToken.None).Count);
        }
    }
}
