using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Recognition;
using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>The parts the recognizer extracts: what ROPC002, ROPC007, ROPC008, the fixes and the inventory build on.</summary>
    public class RecognizerTests
    {
        internal static IReadOnlyList<RopcRequest> Recognize(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
            var compilation = CSharpCompilation.Create(
                "Recognized",
                new[] { tree },
                TestReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));

            var model = compilation.GetSemanticModel(tree);
            var requests = new List<RopcRequest>();
            var seen = new HashSet<IOperation>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var root = model.GetOperation(node);
                if (root is null || !seen.Add(root))
                {
                    continue;
                }

                foreach (var operation in root.DescendantsAndSelf())
                {
                    seen.Add(operation);
                }
            }

            foreach (var operation in seen.OrderBy(o => o.Syntax.SpanStart))
            {
                if (RopcRecognizer.Default.TryRecognize(operation, CancellationToken.None, out var request) && requests.All(r => r.Site != operation))
                {
                    requests.Add(request);
                }
            }

            return requests;
        }

        private static string? Text(IOperation? operation) => operation?.Syntax.ToString();

        [Fact]
        public void PasswordTokenRequest_ExtractsAddressClientUserAndPassword()
        {
            var request = Assert.Single(Recognize("""
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class C
                {
                    Task<TokenResponse> M(HttpClient http, string user, string secret) => http.RequestPasswordTokenAsync(new PasswordTokenRequest
                    {
                        Address = "https://idp/connect/token", ClientId = "legacy", UserName = user, Password = secret,
                    });
                }
                """));

            Assert.Equal(RopcLibrary.IdentityModel, request.Library);
            Assert.Equal(RopcRequestKind.LibraryRequest, request.Kind);
            Assert.Equal("\"https://idp/connect/token\"", Text(request.EndpointAddress));
            Assert.Equal("\"legacy\"", Text(request.ClientId));
            Assert.Equal("user", Text(request.UserName));
            Assert.Equal("secret", Text(request.Password));
            Assert.NotNull(request.RequestObjectCreation);
        }

        [Fact]
        public void PasswordTokenRequestInLocal_ExtractsPartsFromItsCreation()
        {
            var request = Assert.Single(Recognize("""
                using System.Net.Http;
                using System.Threading.Tasks;
                using Duende.IdentityModel.Client;

                class C
                {
                    Task<TokenResponse> M(HttpClient http, string user, string secret)
                    {
                        var request = new PasswordTokenRequest { Address = "http://idp/token", UserName = user, Password = secret };
                        return http.RequestPasswordTokenAsync(request);
                    }
                }
                """));

            Assert.Equal(RopcLibrary.DuendeIdentityModel, request.Library);
            Assert.Equal("\"http://idp/token\"", Text(request.EndpointAddress));
            Assert.Equal("secret", Text(request.Password));
        }

        [Fact]
        public void TokenClient_ExtractsAddressFromItsOptionsAndPasswordFromTheCall()
        {
            var request = Assert.Single(Recognize("""
                using System.Net.Http;
                using System.Threading.Tasks;
                using IdentityModel.Client;

                class C
                {
                    Task<TokenResponse> M(HttpClient http, string user, string secret)
                    {
                        var client = new TokenClient(http, new TokenClientOptions { Address = "https://idp/token", ClientId = "app" });
                        return client.RequestPasswordTokenAsync(user, secret);
                    }
                }
                """));

            Assert.Equal("\"https://idp/token\"", Text(request.EndpointAddress));
            Assert.Equal("\"app\"", Text(request.ClientId));
            Assert.Equal("user", Text(request.UserName));
            Assert.Equal("secret", Text(request.Password));
        }

        [Theory]
        [InlineData("app.AcquireTokenByUsernamePassword(new[] { \"s\" }, user, secret)", RopcLibrary.Msal)]
        [InlineData("new Azure.Identity.UsernamePasswordCredential(user, secret, \"tenant\", \"app\")", RopcLibrary.AzureIdentity)]
        [InlineData("new Microsoft.IdentityModel.Clients.ActiveDirectory.UserPasswordCredential(user, secret)", RopcLibrary.Adal)]
        public void LibraryCalls_ExtractUserAndPasswordFromParameters(string call, RopcLibrary library)
        {
            var request = Assert.Single(Recognize($$"""
                using Microsoft.Identity.Client;

                class C
                {
                    object M(IPublicClientApplication app, string user, string secret) => {{call}};
                }
                """));

            Assert.Equal(library, request.Library);
            Assert.Equal("user", Text(request.UserName));
            Assert.Equal("secret", Text(request.Password));
        }

        [Theory]
        [InlineData("new Dictionary<string, string> { { \"grant_type\", \"password\" }, { \"username\", user }, { \"password\", secret }, { \"client_id\", \"app\" } }")]
        [InlineData("new Dictionary<string, string> { [\"grant_type\"] = \"password\", [\"username\"] = user, [\"password\"] = secret, [\"client_id\"] = \"app\" }")]
        [InlineData("new[] { new KeyValuePair<string, string>(\"grant_type\", \"password\"), new(\"username\", user), new(\"password\", secret), new(\"client_id\", \"app\") }")]
        [InlineData("new List<KeyValuePair<string, string>> { new(\"grant_type\", \"password\"), new(\"username\", user), new(\"password\", secret), new(\"client_id\", \"app\") }")]
        [InlineData("new { grant_type = \"password\", username = user, password = secret, client_id = \"app\" }")]
        public void FormFields_ExtractSiblingFields(string form)
        {
            var request = Assert.Single(Recognize($$"""
                using System.Collections.Generic;

                class C
                {
                    object M(string user, string secret) => {{form}};
                }
                """));

            Assert.Equal(RopcLibrary.HandWrittenHttp, request.Library);
            Assert.Equal(RopcRequestKind.FormField, request.Kind);
            Assert.Equal("user", Text(request.UserName));
            Assert.EndsWith("secret", Text(request.Password));
            Assert.Equal("\"app\"", Text(request.ClientId));
        }

        [Fact]
        public void FormFieldsAddedInSeparateStatements_ExtractSiblingFields()
        {
            var request = Assert.Single(Recognize("""
                using System.Collections.Generic;

                class C
                {
                    Dictionary<string, string> M(string user, string secret)
                    {
                        var form = new Dictionary<string, string>();
                        form.Add("grant_type", "password");
                        form.Add("username", user);
                        form["password"] = secret;
                        return form;
                    }
                }
                """));

            Assert.Equal("user", Text(request.UserName));
            Assert.Equal("secret", Text(request.Password));
        }

        [Fact]
        public void RestSharpChain_ExtractsFieldsFromTheWholeChain()
        {
            var request = Assert.Single(Recognize("""
                using RestSharp;

                class C
                {
                    RestRequest M(string user, string secret) => new RestRequest("token", Method.Post)
                        .AddParameter("username", user)
                        .AddParameter("grant_type", "password")
                        .AddParameter("password", secret);
                }
                """));

            Assert.Equal("user", Text(request.UserName));
            Assert.Equal("secret", Text(request.Password));
        }

        [Fact]
        public void CollectionExpression_ExtractsSiblingFields()
        {
            var request = Assert.Single(Recognize("""
                using System.Collections.Generic;

                class C
                {
                    KeyValuePair<string, string>[] M(string user, string secret) =>
                        [new("grant_type", "password"), new("username", user), new("password", secret)];
                }
                """));

            Assert.Equal("user", Text(request.UserName));
            Assert.Equal("secret", Text(request.Password));
        }

        [Theory]
        [InlineData("$\"grant_type=password&username={user}&password={secret}\"", "secret")]
        [InlineData("\"grant_type=password&username=\" + user + \"&password=\" + secret", "secret")]
        [InlineData("$\"grant_type=password&username={Uri.EscapeDataString(user)}&password={Uri.EscapeDataString(secret)}\"", "Uri.EscapeDataString(secret)")]
        [InlineData("string.Format(\"grant_type=password&username={0}&password={1}\", user, secret)", "secret")]
        public void StringBodies_ExtractThePasswordOperation(string body, string password)
        {
            var request = Assert.Single(Recognize($$"""
                using System;

                class C
                {
                    string M(string user, string secret) => {{body}};
                }
                """));

            Assert.Equal(password, Text(request.Password));
            Assert.Null(request.HardCodedPasswordText);
        }

        [Fact]
        public void StringBodyWithLiteralPassword_RecordsTheHardCodedText()
        {
            var request = Assert.Single(Recognize("""
                class C
                {
                    string M() => "grant_type=password&username=admin&password=hunter2&client_id=cid";
                }
                """));

            Assert.Equal("hunter2", request.HardCodedPasswordText);
            Assert.Null(request.Password);
        }

        [Fact]
        public void NothingIsRecognised_InCodeWithoutRopc()
        {
            Assert.Empty(Recognize("""
                using System.Collections.Generic;
                using System.Net.Http;

                class C
                {
                    HttpContent M(string code, string verifier) => new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier, ["password"] = "not a grant",
                    });
                }
                """));
        }
    }
}
