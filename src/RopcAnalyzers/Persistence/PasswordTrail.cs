using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Persistence
{
    /// <summary>A field, property or primary-constructor parameter of the requesting type that the password is read from.</summary>
    internal readonly struct KeptMember
    {
        public KeptMember(ISymbol symbol, PersistenceChannel channel)
        {
            Symbol = symbol;
            Channel = channel;
        }

        /// <summary>The field, property or parameter the diagnostic is reported on.</summary>
        public ISymbol Symbol { get; }

        public PersistenceChannel Channel { get; }
    }

    /// <summary>
    /// Where the resource-owner password of one request comes from and what holds it within the request's body. The
    /// trail starts at <see cref="RopcRequest.Password"/> (the recognizer decides what the password is) and goes back
    /// through locals, conditionals, null-coalescing and value-preserving calls (Trim, URL encoding) to parameters,
    /// fields and properties. A value computed by any other call (a hash, a decryption) ends the trail: the rule reports
    /// only the value that is sent.
    /// </summary>
    internal sealed class PasswordTrail
    {
        private const int MaxDepth = 16;

        private readonly HashSet<ISymbol> carriers = new(SymbolEqualityComparer.Default);

        /// <summary>Members read through a local, parameter or field: command.Password, model.Password, _options.Password.</summary>
        private readonly List<(ISymbol Root, ISymbol Member)> carrierPaths = new();
        private readonly List<KeptMember> keptMembers = new();
        private readonly List<IPropertyReferenceOperation> memberReads = new();
        private readonly INamedTypeSymbol? requestingType;
        private readonly ISymbol? containingMember;
        private readonly CancellationToken cancellationToken;

        private PasswordTrail(RopcRequest request, IOperation body, ISymbol? containingMember, CancellationToken cancellationToken)
        {
            Request = request;
            Body = body;
            this.containingMember = containingMember;
            requestingType = containingMember as INamedTypeSymbol ?? containingMember?.ContainingType;
            this.cancellationToken = cancellationToken;
        }

        public RopcRequest Request { get; }

        /// <summary>The body (method, accessor, initializer or top-level code) that contains the request.</summary>
        public IOperation Body { get; }

        /// <summary>The locals, parameters, fields and properties that hold the password in <see cref="Body"/>.</summary>
        public IReadOnlyCollection<ISymbol> Carriers => carriers;

        public IReadOnlyList<KeptMember> KeptMembers => keptMembers;

        /// <summary>The properties of other objects the password is read from (command.Password, Settings.Default.Password).</summary>
        public IReadOnlyList<IPropertyReferenceOperation> MemberReads => memberReads;

        /// <summary>Whether anything holds the password in the body: otherwise there is nothing to look for.</summary>
        public bool IsEmpty => carriers.Count == 0 && carrierPaths.Count == 0 && keptMembers.Count == 0;

        /// <summary>
        /// Follows the password of <paramref name="request"/> back from the request; null when the request has no password
        /// part and is not a call (a call may send a request object kept in a field).
        /// </summary>
        public static PasswordTrail? Follow(RopcRequest request, ISymbol? containingMember, CancellationToken cancellationToken)
        {
            if (request.Password is null && request.Site is not IInvocationOperation)
            {
                return null;
            }

            var trail = new PasswordTrail(request, OperationTree.Root(request.Site), containingMember, cancellationToken);
            trail.Visit(request.Password, 0);
            if (trail.carriers.Count > 0 || trail.carrierPaths.Count > 0)
            {
                trail.AddForwardCopies();
            }

            return trail;
        }

        /// <summary>Whether <paramref name="operation"/> evaluates to a value that contains the password (outside the request itself).</summary>
        public bool Carries(IOperation? operation) => Carries(operation, 0);

        /// <summary>Whether a reference names one of the carriers (a local, parameter, field or property, or a member path such as command.Password).</summary>
        public bool IsCarrierReference(IOperation? operation)
        {
            var unwrapped = StringValues.Unwrap(operation);
            if (unwrapped is null || IsInsideRequest(unwrapped))
            {
                return false;
            }

            if (PathOf(unwrapped) is { } path)
            {
                foreach (var carrierPath in carrierPaths)
                {
                    if (SymbolEqualityComparer.Default.Equals(carrierPath.Root, path.Root) && SymbolEqualityComparer.Default.Equals(carrierPath.Member, path.Member))
                    {
                        return true;
                    }
                }

                return false;
            }

            return ReferencedSymbol(unwrapped) is { } symbol && carriers.Contains(symbol);
        }

        public bool IsInsideRequest(IOperation operation)
            => operation.Syntax.SyntaxTree == Request.Site.Syntax.SyntaxTree && Request.Site.Syntax.Span.Contains(operation.Syntax.Span);

        /// <summary>A field or property of the requesting type (or of its base and containing types) on this instance, or static.</summary>
        public bool IsStateOfRequestingType(ISymbol member, IOperation? instance)
        {
            if (requestingType is null || !IsInSource(member))
            {
                return false;
            }

            if (!member.IsStatic && instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            {
                return false;
            }

            return IsDeclaredIn(member, requestingType, includeContainingTypes: true);
        }

        /// <summary>Whether <paramref name="member"/> belongs to <paramref name="type"/> or a base type of it (or of its containing types).</summary>
        internal static bool IsDeclaredIn(ISymbol member, INamedTypeSymbol? type, bool includeContainingTypes)
        {
            var owner = member.ContainingType?.OriginalDefinition;
            for (; type is not null; type = includeContainingTypes ? type.ContainingType : null)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, owner))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A member read through a local, parameter or field (not through this): command.Password.</summary>
        private static (ISymbol Root, ISymbol Member)? PathOf(IOperation operation)
        {
            var (member, instance) = operation switch
            {
                IPropertyReferenceOperation { Property.Parameters.IsEmpty: true } property => ((ISymbol)property.Property, property.Instance),
                IFieldReferenceOperation field => (field.Field, field.Instance),
                _ => (null, null),
            };

            return member is not null && StringValues.Unwrap(instance) is { } root && root is not IInstanceReferenceOperation && ReferencedSymbol(root) is { } rootSymbol
                ? (rootSymbol, member)
                : null;
        }

        internal static ISymbol? ReferencedSymbol(IOperation? operation)
            => operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property when property.Property.Parameters.IsEmpty => property.Property,
                _ => null,
            };

        internal static bool IsInSource(ISymbol symbol)
        {
            foreach (var location in symbol.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private void Visit(IOperation? operation, int depth)
        {
            cancellationToken.ThrowIfCancellationRequested();
            operation = StringValues.Unwrap(operation);
            if (operation is null || depth > MaxDepth || operation.ConstantValue.HasValue)
            {
                return;
            }

            switch (operation)
            {
                case ILocalReferenceOperation local:
                    if (carriers.Add(local.Local))
                    {
                        foreach (var value in LocalValues.AssignedValues(Body, local.Local, cancellationToken))
                        {
                            Visit(value, depth + 1);
                        }
                    }

                    break;

                case IParameterReferenceOperation parameter:
                    carriers.Add(parameter.Parameter);
                    if (IsCapturedPrimaryConstructorParameter(parameter.Parameter))
                    {
                        AddKept(parameter.Parameter, PersistenceChannel.PrimaryConstructorParameter);
                    }

                    break;

                case IFieldReferenceOperation field when IsStateOfRequestingType(field.Field, field.Instance):
                    carriers.Add(field.Field);
                    if (!field.Field.IsConst && !IsHardCoded(field.Field))
                    {
                        AddKept(field.Field, PersistenceChannel.Field);
                    }

                    break;

                case IPropertyReferenceOperation property when property.Property.Parameters.IsEmpty && IsStateOfRequestingType(property.Property, property.Instance):
                    carriers.Add(property.Property);
                    if (IsAutoProperty(property.Property, cancellationToken))
                    {
                        if (!IsHardCoded(property.Property))
                        {
                            AddKept(property.Property, PersistenceChannel.Property);
                        }
                    }
                    else if (WrappedField(property.Property, cancellationToken) is { } wrapped && !IsHardCoded(wrapped))
                    {
                        carriers.Add(wrapped);
                        AddKept(wrapped, PersistenceChannel.Field);
                    }

                    break;

                case IFieldReferenceOperation { Field: { IsStatic: true, IsConst: false } field } when IsInSource(field) && !field.IsImplicitlyDeclared:
                    // A static of another type (a configuration holder): kept for the life of the process.
                    carriers.Add(field);
                    if (!IsHardCoded(field))
                    {
                        AddKept(field, PersistenceChannel.Field);
                    }

                    break;

                case IPropertyReferenceOperation { Property: { IsStatic: true, Parameters.IsEmpty: true } property } when IsInSource(property):
                    carriers.Add(property);
                    if (IsAutoProperty(property, cancellationToken) && !IsHardCoded(property))
                    {
                        AddKept(property, PersistenceChannel.Property);
                    }
                    else if (WrappedField(property, cancellationToken) is { } wrappedStatic && !IsHardCoded(wrappedStatic))
                    {
                        carriers.Add(wrappedStatic);
                        AddKept(wrappedStatic, PersistenceChannel.Field);
                    }

                    break;

                case IPropertyReferenceOperation or IFieldReferenceOperation when PathOf(operation) is { } path:
                    carrierPaths.Add(path);
                    if (operation is IPropertyReferenceOperation memberRead)
                    {
                        memberReads.Add(memberRead);
                    }

                    break;

                case IConditionalOperation conditional:
                    Visit(conditional.WhenTrue, depth + 1);
                    Visit(conditional.WhenFalse, depth + 1);
                    break;

                case ICoalesceOperation coalesce:
                    Visit(coalesce.Value, depth + 1);
                    Visit(coalesce.WhenNull, depth + 1);
                    break;

                case IInvocationOperation invocation when PreservedOperand(invocation) is { } source:
                    Visit(source, depth + 1);
                    break;
            }
        }

        private void AddKept(ISymbol symbol, PersistenceChannel channel)
        {
            foreach (var kept in keptMembers)
            {
                if (SymbolEqualityComparer.Default.Equals(kept.Symbol, symbol))
                {
                    return;
                }
            }

            keptMembers.Add(new KeptMember(symbol, channel));
        }

        /// <summary>Locals that copy the password after the fact (var remembered = password; ...): they carry it to a write too.</summary>
        private void AddForwardCopies()
        {
            for (var pass = 0; pass < 3; pass++)
            {
                var added = false;
                foreach (var descendant in Body.Descendants())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (local, value) = descendant switch
                    {
                        IVariableDeclaratorOperation declarator => (declarator.Symbol, declarator.Initializer?.Value),
                        ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment => (target.Local, assignment.Value),
                        _ => (null, null),
                    };

                    if (local is not null && value is not null && !carriers.Contains(local) && Carries(value, 0))
                    {
                        added |= carriers.Add(local);
                    }
                }

                if (!added)
                {
                    return;
                }
            }
        }

        private bool Carries(IOperation? operation, int depth)
        {
            operation = StringValues.Unwrap(operation);
            if (operation is null || depth > MaxDepth || operation.ConstantValue.HasValue)
            {
                return false;
            }

            switch (operation)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                    return IsCarrierReference(operation);

                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation hole && Carries(hole.Expression, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return Carries(concatenation.LeftOperand, depth + 1) || Carries(concatenation.RightOperand, depth + 1);

                case IConditionalOperation conditional:
                    return Carries(conditional.WhenTrue, depth + 1) || Carries(conditional.WhenFalse, depth + 1);

                case ICoalesceOperation coalesce:
                    return Carries(coalesce.Value, depth + 1) || Carries(coalesce.WhenNull, depth + 1);

                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.ElementValues)
                    {
                        if (Carries(element, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;

                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var initializer in anonymous.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation member && Carries(member.Value, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;

                case IInvocationOperation invocation when IsFormatting(invocation.TargetMethod):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (Carries(argument.Value, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;

                case IInvocationOperation invocation when PreservedOperand(invocation) is { } source:
                    return Carries(source, depth + 1);

                default:
                    return false;
            }
        }

        /// <summary>string.Format/Concat/Join, Encoding.GetBytes and Convert.ToBase64String keep the password readable in their result.</summary>
        private static bool IsFormatting(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return method.IsStatic && method.Name is "Format" or "Concat" or "Join";
            }

            return (method.Name == "GetBytes" && IsType(type, "System.Text", "Encoding", inherited: true))
                   || (method.Name == "ToBase64String" && IsType(type, "System", "Convert", inherited: false));
        }

        /// <summary>The operand of a call that returns the same password in another form: Trim, ToString, URL or data escaping.</summary>
        internal static IOperation? PreservedOperand(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null)
            {
                return null;
            }

            if (type.SpecialType == SpecialType.System_String && !method.IsStatic && method.Name is "Trim" or "TrimStart" or "TrimEnd" or "ToString")
            {
                return invocation.Instance;
            }

            var escapes = (method.Name == "EscapeDataString" && IsType(type, "System", "Uri", inherited: false))
                          || (method.Name == "UrlEncode" && (IsType(type, "System.Net", "WebUtility", inherited: false) || IsType(type, "System.Web", "HttpUtility", inherited: false)));
            return escapes && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
        }

        private static bool IsType(INamedTypeSymbol type, string @namespace, string name, bool inherited)
        {
            for (var current = type; current is not null; current = inherited ? current.BaseType : null)
            {
                if (current.Name == name && RopcApi.NamespaceIs(current.ContainingNamespace, @namespace))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A primary-constructor parameter read by another member is captured into the object for its lifetime.
        /// Read by the constructor's own initializers it is not.
        /// </summary>
        private bool IsCapturedPrimaryConstructorParameter(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                || containingMember is not IMethodSymbol member
                || member.MethodKind == MethodKind.Constructor)
            {
                return false;
            }

            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A field or auto-property initialised with a non-empty literal: a hard-coded password, which is ROPC008's
        /// concern. An empty initial value (= "") is a placeholder for a password set at run time.
        /// </summary>
        private bool IsHardCoded(ISymbol member)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax(cancellationToken) switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };

                if (initializer is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length > 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A request object (PasswordTokenRequest...) kept in a field or auto-property of the requesting type and sent
        /// from there: the object holds the password for as long as the field holds it.
        /// </summary>
        public void AddKeptRequestObject(IOperation argumentValue)
        {
            switch (StringValues.Unwrap(argumentValue))
            {
                case IFieldReferenceOperation field when IsStateOfRequestingType(field.Field, field.Instance) && !field.Field.IsImplicitlyDeclared:
                    AddKept(field.Field, PersistenceChannel.Field);
                    break;
                case IPropertyReferenceOperation property when property.Property.Parameters.IsEmpty
                                                               && IsStateOfRequestingType(property.Property, property.Instance)
                                                               && IsAutoProperty(property.Property, cancellationToken):
                    AddKept(property.Property, PersistenceChannel.Property);
                    break;
            }
        }

        private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (property.IsAbstract || property.IsExtern)
            {
                return false;
            }

            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax(cancellationToken))
                {
                    case ParameterSyntax:
                        // A record's positional parameter.
                        return true;
                    case PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }:
                        foreach (var accessor in accessors.Accessors)
                        {
                            if (accessor.Body is not null || accessor.ExpressionBody is not null)
                            {
                                return false;
                            }
                        }

                        return true;
                }
            }

            return false;
        }

        /// <summary>The field a property's getter returns as is: string Password => _password; or get { return this._password; }.</summary>
        private static IFieldSymbol? WrappedField(IPropertySymbol property, CancellationToken cancellationToken)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax declaration)
                {
                    continue;
                }

                var returned = declaration.ExpressionBody?.Expression;
                if (returned is null && declaration.AccessorList is { } accessors)
                {
                    foreach (var accessor in accessors.Accessors)
                    {
                        if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                        {
                            returned = accessor.ExpressionBody?.Expression
                                       ?? (accessor.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax returnStatement ? returnStatement.Expression : null);
                        }
                    }
                }

                var name = returned switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
                    _ => null,
                };

                if (name is not null)
                {
                    foreach (var candidate in property.ContainingType.GetMembers(name))
                    {
                        if (candidate is IFieldSymbol field && field.IsStatic == property.IsStatic)
                        {
                            return field;
                        }
                    }
                }
            }

            return null;
        }
    }
}
