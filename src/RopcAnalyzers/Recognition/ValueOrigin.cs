using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Persistence;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// Where a part of a request comes from within its method: a parameter (url, password), a member of a parameter
    /// (options.Password), or a field or property of the method's own object (this._password). Followed through
    /// locals, conditionals, null-coalescing, value-preserving calls (Trim, URL escaping), new Uri(...) and, for an
    /// address, the start of a concatenation or interpolation (baseUrl + "/connect/token").
    /// </summary>
    internal readonly struct ValueOrigin
    {
        private const int MaxDepth = 8;

        private ValueOrigin(IParameterSymbol? parameter, string? member, ISymbol? ownMember)
        {
            Parameter = parameter;
            Member = member;
            OwnMember = ownMember;
        }

        /// <summary>The parameter of the method that the value is, or is read from.</summary>
        public IParameterSymbol? Parameter { get; }

        /// <summary>With <see cref="Parameter"/>: the member of it that holds the value (options.Password), or null for the parameter itself.</summary>
        public string? Member { get; }

        /// <summary>A field or property of the method's own object (or a static one of its type) that holds the value.</summary>
        public ISymbol? OwnMember { get; }

        public bool IsKnown => Parameter is not null || OwnMember is not null;

        /// <summary>The origin of <paramref name="value"/> in the method <paramref name="owner"/> (lambdas and local functions written in it included).</summary>
        public static ValueOrigin Of(IOperation? value, ISymbol owner, CancellationToken cancellationToken)
            => Find(value, owner, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), 0, cancellationToken);

        private static ValueOrigin Find(IOperation? value, ISymbol owner, HashSet<ILocalSymbol> followed, int depth, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var operation = StringValues.Unwrap(value);
            if (operation is null || depth > MaxDepth || operation.ConstantValue.HasValue)
            {
                return default;
            }

            switch (operation)
            {
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, owner):
                    return new ValueOrigin(parameter.Parameter, null, null);

                case IParameterReferenceOperation parameter when IsPrimaryConstructorParameterOf(parameter.Parameter, owner):
                    // A primary-constructor parameter read by a method: the constructor's argument is the value.
                    return new ValueOrigin(parameter.Parameter, null, null);

                case IPropertyReferenceOperation { Property.Parameters.IsEmpty: true, Instance: { } instance } property
                    when StringValues.Unwrap(instance) is IParameterReferenceOperation root && SymbolEqualityComparer.Default.Equals(root.Parameter.ContainingSymbol, owner):
                    return new ValueOrigin(root.Parameter, property.Property.Name, null);

                case IFieldReferenceOperation { Instance: { } instance } field
                    when StringValues.Unwrap(instance) is IParameterReferenceOperation root && SymbolEqualityComparer.Default.Equals(root.Parameter.ContainingSymbol, owner):
                    return new ValueOrigin(root.Parameter, field.Field.Name, null);

                case IFieldReferenceOperation field when IsOwnState(field.Field, field.Instance, owner) && !field.Field.IsConst:
                    return new ValueOrigin(null, null, field.Field);

                case IPropertyReferenceOperation { Property.Parameters.IsEmpty: true } property when IsOwnState(property.Property, property.Instance, owner):
                    return new ValueOrigin(null, null, property.Property);

                case ILocalReferenceOperation local when followed.Add(local.Local):
                    foreach (var assigned in LocalValues.AssignedValues(OperationTree.Root(local), local.Local, cancellationToken))
                    {
                        var origin = Find(assigned, owner, followed, depth + 1, cancellationToken);
                        if (origin.IsKnown)
                        {
                            return origin;
                        }
                    }

                    return default;

                case IConditionalOperation conditional:
                    return Either(Find(conditional.WhenTrue, owner, followed, depth + 1, cancellationToken), conditional.WhenFalse, owner, followed, depth, cancellationToken);

                case ICoalesceOperation coalesce:
                    return Either(Find(coalesce.Value, owner, followed, depth + 1, cancellationToken), coalesce.WhenNull, owner, followed, depth, cancellationToken);

                case IObjectCreationOperation { Type.Name: "Uri" or "Url", Arguments.Length: > 0 } uri:
                    return Find(uri.Arguments[0].Value, owner, followed, depth + 1, cancellationToken);

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    return Find(concatenation.LeftOperand, owner, followed, depth + 1, cancellationToken);

                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        // The first part that is not constant text decides where the string starts.
                        if (part is IInterpolationOperation hole)
                        {
                            return Find(hole.Expression, owner, followed, depth + 1, cancellationToken);
                        }

                        if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string { Length: > 0 } })
                        {
                            return default;
                        }
                    }

                    return default;

                case IInvocationOperation invocation when PasswordTrail.PreservedOperand(invocation) is { } source:
                    return Find(source, owner, followed, depth + 1, cancellationToken);

                default:
                    return default;
            }
        }

        private static ValueOrigin Either(ValueOrigin first, IOperation? other, ISymbol owner, HashSet<ILocalSymbol> followed, int depth, CancellationToken cancellationToken)
            => first.IsKnown ? first : Find(other, owner, followed, depth + 1, cancellationToken);

        /// <summary>State of the method's own object: an instance member read through this, or a static member of its type.</summary>
        private static bool IsOwnState(ISymbol member, IOperation? instance, ISymbol owner)
        {
            if (owner.ContainingType is not { } type || !PasswordTrail.IsInSource(member) || member.IsImplicitlyDeclared)
            {
                return false;
            }

            if (!member.IsStatic && instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            {
                return false;
            }

            return PasswordTrail.IsDeclaredIn(member, type, includeContainingTypes: false);
        }

        private static bool IsPrimaryConstructorParameterOf(IParameterSymbol parameter, ISymbol owner)
            => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
               && owner.ContainingType is { } type
               && SymbolEqualityComparer.Default.Equals(constructor.ContainingType.OriginalDefinition, type.OriginalDefinition)
               && !SymbolEqualityComparer.Default.Equals(constructor, owner);
    }
}
