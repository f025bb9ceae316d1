using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>
    /// Writes, beside a password-grant method, the two methods of a flow that replaces it: authorization code with
    /// PKCE (authorize URL, then code redemption) or the device authorization grant (device code, then polling).
    /// The token endpoint, client id, client authentication and scope of the original request are carried over.
    /// </summary>
    internal sealed class IdentityModelFlows
    {
        private readonly IdentityModelPasswordCall call;
        private readonly CodeTemplate template;
        private readonly SemanticModel model;
        private readonly string indentation;
        private readonly string unit;
        private readonly string newLine;
        private readonly HashSet<string> usedNames;
        private readonly string modifiers;

        public IdentityModelFlows(IdentityModelPasswordCall call, CodeTemplate template, SemanticModel model)
        {
            this.call = call;
            this.template = template;
            this.model = model;
            var method = call.Method;
            indentation = AttributeInsertion.IndentationOf(method.GetLeadingTrivia()).ToFullString();
            var typeIndentation = method.Parent is { } type ? AttributeInsertion.IndentationOf(type.GetLeadingTrivia()).ToFullString() : string.Empty;
            unit = indentation.Length > typeIndentation.Length && indentation.StartsWith(typeIndentation, System.StringComparison.Ordinal)
                ? indentation.Substring(typeIndentation.Length)
                : "    ";
            newLine = AttributeInsertion.NewLineOf(method).ToFullString();
            usedNames = new HashSet<string>(call.ReservedNames);
            modifiers = string.Concat(method.Modifiers
                .Where(modifier => modifier.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.InternalKeyword or SyntaxKind.StaticKeyword)
                .Select(modifier => modifier.ValueText + " "));
        }

        /// <summary>The generated methods and the message that points the [Obsolete] password method at them.</summary>
        public sealed class Result
        {
            public Result(IReadOnlyList<MemberDeclarationSyntax> members, string obsoleteMessage)
            {
                Members = members;
                ObsoleteMessage = obsoleteMessage;
            }

            public IReadOnlyList<MemberDeclarationSyntax> Members { get; }

            public string ObsoleteMessage { get; }
        }

        public Result? AuthorizationCode()
        {
            var types = call.Types;
            var stem = Stem();
            var urlMethod = MemberName("Create" + stem + "AuthorizeUrl");
            var redeemMethod = MemberName("Redeem" + stem + "AuthorizationCodeAsync");
            var authorizeEndpoint = LocalName("authorizeEndpoint");
            var redirectUri = LocalName("redirectUri");
            var codeVerifier = LocalName("codeVerifier");
            var codeChallenge = LocalName("codeChallenge");
            var sha256 = LocalName("sha256");
            var state = LocalName("state");
            var authorizeUrl = LocalName("authorizeUrl");
            var code = LocalName("code");
            var cancellationToken = LocalName("cancellationToken");

            var cryptoRandom = template.Type(types.CryptoRandom!);
            var url = new CodeWriter(indentation, unit, newLine)
                .Blank()
                .Line(0, "/// <summary>")
                .Line(0, "/// Authorization code flow with PKCE (RFC 7636), step 1: the URL to open in the user's browser. Keep the code")
                .Line(0, $"/// verifier and the state: the authorization server redirects to <paramref name=\"{redirectUri}\"/> with a code and the")
                .Line(0, $"/// state, which must equal this one before the code is redeemed with <see cref=\"{redeemMethod}\"/>.")
                .Line(0, "/// </summary>")
                .Line(0, $"{modifiers}(string AuthorizeUrl, string CodeVerifier, string State) {urlMethod}({Parameters(new[] { call.ClientId, call.Scope }, $"string {authorizeEndpoint}", $"string {redirectUri}")})")
                .Line(0, "{")
                .Line(1, "// A fresh verifier for every sign-in; only its S256 challenge (base64url of the SHA-256 of its ASCII bytes) is sent.")
                .Line(1, $"var {codeVerifier} = {cryptoRandom}.CreateUniqueId(32);")
                .Line(1, $"string {codeChallenge};")
                .Line(1, $"using (var {sha256} = {template.Type(types.Sha256!)}.Create())")
                .Line(1, "{")
                .Line(2, $"{codeChallenge} = {template.Type(types.Convert!)}.ToBase64String({sha256}.ComputeHash({template.Type(types.Encoding!)}.ASCII.GetBytes({codeVerifier})))")
                .Line(3, ".TrimEnd('=').Replace('+', '-').Replace('/', '_');")
                .Line(1, "}")
                .Blank()
                .Line(1, $"var {state} = {cryptoRandom}.CreateUniqueId(16);")
                .Line(1, $"var {authorizeUrl} = new {template.Type(types.RequestUrl!)}({authorizeEndpoint}).CreateAuthorizeUrl(")
                .Line(2, $"clientId: {call.ClientId.Text},")
                .Line(2, $"responseType: {template.Type(types.ResponseTypes!)}.Code,");
            if (call.Scope is { } scope)
            {
                url.Line(2, $"scope: {scope.Text},");
            }

            url.Line(2, $"redirectUri: {redirectUri},")
                .Line(2, $"state: {state},")
                .Line(2, $"codeChallenge: {codeChallenge},")
                .Line(2, $"codeChallengeMethod: {template.Type(types.CodeChallengeMethods!)}.Sha256);")
                .Line(1, $"return ({authorizeUrl}, {codeVerifier}, {state});")
                .Line(0, "}");

            var tokenEndpointValues = TokenEndpointValues(includeResource: true);
            var redeem = new CodeWriter(indentation, unit, newLine)
                .Blank()
                .Line(0, "/// <summary>")
                .Line(0, "/// Authorization code flow with PKCE, step 2: redeems the code the authorization server sent to the redirect URI,")
                .Line(0, $"/// with the code verifier from <see cref=\"{urlMethod}\"/>. Check that the returned state is the one sent first.")
                .Line(0, "/// </summary>")
                .Line(0, $"{modifiers}{template.Type(call.ResponseTask)} {redeemMethod}({Parameters(tokenEndpointValues.Append(call.Invoker), $"string {code}", $"string {redirectUri}", $"string {codeVerifier}", $"{template.Type(types.CancellationToken!)} {cancellationToken} = default")})")
                .Line(1, $"=> {call.Invoker.Text}.RequestAuthorizationCodeTokenAsync(new {template.Type(types.AuthorizationCodeTokenRequest!)}")
                .Line(1, "{");
            foreach (var value in tokenEndpointValues)
            {
                redeem.Line(2, value.Text + ",");
            }

            redeem.Line(2, $"Code = {code},")
                .Line(2, $"RedirectUri = {redirectUri},")
                .Line(2, $"CodeVerifier = {codeVerifier},")
                .Line(1, $"}}, {cancellationToken});");

            return Members(
                $"Sends the user's password (ROPC), which RFC 9700 forbids: sign the user in with {urlMethod} and {redeemMethod} instead.",
                url,
                redeem);
        }

        public Result? DeviceFlow()
        {
            if (call.Resource is not null)
            {
                // Resource indicators have no place in the device requests of these libraries.
                return null;
            }

            var types = call.Types;
            var stem = Stem();
            var startMethod = MemberName("Request" + stem + "DeviceAuthorizationAsync");
            var pollMethod = MemberName("Poll" + stem + "DeviceTokenAsync");
            var deviceAuthorizationEndpoint = LocalName("deviceAuthorizationEndpoint");
            var cancellationToken = LocalName("cancellationToken");
            var authorization = LocalName("authorization");
            var interval = LocalName("interval");
            var response = LocalName("response");
            var cancellationTokenType = template.Type(types.CancellationToken!);
            var deviceAuthorizationTask = types.GenericTask!.Construct(types.DeviceAuthorizationResponse!);

            var clientValues = new List<CarriedValue> { Assignment("ClientId", call.ClientId) };
            clientValues.AddRange(ClientAuthentication());
            var start = new CodeWriter(indentation, unit, newLine)
                .Blank()
                .Line(0, "/// <summary>")
                .Line(0, "/// Device authorization grant (RFC 8628), step 1: asks for a device code. Show the user the response's")
                .Line(0, "/// VerificationUri and UserCode (or VerificationUriComplete), then wait for the sign-in with")
                .Line(0, $"/// <see cref=\"{pollMethod}\"/>.")
                .Line(0, "/// </summary>")
                .Line(0, $"{modifiers}{template.Type(deviceAuthorizationTask)} {startMethod}({Parameters(clientValues.Append(call.Invoker).Append(call.Scope), $"string {deviceAuthorizationEndpoint}", $"{cancellationTokenType} {cancellationToken} = default")})")
                .Line(1, $"=> {call.Invoker.Text}.RequestDeviceAuthorizationAsync(new {template.Type(types.DeviceAuthorizationRequest!)}")
                .Line(1, "{")
                .Line(2, $"Address = {deviceAuthorizationEndpoint},");
            foreach (var value in clientValues)
            {
                start.Line(2, value.Text + ",");
            }

            if (call.Scope is { } scope)
            {
                start.Line(2, $"Scope = {scope.Text},");
            }

            start.Line(1, $"}}, {cancellationToken});");

            var tokenEndpointValues = TokenEndpointValues(includeResource: false);
            var tokenErrors = template.Type(types.TokenErrors!);
            var timeSpan = template.Type(types.TimeSpan!);
            var poll = new CodeWriter(indentation, unit, newLine)
                .Blank()
                .Line(0, "/// <summary>")
                .Line(0, "/// Device authorization grant, step 2: polls the token endpoint until the user has signed in on another device,")
                .Line(0, "/// at the interval the server asks for (5 seconds longer after each slow_down). Returns the error response when")
                .Line(0, "/// the device code expired (expired_token), the user declined (access_denied) or another error ended the flow.")
                .Line(0, "/// </summary>")
                .Line(0, $"{modifiers}async {template.Type(call.ResponseTask)} {pollMethod}({Parameters(tokenEndpointValues.Append(call.Invoker), $"{template.Type(types.DeviceAuthorizationResponse!)} {authorization}", $"{cancellationTokenType} {cancellationToken} = default")})")
                .Line(0, "{")
                .Line(1, $"var {interval} = {timeSpan}.FromSeconds({authorization}.Interval > 0 ? {authorization}.Interval : 5);")
                .Line(1, "while (true)")
                .Line(1, "{")
                .Line(2, $"await {template.Type(types.Task!)}.Delay({interval}, {cancellationToken});")
                .Line(2, $"var {response} = await {call.Invoker.Text}.RequestDeviceTokenAsync(new {template.Type(types.DeviceTokenRequest!)}")
                .Line(2, "{");
            foreach (var value in tokenEndpointValues)
            {
                poll.Line(3, value.Text + ",");
            }

            poll.Line(3, $"DeviceCode = {authorization}.DeviceCode,")
                .Line(2, $"}}, {cancellationToken});")
                .Blank()
                .Line(2, $"switch ({response}.Error)")
                .Line(2, "{")
                .Line(3, $"case {tokenErrors}.AuthorizationPending:")
                .Line(4, "break;")
                .Line(3, $"case {tokenErrors}.SlowDown:")
                .Line(4, $"{interval} += {timeSpan}.FromSeconds(5);")
                .Line(4, "break;")
                .Line(3, $"case {tokenErrors}.ExpiredToken:")
                .Line(3, $"case {tokenErrors}.AccessDenied:")
                .Line(3, "default:")
                .Line(4, $"return {response};")
                .Line(2, "}")
                .Line(1, "}")
                .Line(0, "}");

            return Members(
                $"Sends the user's password (ROPC), which RFC 9700 forbids: sign the user in with {startMethod} and {pollMethod} instead.",
                start,
                poll);
        }

        private Result? Members(string obsoleteMessage, params CodeWriter[] writers)
        {
            var members = new List<MemberDeclarationSyntax>();
            foreach (var writer in writers)
            {
                if (template.ParseMember(writer.ToString()) is not { } member || member.ContainsDiagnostics)
                {
                    return null;
                }

                members.Add(member);
            }

            return new Result(members, obsoleteMessage);
        }

        /// <summary>Address, ClientId and client authentication (and resource indicators) for a request to the token endpoint.</summary>
        private List<CarriedValue> TokenEndpointValues(bool includeResource)
        {
            var values = new List<CarriedValue> { Assignment("Address", call.Address), Assignment("ClientId", call.ClientId) };
            values.AddRange(ClientAuthentication());
            if (includeResource && call.Resource is { } resource)
            {
                values.Add(resource);
            }

            return values;
        }

        private IEnumerable<CarriedValue> ClientAuthentication()
        {
            foreach (var value in call.ClientAuthentication)
            {
                yield return value;
            }

            if (call.PostBodyByDefault)
            {
                yield return new CarriedValue($"ClientCredentialStyle = {template.Type(call.Types.ClientCredentialStyle!)}.PostBody", System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty);
            }
        }

        private static CarriedValue Assignment(string member, CarriedValue value) => new(member + " = " + value.Text, value.Parameters);

        /// <summary>The parameter list: the password method's parameters the carried values use, in their order, then <paramref name="own"/>.</summary>
        private string Parameters(IEnumerable<CarriedValue?> values, params string[] own)
        {
            var parameters = values.Where(value => value is not null).SelectMany(value => value!.Parameters)
                .Distinct<IParameterSymbol>(SymbolEqualityComparer.Default)
                .OrderBy(parameter => parameter.Ordinal)
                .Select(parameter => call.Method.ParameterList.Parameters[parameter.Ordinal])
                .Select(syntax => syntax.Type!.WithoutTrivia().ToFullString() + " " + syntax.Identifier.ValueText);
            return string.Join(", ", parameters.Concat(own));
        }

        private string Stem()
        {
            var name = call.Method.Identifier.ValueText;
            if (name.EndsWith("Async", System.StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Async".Length);
            }

            return name.Length == 0 ? "SignIn" : name;
        }

        private string MemberName(string preferred)
        {
            var isAsync = preferred.EndsWith("Async", System.StringComparison.Ordinal);
            var stem = isAsync ? preferred.Substring(0, preferred.Length - "Async".Length) : preferred;
            var name = preferred;
            for (var suffix = 2; usedNames.Contains(name) || !model.LookupSymbols(call.Method.SpanStart, call.MethodSymbol.ContainingType, name).IsEmpty; suffix++)
            {
                name = stem + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture) + (isAsync ? "Async" : string.Empty);
            }

            usedNames.Add(name);
            return name;
        }

        private string LocalName(string preferred)
        {
            var name = preferred;
            for (var suffix = 2; usedNames.Contains(name); suffix++)
            {
                name = preferred + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            usedNames.Add(name);
            return name;
        }
    }
}
