using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// Finds the token endpoint of a hand-written request: follows the form or body from the grant_type site to
    /// the call that sends it, within the same body, and takes the address from there:
    /// HttpClient.PostAsync(url, new FormUrlEncodedContent(form)), new HttpRequestMessage(method, url) { Content = ... },
    /// WebClient.UploadValues(url, values), "url".PostUrlEncodedAsync(new { ... }) (Flurl),
    /// RequestTokenRawAsync(address, parameters), and RestSharp's new RestClient(baseUrl).ExecuteAsync(request).
    /// The result is the operation that gives the address (a URL string, a Uri creation or a client's base URL);
    /// null when the request leaves the body or the address is out of reach.
    /// </summary>
    internal static class EndpointAddresses
    {
        /// <summary>How many steps (locals, wrappers, calls) the search takes before giving up: keeps it linear and finite.</summary>
        private const int MaxSteps = 8;

        public static IOperation? Find(IOperation site, CancellationToken cancellationToken)
        {
            var search = new Search(cancellationToken);
            var carrier = Carrier(site);
            return carrier is ILocalReferenceOperation local
                ? search.FromLocal(local.Local, local, steps: 0)
                : search.FromValue(carrier, steps: 0);
        }

        /// <summary>The value that holds the whole form: the dictionary, anonymous object, array, string or request object around the site.</summary>
        private static IOperation Carrier(IOperation site)
        {
            var current = site;
            for (var steps = 0; steps < 64; steps++)
            {
                var parent = OperationTree.ParentSkippingConversions(current);
                switch (parent)
                {
                    case IObjectOrCollectionInitializerOperation { Parent: { } initialized }:
                        current = initialized;
                        continue;
                    case IArrayInitializerOperation { Parent: { } array }:
                        current = array;
                        continue;
                    case IAnonymousObjectCreationOperation anonymous:
                        current = anonymous;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation { IsImplicit: true } add }:
                        current = add;
                        continue;
                    case IInvocationOperation fluent when fluent.Instance is not null && IsFluent(fluent, current):
                        current = fluent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation extension } argument
                        when extension.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0 && IsFluent(extension, current):
                        current = extension;
                        continue;
                    case IExpressionStatementOperation when ReceiverOf(current) is { } receiver:
                        // form.Add("grant_type", "password"); request.AddParameter(...); form["grant_type"] = "password";
                        return receiver;
                }

                return current;
            }

            return current;
        }

        /// <summary>One search, with the locals it has followed so that every local is looked at once.</summary>
        private sealed class Search
        {
            private readonly CancellationToken cancellationToken;
            private readonly HashSet<ILocalSymbol> followed = new(SymbolEqualityComparer.Default);

            public Search(CancellationToken cancellationToken)
            {
                this.cancellationToken = cancellationToken;
            }

            /// <summary>Where <paramref name="value"/> (an operation that yields the form) goes next.</summary>
            public IOperation? FromValue(IOperation value, int steps)
            {
                if (steps > MaxSteps)
                {
                    return null;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (AddressIn(CreationOf(value)) is { } own)
                {
                    // new HttpRequestMessage(HttpMethod.Post, url), new RestRequest("https://idp/oauth/token")
                    return own;
                }

                switch (OperationTree.ParentSkippingConversions(value))
                {
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return FromLocal(declarator.Symbol, value, steps + 1);

                    case IArgumentOperation { Parent: IInvocationOperation call } argument:
                        return FromSend(call, argument, steps);

                    case IArgumentOperation { Parent: IObjectCreationOperation wrapper }:
                        // new FormUrlEncodedContent(form), new StringContent(body, ...)
                        return FromValue(wrapper, steps + 1);

                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } assignment when StringValues.Unwrap(assignment.Value) == StringValues.Unwrap(value):
                        // new HttpRequestMessage(...) { Content = content }, message.Content = content
                        var owner = member.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                            ? (assignment.Parent as IObjectOrCollectionInitializerOperation)?.Parent
                            : StringValues.Unwrap(member.Instance);
                        return owner switch
                        {
                            ILocalReferenceOperation local => FromLocal(local.Local, local, steps + 1),
                            null => null,
                            _ => FromValue(owner, steps + 1),
                        };

                    default:
                        return null;
                }
            }

            /// <summary>The address given where a local is created, or where it is passed on.</summary>
            public IOperation? FromLocal(ILocalSymbol local, IOperation anyUse, int steps)
            {
                if (steps > MaxSteps || !followed.Add(local))
                {
                    return null;
                }

                var uses = new List<ILocalReferenceOperation>();
                foreach (var descendant in OperationTree.Root(anyUse).Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (descendant is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                        && AddressIn(CreationOf(declarator.Initializer?.Value)) is { } own)
                    {
                        return own;
                    }

                    if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && !OperationTree.IsWrittenTo(reference))
                    {
                        uses.Add(reference);
                    }
                }

                foreach (var use in uses)
                {
                    if (OperationTree.ParentSkippingConversions(use) is IArgumentOperation or ISimpleAssignmentOperation && FromValue(use, steps + 1) is { } address)
                    {
                        return address;
                    }
                }

                return null;
            }

            /// <summary>The address a call sends its argument to: an address parameter beside it, or the base address of the client it is called on.</summary>
            private IOperation? FromSend(IInvocationOperation call, IArgumentOperation carried, int steps)
            {
                foreach (var argument in call.Arguments)
                {
                    if (argument != carried && argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is { } parameter && IsAddressName(parameter.Name))
                    {
                        return argument.Value;
                    }
                }

                var client = call.Instance
                    ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && call.Arguments[0] != carried ? call.Arguments[0].Value : null);
                if (client is not null && AddressIn(RequestParts.ResolveCreation(client, cancellationToken)) is { } baseAddress)
                {
                    return baseAddress;
                }

                // A fluent call on the carrier (RestSharp request.AddParameter(...)) returns the carrier: follow it on.
                return call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && call.Arguments[0] == carried && IsFluent(call, carried.Value)
                    ? FromValue(call, steps + 1)
                    : null;
            }
        }

        /// <summary>
        /// The address a creation carries: a constructor argument or initializer member named like an address
        /// (requestUri, baseUrl, BaseAddress, ...), also inside an options object passed to it
        /// (new RestClient(new RestClientOptions("http://idp"))); a RestRequest resource only when it is an absolute URL.
        /// </summary>
        private static IOperation? AddressIn(IObjectCreationOperation? creation)
        {
            if (creation is null)
            {
                return null;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter)
                {
                    continue;
                }

                if (IsAddressName(parameter.Name) || (parameter.Name == "resource" && IsAbsoluteUrl(argument.Value)))
                {
                    return argument.Value;
                }

                if (StringValues.Unwrap(argument.Value) is IObjectCreationOperation options && AddressIn(options) is { } inOptions)
                {
                    return inOptions;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment && IsAddressName(target.Member.Name))
                    {
                        return assignment.Value;
                    }
                }
            }

            return null;
        }

        private static bool IsAddressName(string name)
            => RequestParts.SlotOf(name) == RequestSlot.Address
               || FormPairs.Normalize(name) is "requesturi" or "requesturl" or "uri" or "endpoint" or "baseurl" or "baseaddress" or "baseuri";

        private static bool IsAbsoluteUrl(IOperation value)
            => StringValues.TryResolve(value, CancellationToken.None, out var text)
               && (text.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase));

        /// <summary>The creation a value is built from: new X(...), or the start of a builder chain new X(...).With(...).With(...).</summary>
        private static IObjectCreationOperation? CreationOf(IOperation? value)
        {
            for (var steps = 0; steps < 64; steps++)
            {
                switch (StringValues.Unwrap(value))
                {
                    case IObjectCreationOperation creation:
                        return creation;
                    case IInvocationOperation call when ReceiverOf(call) is { } receiver && IsFluent(call, receiver):
                        value = receiver;
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>A call that returns the object it is called on (a builder): request.AddParameter(...).AddParameter(...).</summary>
        private static bool IsFluent(IInvocationOperation call, IOperation receiver)
            => call.Type is not null && receiver.Type is not null && SymbolEqualityComparer.Default.Equals(call.Type, receiver.Type);

        private static IOperation? ReceiverOf(IOperation operation) => operation switch
        {
            IInvocationOperation { Instance: { } instance } => StringValues.Unwrap(instance),
            IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } extension => StringValues.Unwrap(extension.Arguments[0].Value),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1, Instance: { } indexed } } => StringValues.Unwrap(indexed),
            _ => null,
        };
    }
}
