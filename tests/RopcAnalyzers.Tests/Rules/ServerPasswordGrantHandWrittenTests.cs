using Microsoft.CodeAnalysis.Testing;

using RopcAnalyzers.Tests.Infrastructure;

namespace RopcAnalyzers.Tests.Rules
{
    /// <summary>
    /// ROPC009 on hand-written token endpoints whose form is not string-typed: ASP.NET Core's IFormCollection
    /// (StringValues), System.Web's and OWIN's NameValueCollection-like forms, JSON bodies read into
    /// Dictionary&lt;string, object&gt;, and bound request models. Each case is a controller or handler with the
    /// model and the service it calls in files of their own.
    /// </summary>
    public class ServerPasswordGrantHandWrittenTests
    {
        private const string EndpointBranch = "A token endpoint that branches on grant_type \"password\"";

        /// <summary>
        /// Stand-ins for ASP.NET Core (the test compilations see only the .NET runtime and the OAuth packages): the same
        /// namespaces and member shapes, reduced to what the tests use. StringValues is the real Microsoft.Extensions.Primitives type.
        /// </summary>
        private const string AspNetCoreStandIns = """
            namespace Microsoft.AspNetCore.Http
            {
                using Microsoft.Extensions.Primitives;

                public interface IFormCollection : System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, StringValues>>
                {
                    StringValues this[string key] { get; }
                    bool ContainsKey(string key);
                    bool TryGetValue(string key, out StringValues value);
                }

                public abstract class HttpRequest
                {
                    public abstract IFormCollection Form { get; set; }
                    public abstract bool HasFormContentType { get; }
                    public abstract System.Threading.Tasks.Task<IFormCollection> ReadFormAsync(System.Threading.CancellationToken cancellationToken = default);
                }

                public abstract class HttpContext { public abstract HttpRequest Request { get; } }

                public interface IResult { }

                public static class Results
                {
                    public static IResult Ok(object? value = null) => null!;
                    public static IResult BadRequest(object? error = null) => null!;
                }
            }

            namespace Microsoft.AspNetCore.Mvc
            {
                public interface IActionResult { }

                public abstract class ControllerBase
                {
                    public Microsoft.AspNetCore.Http.HttpContext HttpContext { get; set; } = null!;
                    public Microsoft.AspNetCore.Http.HttpRequest Request => HttpContext.Request;
                    public IActionResult Ok(object? value) => null!;
                    public IActionResult BadRequest(object? error) => null!;
                }

                [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class ApiControllerAttribute : System.Attribute { }
                [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class HttpPostAttribute : System.Attribute { public HttpPostAttribute(string template) { } }
                [System.AttributeUsage(System.AttributeTargets.Parameter | System.AttributeTargets.Property)] public sealed class FromFormAttribute : System.Attribute { public string? Name { get; set; } }
                [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class FromBodyAttribute : System.Attribute { }
            }

            namespace Microsoft.AspNetCore.Builder
            {
                public interface IEndpointRouteBuilder { }

                public static class EndpointRouteBuilderExtensions
                {
                    public static object MapPost(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
                }
            }
            """;

        /// <summary>Stand-ins for System.Web (an .ashx handler) and Microsoft.Owin (a middleware that reads the form).</summary>
        private const string SystemWebAndOwinStandIns = """
            namespace System.Web
            {
                public interface IHttpHandler
                {
                    bool IsReusable { get; }
                    void ProcessRequest(HttpContext context);
                }

                public sealed class HttpContext
                {
                    public HttpRequest Request { get; } = new HttpRequest();
                    public HttpResponse Response { get; } = new HttpResponse();
                }

                public sealed class HttpRequest
                {
                    public System.Collections.Specialized.NameValueCollection Form { get; } = new System.Collections.Specialized.NameValueCollection();
                    public System.Collections.Specialized.NameValueCollection Params { get; } = new System.Collections.Specialized.NameValueCollection();
                }

                public sealed class HttpResponse
                {
                    public int StatusCode { get; set; }
                    public void Write(string text) { }
                }
            }

            namespace Microsoft.Owin
            {
                public interface IReadableStringCollection
                {
                    string? this[string key] { get; }
                    string? Get(string key);
                    System.Collections.Generic.IList<string>? GetValues(string key);
                }

                public interface IFormCollection : IReadableStringCollection { }

                public interface IOwinRequest { System.Threading.Tasks.Task<IFormCollection> ReadFormAsync(); }

                public interface IOwinResponse { int StatusCode { get; set; } System.Threading.Tasks.Task WriteAsync(string text); }

                public interface IOwinContext
                {
                    IOwinRequest Request { get; }
                    IOwinResponse Response { get; }
                }
            }
            """;

