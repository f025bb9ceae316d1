using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    internal enum RequestSlot
    {
        None,
        Address,
        ClientId,
        UserName,
        Password,

        /// <summary>The grant type itself: a wrapper that takes it as a parameter sends the password grant only when a caller passes it.</summary>
        Grant,
    }

    /// <summary>Fills a request's parts from parameter names, request-object members and form keys.</summary>
    internal static class RequestParts
    {
        public static RequestSlot SlotOf(string name)
        {
            switch (FormPairs.Normalize(name))
            {
                case "password":
                case "securepassword":
                case "userpassword":
                case "passwd":
                case "pwd":
                    return RequestSlot.Password;
                case "username":
                case "user":
                case "userid":
                case "email":
                case "login":
                case "upn":
                    return RequestSlot.UserName;
                case "address":
                case "url":
                case "tokenendpoint":
                case "tokenurl":
                case "tokenrequestendpointurl":
                case "tokenendpointurl":
                    return RequestSlot.Address;
                case "clientid":
                    return RequestSlot.ClientId;
                default:
                    return RequestSlot.None;
            }
        }

        /// <summary>Sets the slot named by <paramref name="key"/>, keeping a value that was found first.</summary>
        public static void Assign(RopcRequest request, string key, IOperation value) => Assign(request, SlotOf(key), value);

        public static void Assign(RopcRequest request, RequestSlot slot, IOperation value)
        {
            switch (slot)
            {
                case RequestSlot.Password:
                    request.Password ??= value;
                    break;
                case RequestSlot.UserName:
                    request.UserName ??= value;
                    break;
                case RequestSlot.Address:
                    request.EndpointAddress ??= value;
                    break;
                case RequestSlot.ClientId:
                    request.ClientId ??= value;
                    break;
            }
        }

        public static void FromArguments(RopcRequest request, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    Assign(request, parameter.Name, argument.Value);
                }
            }
        }

        /// <summary>Reads constructor arguments and object-initializer members: new PasswordTokenRequest { Address = ..., Password = ... }.</summary>
        public static void FromCreation(RopcRequest request, IObjectCreationOperation creation)
        {
            if (creation.Initializer is { } initializer)
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment)
                    {
                        Assign(request, target.Member.Name, assignment.Value);
                    }
                }
            }

            FromArguments(request, creation.Arguments);
        }

        /// <summary>
        /// The client a request call is made on, when it is created in the same body: new TokenClient(http, new TokenClientOptions { Address = ..., ClientId = ... }).
        /// </summary>
        public static void FromClientInstance(RopcRequest request, IOperation instance, CancellationToken cancellationToken)
        {
            if (ResolveCreation(instance, cancellationToken) is not { } client)
            {
                return;
            }

            FromCreation(request, client);
            foreach (var argument in client.Arguments)
            {
                if (StringValues.Unwrap(argument.Value) is IObjectCreationOperation options)
                {
                    FromCreation(request, options);
                }
            }
        }

        /// <summary>The creation an operation stands for: the creation itself, or the initializer of a local assigned only once.</summary>
        public static IObjectCreationOperation? ResolveCreation(IOperation value, CancellationToken cancellationToken)
        {
            var unwrapped = StringValues.Unwrap(value);
            if (unwrapped is IObjectCreationOperation creation)
            {
                return creation;
            }

            if (unwrapped is not ILocalReferenceOperation localReference)
            {
                return null;
            }

            IObjectCreationOperation? initializer = null;
            foreach (var descendant in OperationTree.Root(localReference).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (descendant is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, localReference.Local))
                {
                    initializer = StringValues.Unwrap(declarator.Initializer?.Value) as IObjectCreationOperation;
                }
                else if (descendant is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, localReference.Local) && OperationTree.IsWrittenTo(other))
                {
                    return null;
                }
            }

            return initializer;
        }
    }
}
