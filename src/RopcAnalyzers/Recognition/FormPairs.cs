using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>A key and the value given to it: a form field, a dictionary entry, a DTO member.</summary>
    internal readonly struct FormPair
    {
        public FormPair(string key, IOperation value, ISymbol? member)
        {
            Key = key;
            Value = value;
            Member = member;
        }

        public string Key { get; }

        public IOperation Value { get; }

        /// <summary>The property or field that carries the key, when the key is a member name.</summary>
        public ISymbol? Member { get; }
    }

    /// <summary>
    /// Reads key/value pairs out of the shapes hand-written token requests take: Add(key, value) calls,
    /// KeyValuePair/tuple creations, indexer assignments, anonymous objects and serialised DTO members.
    /// </summary>
    internal static class FormPairs
    {
        /// <summary>Calls that compare or query a key instead of setting it: server code that checks the grant type.</summary>
        private static readonly HashSet<string> QueryMethodNames = new(StringComparer.Ordinal)
        {
            "Equals", "Equal", "AreEqual", "NotEqual", "AreNotEqual", "Compare", "CompareTo", "Contains", "ContainsKey", "ContainsValue",
            "Remove", "TryGetValue", "TryGetProperty", "GetValue", "StartsWith", "EndsWith", "IndexOf", "Replace", "Matches", "IsMatch",
            "Match", "Single", "First", "Where", "Any", "Count", "Get", "GetValues", "Should", "Be",
        };

        public static bool TryGetPair(IOperation operation, CancellationToken cancellationToken, string? requiredKey, out FormPair pair)
        {
            pair = default;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    // The arguments first: most calls have no constant key argument, and then the method is not looked at.
                    return TryGetArgumentPair(invocation.Arguments, requiredKey, out pair)
                           && invocation.TargetMethod.ContainingType?.SpecialType != SpecialType.System_String
                           && !QueryMethodNames.Contains(invocation.TargetMethod.Name);

                case IObjectCreationOperation creation:
                    // Most creations take fewer than a key and a value: decided on the constructor, before the arguments are built.
                    return creation.Constructor is { Parameters.Length: >= 2 } && TryGetArgumentPair(creation.Arguments, requiredKey, out pair);

                case ITupleOperation { Elements.Length: 2 } tuple:
                    if (tuple.Elements[0].ConstantValue is { HasValue: true, Value: string tupleKey } && KeyMatches(tupleKey, requiredKey))
                    {
                        pair = new FormPair(tupleKey, tuple.Elements[1], member: null);
                        return true;
                    }

                    return false;

                case ISimpleAssignmentOperation assignment:
                    return TryGetAssignmentPair(assignment.Target, assignment.Value, requiredKey, out pair);

                case IPropertyInitializerOperation { InitializedProperties.Length: 1 } propertyInitializer:
                    return TryGetMemberPair(propertyInitializer.InitializedProperties[0], propertyInitializer.Value, requiredKey, out pair);

                case IFieldInitializerOperation { InitializedFields.Length: 1 } fieldInitializer:
                    return TryGetMemberPair(fieldInitializer.InitializedFields[0], fieldInitializer.Value, requiredKey, out pair);

                case IReturnOperation { ReturnedValue: { } returned } returnOperation when requiredKey is not null:
                    // A DTO getter that always returns the grant type: string GrantType => "password";
                    if (returned.ConstantValue.Value is not string returnedText
                        || !RopcRecognizer.IsPasswordGrantValue(returnedText)
                        || returnOperation.SemanticModel?.GetEnclosingSymbol(returnOperation.Syntax.SpanStart, cancellationToken) is not IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property })
                    {
                        return false;
                    }

                    return TryGetMemberPair(property, returned, requiredKey, out pair);

                default:
                    return false;
            }
        }

        /// <summary>The operations that stand beside <paramref name="site"/> in the same form, request object or call chain.</summary>
        public static IEnumerable<IOperation> Siblings(IOperation site, CancellationToken cancellationToken)
        {
            var parent = OperationTree.ParentSkippingConversions(site);
            switch (parent)
            {
                case IObjectOrCollectionInitializerOperation initializer:
                    return Unwrapped(initializer.Initializers);
                case IAnonymousObjectCreationOperation anonymous:
                    return anonymous.Initializers;
                case IArrayInitializerOperation array:
                    return array.ElementValues;
                case IArgumentOperation { Parent: IInvocationOperation { IsImplicit: true, Parent: IObjectOrCollectionInitializerOperation collection } }:
                    return Unwrapped(collection.Initializers);
                case { Syntax: CollectionExpressionSyntax }:
                    // C# 12 collection expressions have no dedicated operation interface in Roslyn 4.8: their elements are the children.
                    return parent.ChildOperations;
                case IArgumentOperation { Parent: IInvocationOperation { Arguments.Length: 1, Instance: not null, IsImplicit: false } add }:
                    // Pairs added one by one, in any statement of the block: list.Add(new KeyValuePair<string, string>("grant_type", "password"));
                    // if (...) { list.Add(new("username", user)); }
                    return ItemsAdded(ReceiverSiblings(add, cancellationToken));
            }

            return ReceiverSiblings(site, cancellationToken);
        }

        /// <summary>The item each one-argument call adds (list.Add(pair)); other siblings as they are.</summary>
        private static IEnumerable<IOperation> ItemsAdded(IEnumerable<IOperation> siblings)
        {
            foreach (var sibling in siblings)
            {
                yield return sibling is IInvocationOperation { Arguments.Length: 1, Instance: not null } add ? add.Arguments[0].Value : sibling;
            }
        }

        /// <summary>The pairs inside a collection such as IdentityModel's Parameters: new Parameters { { "username", u } }.</summary>
        public static IEnumerable<FormPair> PairsInside(IOperation operation, CancellationToken cancellationToken)
        {
            var initializer = StringValues.Unwrap(operation) switch
            {
                IObjectCreationOperation creation => creation.Initializer,
                IObjectOrCollectionInitializerOperation collection => collection,
                IMemberInitializerOperation member => member.Initializer,
                _ => null,
            };

            if (initializer is null)
            {
                yield break;
            }

            foreach (var element in Unwrapped(initializer.Initializers))
            {
                if (TryGetPair(element, cancellationToken, requiredKey: null, out var pair))
                {
                    yield return pair;
                }
            }
        }

        /// <summary>Key comparison: exact, or a member name that differs only by case and underscores (GrantType, grant_type). Allocation-free: it runs on every constant argument.</summary>
        public static bool KeyMatches(string key, string? requiredKey)
        {
            if (requiredKey is null || key == requiredKey)
            {
                return true;
            }

            int i = 0, j = 0;
            while (true)
            {
                while (i < key.Length && IsSeparator(key[i]))
                {
                    i++;
                }

                while (j < requiredKey.Length && IsSeparator(requiredKey[j]))
                {
                    j++;
                }

                if (i == key.Length || j == requiredKey.Length)
                {
                    return i == key.Length && j == requiredKey.Length;
                }

                if (char.ToLowerInvariant(key[i]) != char.ToLowerInvariant(requiredKey[j]))
                {
                    return false;
                }

                i++;
                j++;
            }
        }

        public static string Normalize(string key)
        {
            var buffer = new char[key.Length];
            var length = 0;
            foreach (var c in key)
            {
                if (!IsSeparator(c))
                {
                    buffer[length++] = char.ToLowerInvariant(c);
                }
            }

            return new string(buffer, 0, length);
        }

        private static bool IsSeparator(char c) => c == '_' || c == '-';

        private static IEnumerable<IOperation> Unwrapped(ImmutableArray<IOperation> initializers)
        {
            foreach (var element in initializers)
            {
                // new List<KeyValuePair<string, string>> { new("grant_type", "password") } is an implicit Add(element).
                if (element is IInvocationOperation { IsImplicit: true, Arguments.Length: 1 } add && StringValues.Unwrap(add.Arguments[0].Value) is IObjectCreationOperation or ITupleOperation)
                {
                    yield return StringValues.Unwrap(add.Arguments[0].Value)!;
                }
                else
                {
                    yield return element;
                }
            }
        }

        private static IEnumerable<IOperation> ReceiverSiblings(IOperation site, CancellationToken cancellationToken)
        {
            var receiver = ReceiverOf(site);
            if (receiver is null)
            {
                yield break;
            }

            // A fluent chain: request.AddParameter("grant_type", "password").AddParameter("username", u)
            for (var down = receiver; down is IInvocationOperation inner; down = ReceiverOf(inner)!)
            {
                yield return inner;
            }

            for (IOperation current = site; OperationTree.ParentSkippingConversions(current) is { } up; current = up)
            {
                if (up is IArgumentOperation { Parent: IInvocationOperation outerExtension } && ReceiverOf(outerExtension) == current)
                {
                    yield return outerExtension;
                    up = outerExtension;
                }
                else if (up is IInvocationOperation outer && outer.Instance == current)
                {
                    yield return outer;
                }
                else
                {
                    break;
                }
            }

            // Separate statements on the same local, field or parameter: form.Add("username", u); form["password"] = p;
            var root = ChainRoot(receiver);
            var symbol = OperationTree.ReferencedSymbol(root);
            if (symbol is null)
            {
                yield break;
            }

            foreach (var descendant in OperationTree.Root(site).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (descendant == site || descendant is not (IInvocationOperation or ISimpleAssignmentOperation))
                {
                    continue;
                }

                var descendantReceiver = ReceiverOf(descendant);
                if (descendantReceiver is not null && SymbolEqualityComparer.Default.Equals(OperationTree.ReferencedSymbol(ChainRoot(descendantReceiver)), symbol))
                {
                    yield return descendant;
                }
            }
        }

        private static IOperation ChainRoot(IOperation receiver)
        {
            while (receiver is IInvocationOperation invocation && ReceiverOf(invocation) is { } next)
            {
                receiver = next;
            }

            return receiver;
        }

        /// <summary>The object a call or indexer assignment acts on, including the this-argument of extension methods.</summary>
        private static IOperation? ReceiverOf(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (invocation.Instance is { } instance)
                    {
                        return StringValues.Unwrap(instance);
                    }

                    return invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
                        ? StringValues.Unwrap(invocation.Arguments[0].Value)
                        : null;

                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1, Instance: { } indexed } }:
                    return StringValues.Unwrap(indexed);

                default:
                    return null;
            }
        }

        private static bool TryGetArgumentPair(ImmutableArray<IArgumentOperation> arguments, string? requiredKey, out FormPair pair)
        {
            pair = default;
            if (arguments.Length < 2)
            {
                return false;
            }

            foreach (var keyArgument in arguments)
            {
                if (keyArgument.Value.ConstantValue is not { HasValue: true, Value: string key } || !KeyMatches(key, requiredKey) || keyArgument.Parameter is null)
                {
                    continue;
                }

                var valueOrdinal = keyArgument.Parameter.Ordinal + 1;
                foreach (var valueArgument in arguments)
                {
                    if (valueArgument.Parameter?.Ordinal == valueOrdinal && valueArgument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        pair = new FormPair(key, valueArgument.Value, member: null);
                        return true;
                    }
                }

                return false;
            }

            return false;
        }

        private static bool TryGetAssignmentPair(IOperation target, IOperation value, string? requiredKey, out FormPair pair)
        {
            pair = default;
            switch (target)
            {
                case IPropertyReferenceOperation { Arguments.Length: 1 } indexer:
                    if (indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } && KeyMatches(key, requiredKey))
                    {
                        pair = new FormPair(key, value, member: null);
                        return true;
                    }

                    return false;

                case IPropertyReferenceOperation property:
                    return TryGetMemberPair(property.Property, value, requiredKey, out pair);

                case IFieldReferenceOperation field:
                    return TryGetMemberPair(field.Field, value, requiredKey, out pair);

                default:
                    return false;
            }
        }

        private static bool TryGetMemberPair(ISymbol member, IOperation value, string? requiredKey, out FormPair pair)
        {
            pair = default;
            if (KeyMatches(member.Name, requiredKey))
            {
                pair = new FormPair(member.Name, value, member);
                return true;
            }

            // A serialised name set by attribute ([JsonPropertyName("grant_type")], [AliasAs], [DataMember(Name = ...)]):
            // looked at only when the value is the password grant itself, to keep attribute reads off the common path.
            if (requiredKey is not null && (value.ConstantValue.Value is not string constant || !RopcRecognizer.IsPasswordGrantValue(constant)))
            {
                return false;
            }

            var serializedName = SerializedName(member);
            if (serializedName is not null && KeyMatches(serializedName, requiredKey))
            {
                pair = new FormPair(serializedName, value, member);
                return true;
            }

            return false;
        }

        private static string? SerializedName(ISymbol member)
        {
            foreach (var attribute in member.GetAttributes())
            {
                var attributeName = attribute.AttributeClass?.Name;
                if (attributeName is not ("JsonPropertyNameAttribute" or "JsonPropertyAttribute" or "AliasAsAttribute" or "DataMemberAttribute" or "FromFormAttribute" or "JsonProperty" or "SerializeAsAttribute"))
                {
                    continue;
                }

                if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string positional)
                {
                    return positional;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key is "Name" or "PropertyName" && named.Value.Value is string name)
                    {
                        return name;
                    }
                }
            }

            return null;
        }
    }
}