        private const string TokenIssuer = """
            using System;
            using System.Threading.Tasks;

            namespace Contoso.Identity
            {
                public sealed record AppUser(string Name);

                public sealed class TokenIssuer
                {
                    public Task<AppUser?> SignInAsync(string? userName, string? password)
                        => Task.FromResult(userName is null || password is null ? null : new AppUser(userName));

                    public AppUser? SignIn(string? userName, string? password) => userName is null || password is null ? null : new AppUser(userName);

                    public object Issue(AppUser user) => new { access_token = Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 3600, sub = user.Name };

                    public object Refresh(string? refreshToken) => new { access_token = refreshToken ?? string.Empty, token_type = "Bearer" };
                }
            }
            """;

        private static DiagnosticResult Ropc009(int location = 0)
            => new DiagnosticResult(Descriptors.ServerEnablesPasswordGrant).WithLocation(location).WithArguments(EndpointBranch);

        /// <summary>The endpoint in Test0.cs, the service and stand-ins in files of their own, and <paramref name="more"/> files.</summary>
        private static Task VerifyAsync(string endpoint, string standIns, (string Name, string Source)[] more, params DiagnosticResult[] expected)
        {
            var test = new RuleTest(RuleIdentifiers.ServerEnablesPasswordGrant, endpoint);
            test.TestState.Sources.Add(("TokenIssuer.cs", TokenIssuer));
            test.TestState.Sources.Add(("StandIns.cs", standIns));
            foreach (var file in more)
            {
                test.TestState.Sources.Add(file);
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(System.Threading.CancellationToken.None);
        }

        /// <summary>An ASP.NET Core token controller that signs the user in with <paramref name="credentials"/> when <paramref name="condition"/> holds.</summary>
        private static string TokenController(string parameters, string condition, string credentials) => $$"""
            using System;
            using System.Collections.Generic;
            using Contoso.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Primitives;

            namespace Contoso.Identity.Controllers
            {
                [ApiController]
                public sealed class TokenController : ControllerBase
                {
                    private readonly TokenIssuer issuer;

                    public TokenController(TokenIssuer issuer) => this.issuer = issuer;

                    [HttpPost("connect/token")]
                    public IActionResult Exchange({{parameters}})
                    {
                        if ({{condition}})
                        {
                            var user = issuer.SignIn({{credentials}});
                            return user is null ? BadRequest(new { error = "invalid_grant" }) : Ok(issuer.Issue(user));
                        }

                        return BadRequest(new { error = "unsupported_grant_type" });
                    }
                }
            }
            """;

        // ---------------------------------------------------------------- ASP.NET Core: Request.Form is an IFormCollection of StringValues

        [Theory]
        [InlineData("{|#0:Request.Form[\"grant_type\"] == \"password\"|}")]
        [InlineData("{|#0:\"password\" == Request.Form[\"grant_type\"]|}")]
        [InlineData("{|#0:Request.Form[\"grant_type\"].Equals(\"password\")|}")]
        [InlineData("{|#0:StringValues.Equals(Request.Form[\"grant_type\"], \"password\")|}")]
        [InlineData("{|#0:Request.Form[\"grant_type\"].ToString() == \"password\"|}")]
        [InlineData("{|#0:Request.Form[\"grant_type\"][0] == \"password\"|}")]
        [InlineData("{|#0:string.Equals(Request.Form[\"grant_type\"], \"password\", StringComparison.Ordinal)|}")]
        [InlineData("{|#0:string.Compare(Request.Form[\"grant_type\"], \"password\", StringComparison.OrdinalIgnoreCase) == 0|}")]
        [InlineData("{|#0:StringComparer.OrdinalIgnoreCase.Equals(Request.Form[\"grant_type\"], \"password\")|}")]
        [InlineData("{|#0:(string?)Request.Form[\"grant_type\"] is \"password\"|}")]
        [InlineData("{|#0:Request.Form[\"grant_type\"] == \"http://auth0.com/oauth/grant-type/password-realm\"|}")]
        [InlineData("Request.Form.TryGetValue(\"grant_type\", out var grant) && {|#0:grant == \"password\"|}")]
        public Task AspNetCoreController_FormGrantComparedWithPassword_IsReported(string condition)
            => VerifyAsync(TokenController(string.Empty, condition, "Request.Form[\"username\"], Request.Form[\"password\"]"), AspNetCoreStandIns, [], Ropc009());

        /// <summary>The grant read into a local first, under its own name or another.</summary>
        [Fact]
        public Task AspNetCoreEndpoints_GrantReadIntoALocalFirst_AreReported() => VerifyAsync("""
            using System.Threading.Tasks;
            using Contoso.Identity;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace Contoso.Identity.Controllers
            {
                public sealed class TokenController : ControllerBase
                {
                    private readonly TokenIssuer issuer;

                    public TokenController(TokenIssuer issuer) => this.issuer = issuer;

                    [HttpPost("oauth/token")]
                    public IActionResult Token()
                    {
                        var grant = Request.Form["grant_type"];
                        if ({|#0:grant == "password"|})
                        {
                            var user = issuer.SignIn(Request.Form["username"], Request.Form["password"]);
                            return user is null ? BadRequest(new { error = "invalid_grant" }) : Ok(issuer.Issue(user));
                        }

                        string? requested = null;
                        if (Request.HasFormContentType)
                        {
                            requested = Request.Form["grant_type"].ToString();
                        }

                        switch (requested)
                        {
                            {|#1:case "password":|}
                                return BadRequest(new { error = "invalid_request" });
                            case "refresh_token":
                                return Ok(issuer.Refresh(Request.Form["refresh_token"]));
                            default:
                                return BadRequest(new { error = "unsupported_grant_type" });
                        }
                    }
                }

                public static class TokenEndpoint
                {
                    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/connect/token", async (HttpContext context, TokenIssuer issuer) =>
                    {
                        var form = await context.Request.ReadFormAsync();
                        var grantType = form["grant_type"];
                        return grantType.ToString() switch
                        {
                            {|#2:"password"|} => issuer.SignIn(form["username"], form["password"]) is { } user ? Results.Ok(issuer.Issue(user)) : Results.BadRequest(new { error = "invalid_grant" }),
                            "refresh_token" => Results.Ok(issuer.Refresh(form["refresh_token"])),
                            _ => Results.BadRequest(new { error = "unsupported_grant_type" }),
                        };
                    });
                }
            }
            """, AspNetCoreStandIns, [], Ropc009(0), Ropc009(1), Ropc009(2));

        // ---------------------------------------------------------------- Bound request models

        private const string TokenRequestModel = """
            using Microsoft.AspNetCore.Mvc;

            namespace Contoso.Identity.Models
            {
                public sealed class TokenRequest
                {
                    [FromForm(Name = "grant_type")]
                    public string GrantType { get; set; } = string.Empty;

                    [FromForm(Name = "username")]
                    public string? Username { get; set; }

                    [FromForm(Name = "password")]
                    public string? Password { get; set; }

                    [FromForm(Name = "refresh_token")]
                    public string? RefreshToken { get; set; }
                }

                /// <summary>A model whose property is not named after the key it is bound to.</summary>
                public sealed class AccessTokenRequest
                {
                    [FromForm(Name = "grant_type")]
                    public string Grant { get; set; } = string.Empty;

                    [System.Text.Json.Serialization.JsonPropertyName("username")]
                    public string? User { get; set; }

                    public string? Password { get; set; }
                }
            }
            """;

        [Fact]
        public Task BoundModels_GrantTypeComparedWithPassword_AreReported() => VerifyAsync("""
            using System;
            using Contoso.Identity;
            using Contoso.Identity.Models;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            namespace Contoso.Identity.Controllers
            {
                public sealed class TokenController : ControllerBase
                {
                    private readonly TokenIssuer issuer;

                    public TokenController(TokenIssuer issuer) => this.issuer = issuer;

                    [HttpPost("connect/token")]
                    public IActionResult Token([FromForm] TokenRequest request)
                    {
                        switch (request.GrantType)
                        {
                            {|#0:case "password":|}
                                var user = issuer.SignIn(request.Username, request.Password);
                                return user is null ? BadRequest(new { error = "invalid_grant" }) : Ok(issuer.Issue(user));
                            case "refresh_token":
                                return Ok(issuer.Refresh(request.RefreshToken));
                            default:
                                return BadRequest(new { error = "unsupported_grant_type" });
                        }
                    }

                    [HttpPost("oauth/access_token")]
                    public IActionResult Access([FromForm] AccessTokenRequest request)
                        => {|#1:string.Equals(request.Grant, "password", StringComparison.OrdinalIgnoreCase)|} && issuer.SignIn(request.User, request.Password) is { } user
                            ? Ok(issuer.Issue(user))
                            : BadRequest(new { error = "unsupported_grant_type" });
                }

                public static class MinimalTokenEndpoint
                {
                    public static void Map(IEndpointRouteBuilder app)
                    {
                        app.MapPost("/token", ([FromForm] TokenRequest request, TokenIssuer issuer) =>
                            {|#2:request.GrantType != "password"|}
                                ? Results.BadRequest(new { error = "unsupported_grant_type" })
                                : Results.Ok(issuer.SignIn(request.Username, request.Password)));

                        app.MapPost("/token/legacy", ([FromForm(Name = "grant_type")] string grant, [FromForm] string? username, [FromForm] string? password, TokenIssuer issuer) =>
                            {|#3:grant is "password"|} && issuer.SignIn(username, password) is { } user ? Results.Ok(issuer.Issue(user)) : Results.BadRequest());
                    }
                }
            }
            """, AspNetCoreStandIns, [("TokenRequest.cs", TokenRequestModel)], Ropc009(0), Ropc009(1), Ropc009(2), Ropc009(3));

        // ---------------------------------------------------------------- JSON bodies read into Dictionary<string, object>

        [Theory]
        [InlineData("Dictionary<string, object>", "{|#0:body[\"grant_type\"] == \"password\"|}")]
        [InlineData("Dictionary<string, object>", "{|#0:body[\"grant_type\"].Equals(\"password\")|}")]
        [InlineData("Dictionary<string, object>", "{|#0:Equals(body[\"grant_type\"], \"password\")|}")]
        [InlineData("Dictionary<string, object>", "{|#0:body[\"grant_type\"] is \"password\"|}")]
        [InlineData("Dictionary<string, object>", "{|#0:body[\"grant_type\"]?.ToString() == \"password\"|}")]
        [InlineData("IDictionary<string, object>", "{|#0:Convert.ToString(body[\"grant_type\"]) == \"password\"|}")]
        [InlineData("IDictionary<string, object>", "{|#0:(string)body[\"grant_type\"] == \"password\"|}")]
        [InlineData("IDictionary<string, object>", "{|#0:body[\"grant_type\"] as string == \"password\"|}")]
        [InlineData("IDictionary<string, object>", "body.TryGetValue(\"grant_type\", out var grant) && {|#0:grant is \"password\"|}")]
        [InlineData("IReadOnlyDictionary<string, object>", "{|#0:\"password\".Equals(body[\"grant_type\"])|}")]
        public Task JsonBodyDictionary_GrantComparedWithPassword_IsReported(string dictionary, string condition)
            => VerifyAsync(TokenController($"[FromBody] {dictionary} body", condition, "body[\"username\"] as string, body[\"password\"] as string"), AspNetCoreStandIns, [], Ropc009());

        [Fact]
        public Task JsonBodyDictionary_SwitchOnTheGrant_ReportsThePasswordCase() => VerifyAsync("""
            using System.Collections.Generic;
            using Contoso.Identity;
            using Microsoft.AspNetCore.Mvc;

            namespace Contoso.Identity.Controllers
            {
                public sealed class TokenController : ControllerBase
                {
                    private readonly TokenIssuer issuer;

                    public TokenController(TokenIssuer issuer) => this.issuer = issuer;

                    [HttpPost("api/token")]
                    public IActionResult Token([FromBody] IDictionary<string, object> body)
                    {
                        switch (body["grant_type"])
                        {
                            {|#0:case "password":|}
                                return Ok(issuer.SignIn(body["username"] as string, body["password"] as string));
                            case "refresh_token":
                                return Ok(issuer.Refresh(body["refresh_token"] as string));
                        }

                        return body["grant_type"]?.ToString() switch
                        {
                            {|#1:"password"|} or {|#2:"http://auth0.com/oauth/grant-type/password-realm"|} => BadRequest(new { error = "invalid_grant" }),
                            _ => BadRequest(new { error = "unsupported_grant_type" }),
                        };
                    }
                }
            }
            """, AspNetCoreStandIns, [], Ropc009(0), Ropc009(1), Ropc009(2));

        // ---------------------------------------------------------------- System.Web and OWIN: NameValueCollection-like forms

        [Theory]
        [InlineData("{|#0:context.Request.Form[\"grant_type\"] == \"password\"|}")]
        [InlineData("{|#0:context.Request.Params[\"grant_type\"] == \"password\"|}")]
        [InlineData("{|#0:context.Request.Form.Get(\"grant_type\") == \"password\"|}")]
        [InlineData("{|#0:string.Equals(context.Request.Params[\"grant_type\"], \"password\", StringComparison.OrdinalIgnoreCase)|}")]
        [InlineData("{|#0:context.Request.Form.GetValues(\"grant_type\")?.FirstOrDefault() == \"password\"|}")]
        [InlineData("{|#0:context.Request.Form.GetValues(\"grant_type\")?[0] == \"password\"|}")]
        [InlineData("{|#0:string.CompareOrdinal(context.Request.Form[\"grant_type\"], \"password\") == 0|}")]
        public Task SystemWebHandler_FormGrantComparedWithPassword_IsReported(string condition) => VerifyAsync($$"""
            using System;
            using System.Linq;
            using System.Web;
            using Contoso.Identity;

            namespace Contoso.Identity.Handlers
            {
                public sealed class TokenHandler : IHttpHandler
                {
                    private readonly TokenIssuer issuer = new TokenIssuer();

                    public bool IsReusable => true;

                    public void ProcessRequest(HttpContext context)
                    {
                        if ({{condition}})
                        {
                            var user = issuer.SignIn(context.Request.Form["username"], context.Request.Form["password"]);
                            context.Response.Write(user is null ? "{\"error\":\"invalid_grant\"}" : issuer.Issue(user).ToString()!);
                            return;
                        }

                        context.Response.StatusCode = 400;
                        context.Response.Write("{\"error\":\"unsupported_grant_type\"}");
                    }
                }
            }
            """, SystemWebAndOwinStandIns, [], Ropc009());

        [Fact]
        public Task OwinMiddleware_FormGrantComparedWithPassword_IsReported() => VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Contoso.Identity;
            using Microsoft.Owin;

            namespace Contoso.Identity.Middleware
            {
                public sealed class TokenMiddleware
                {
                    private readonly Func<IOwinContext, Task> next;
                    private readonly TokenIssuer issuer;

                    public TokenMiddleware(Func<IOwinContext, Task> next, TokenIssuer issuer)
                    {
                        this.next = next;
                        this.issuer = issuer;
                    }

                    public async Task Invoke(IOwinContext context)
                    {
                        var form = await context.Request.ReadFormAsync();
                        var grant = form.Get("grant_type");
                        if ({|#0:"password".Equals(grant, StringComparison.Ordinal)|})
                        {
                            var user = await issuer.SignInAsync(form["username"], form["password"]);
                            await context.Response.WriteAsync(user is null ? "{\"error\":\"invalid_grant\"}" : issuer.Issue(user).ToString()!);
                            return;
                        }

                        if ({|#1:form["grant_type"] != "password"|})
                        {
                            await next(context);
                        }
                    }
                }
            }
            """, SystemWebAndOwinStandIns, [], Ropc009(0), Ropc009(1));

        // ---------------------------------------------------------------- Look-alikes

        private const string SignUpModel = """
            namespace Contoso.Identity.Models
            {
                public sealed class SignUpModel
                {
                    public string Email { get; set; } = string.Empty;
                    public string Password { get; set; } = string.Empty;
                    public string ConfirmPassword { get; set; } = string.Empty;

                    [Microsoft.AspNetCore.Mvc.FromForm(Name = "input_type")]
                    public string Kind { get; set; } = string.Empty;
                }

                public sealed record FormField(string Name, string Type, string? Value);
            }
            """;

        private const string PasswordClient = """
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Contoso.Identity.Clients
            {
                /// <summary>A client that sends the password grant: ROPC001, not a server.</summary>
                public sealed class LegacyTokenClient
                {
                    private readonly HttpClient http = new HttpClient();

                    public Task<HttpResponseMessage> RequestAsync(string user, string password)
                    {
                        var form = new Dictionary<string, object> { ["grant_type"] = "password", ["username"] = user };
                        form["password"] = password;
                        var fields = new Dictionary<string, string>();
                        foreach (var pair in form)
                        {
                            fields[pair.Key] = pair.Value.ToString()!;
                        }

                        fields["grant_type"] = "password";
                        return http.PostAsync("https://idp.contoso.com/oauth/token", new FormUrlEncodedContent(fields));
                    }
                }
            }
            """;

        [Fact]
        public Task LookAlikes_AreNotReported() => VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Contoso.Identity;
            using Contoso.Identity.Models;
            using Microsoft.AspNetCore.Mvc;

            namespace Contoso.Identity.Controllers
            {
                public sealed class AccountController : ControllerBase
                {
                    private readonly TokenIssuer issuer;

                    public AccountController(TokenIssuer issuer) => this.issuer = issuer;

                    [HttpPost("account/signup")]
                    public IActionResult SignUp([FromForm] SignUpModel model)
                    {
                        if (model.Password != model.ConfirmPassword || !model.Password.Equals(model.ConfirmPassword, StringComparison.Ordinal))
                        {
                            return BadRequest(new { error = "passwords_do_not_match" });
                        }

                        if (Request.Form["type"] == "password" || model.Kind == "password" || Request.Form["input_type"].Equals("password"))
                        {
                            return BadRequest(new { error = "invalid_field" });
                        }

                        var kind = Request.Form["field_type"];
                        if (kind == "password" || string.Compare(Request.Form["grant_type"], "password", StringComparison.Ordinal) > 0)
                        {
                            return BadRequest(new { error = "invalid_field" });
                        }

                        return Ok(model.Email);
                    }

                    [HttpPost("forms/render")]
                    public IActionResult Render([FromBody] Dictionary<string, object> settings, [FromBody] List<FormField> fields)
                    {
                        var masked = fields.Where(field => field.Name == "password" || StringComparer.OrdinalIgnoreCase.Equals(field.Type, "password")).ToList();
                        if (Equals(settings["mode"], "password") || settings.TryGetValue("type", out var type) && type is "password")
                        {
                            return Ok(masked);
                        }

                        switch (settings["input"])
                        {
                            case "password":
                                return Ok(masked.Count);
                        }

                        return Ok(fields.Count);
                    }

                    [HttpPost("connect/token")]
                    public IActionResult Token([FromBody] Dictionary<string, object> body)
                    {
                        if (body["grant_type"] == "client_credentials" || Request.Form["grant_type"] == "refresh_token")
                        {
                            return Ok(issuer.Refresh(null));
                        }

                        var grant = Request.Form["grant_type"];
                        grant = Request.Form["type"];
                        return grant == "password" ? Ok(null) : BadRequest(new { error = "unsupported_grant_type" });
                    }
                }
            }
            """, AspNetCoreStandIns, [("SignUpModel.cs", SignUpModel), ("LegacyTokenClient.cs", PasswordClient)]);
    }
}
