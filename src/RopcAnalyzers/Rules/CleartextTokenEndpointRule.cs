using System;
using System.Net;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Options;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Rules
{
    /// <summary>
    /// ROPC007: the token endpoint of a recognised ROPC request is an http:// URL known at compile time, other than
    /// loopback (allowed unless ropc_analyzers.allow_loopback_http = false). Approval does not cover it.
    /// Run by <see cref="RopcUseAnalyzer"/>.
    /// </summary>
    internal static class CleartextTokenEndpointRule
    {
        private const string CleartextScheme = "http://";

        public static void Analyze(RopcRequest request, in UseSiteContext context)
        {
            var cancellationToken = context.CancellationToken;
            if (request.EndpointAddress is not { } address
                || !TryGetUrl(address, cancellationToken, out var url, out var complete)
                || !TryGetCleartextHost(url, complete, out var host))
            {
                return;
            }

            if (IsLoopback(host) && RopcOptions.AllowLoopbackHttp(context.Options, address.Syntax.SyntaxTree))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CleartextTokenEndpoint, address.Syntax.GetLocation(), request.ChainLocations, request.Description, url));
        }

        /// <summary>
        /// The URL text an address operation starts with: a string known at compile time, the string given to
        /// new Uri(...) or new Url(...), the constant parts of a concatenation or interpolation up to the first
        /// unknown one, or the URL a Flurl builder call starts from ("http://idp".AppendPathSegment("token")).
        /// <paramref name="complete"/> tells whether the text shows the whole authority (all of the URL, or a
        /// URL that a builder only extends), as opposed to a start after which anything may follow.
        /// </summary>
        internal static bool TryGetUrl(IOperation? address, CancellationToken cancellationToken, out string url, out bool complete)
        {
            var text = new StringBuilder();
            complete = AppendLeadingText(address, text, cancellationToken, depth: 0);
            url = text.ToString();
            return url.Length > 0;
        }

        /// <summary>Appends what is known of the start of <paramref name="operation"/>; true when that is all of it.</summary>
        private static bool AppendLeadingText(IOperation? operation, StringBuilder text, CancellationToken cancellationToken, int depth)
        {
            if (operation is null || depth > 8)
            {
                return false;
            }

            if (StringValues.TryResolve(operation, cancellationToken, out var value))
            {
                text.Append(value);
                return true;
            }

            switch (StringValues.Unwrap(operation))
            {
                case IObjectCreationOperation { Type.Name: "Uri" or "Url", Arguments.Length: > 0 } creation:
                    return AppendLeadingText(creation.Arguments[0].Value, text, cancellationToken, depth + 1);

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    return AppendLeadingText(concatenation.LeftOperand, text, cancellationToken, depth + 1)
                        && AppendLeadingText(concatenation.RightOperand, text, cancellationToken, depth + 1);

                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        var partValue = part switch
                        {
                            IInterpolatedStringTextOperation textPart => textPart.Text,
                            IInterpolationOperation { Alignment: null, FormatString: null } interpolation => interpolation.Expression,
                            _ => null,
                        };

                        if (!AppendLeadingText(partValue, text, cancellationToken, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;

                case IInvocationOperation builder when IsFlurlUrlBuilder(builder.TargetMethod):
                    // "http://idp".AppendPathSegment("token").WithHeader(...): the builder keeps the scheme and host.
                    return AppendLeadingText(builder.Instance ?? (builder.Arguments.Length > 0 ? builder.Arguments[0].Value : null), text, cancellationToken, depth + 1);

                default:
                    return false;
            }
        }

        private static bool IsFlurlUrlBuilder(IMethodSymbol method)
        {
            for (var ns = method.ContainingType?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                if (ns.Name == "Flurl" && ns.ContainingNamespace.IsGlobalNamespace)
                {
                    return method.Name.StartsWith("Append", StringComparison.Ordinal)
                        || method.Name.StartsWith("Set", StringComparison.Ordinal)
                        || method.Name.StartsWith("With", StringComparison.Ordinal);
                }
            }

            return false;
        }

        /// <summary>The host of an http:// URL, when the text shows all of it (a whole URL, or a start that goes past the host).</summary>
        internal static bool TryGetCleartextHost(string url, bool complete, out string host)
        {
            host = string.Empty;
            var text = url.Trim();
            if (!text.StartsWith(CleartextScheme, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var authorityEnd = text.IndexOfAny(new[] { '/', '?', '#' }, CleartextScheme.Length);
            if (authorityEnd < 0 && !complete)
            {
                // "http://" + host: the host is not known, so neither is whether it is loopback.
                return false;
            }

            var authority = authorityEnd < 0 ? text.Substring(CleartextScheme.Length) : text.Substring(CleartextScheme.Length, authorityEnd - CleartextScheme.Length);
            authority = authority.Substring(authority.LastIndexOf('@') + 1);
            if (authority.StartsWith("[", StringComparison.Ordinal))
            {
                var close = authority.IndexOf(']');
                host = close < 0 ? authority : authority.Substring(0, close + 1);
            }
            else
            {
                var colon = authority.IndexOf(':');
                host = colon < 0 ? authority : authority.Substring(0, colon);
            }

            return host.Length > 0;
        }

        /// <summary>localhost (and *.localhost, RFC 6761), 127.0.0.0/8 and [::1].</summary>
        internal static bool IsLoopback(string host)
        {
            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var address = host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal) ? host.Substring(1, host.Length - 2) : host;
            return IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip) && (address.IndexOf(':') >= 0 || address.Split('.').Length == 4);
        }
    }
}
