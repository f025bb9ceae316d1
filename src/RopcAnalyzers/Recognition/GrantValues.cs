using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Persistence;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// Decides whether a grant value is certainly the password grant: a string known at compile time
    /// (<see cref="StringValues"/>), a conditional, null-coalescing or switch whose every branch is one
    /// (realm == null ? "password" : "http://auth0.com/oauth/grant-type/password-realm"), or a field or property of the
    /// compilation whose every write visible in source is one: its initializer, assignments and object initializers
    /// anywhere, and constructor or factory parameters that every call passes the password grant to
    /// (settings.GrantType where TokenSettings.ForUser(...) does new TokenSettings("password", ...)).
    /// </summary>
    internal sealed class GrantValues
    {
        private const int MaxDepth = 4;

        private readonly SourceScan? scan;

        // Per member: whether it always holds the password grant. Decided under the lock, one member at a time (few
        // members are ever asked about); a member being decided counts as not holding it, so that a cycle of members ends.
        private readonly object gate = new();
        private readonly Dictionary<ISymbol, Holding> members = new(SymbolEqualityComparer.Default);

        public GrantValues(SourceScan? scan)
        {
            this.scan = scan;
        }

        /// <summary>Only strings known at compile time and branches of them: no member of the compilation is looked into.</summary>
        public static GrantValues ConstantsOnly { get; } = new(scan: null);

        /// <summary>
        /// Whether <paramref name="value"/> is certainly the password grant. With <paramref name="followMembers"/> false, only
        /// strings known at compile time and branches of them count: a grant written into a request object's member is
        /// judged on what is written there, and where it comes from is judged where it is written.
        /// </summary>
        public bool IsPasswordGrant(IOperation? value, bool followMembers, CancellationToken cancellationToken)
            => IsPasswordGrant(value, followMembers ? 0 : MaxDepth + 1, cancellationToken);

        private bool IsPasswordGrant(IOperation? value, int depth, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (StringValues.TryResolve(value, cancellationToken, out var text))
            {
                return RopcRecognizer.IsPasswordGrantValue(text);
            }

            if (depth > 2 * MaxDepth)
            {
                return false;
            }

            switch (StringValues.Unwrap(value))
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsPasswordGrant(conditional.WhenTrue, depth + 1, cancellationToken) && IsPasswordGrant(whenFalse, depth + 1, cancellationToken);

                case ICoalesceOperation coalesce:
                    return IsPasswordGrant(coalesce.Value, depth + 1, cancellationToken) && IsPasswordGrant(coalesce.WhenNull, depth + 1, cancellationToken);

                case ISwitchExpressionOperation { Arms.Length: > 0 } switchExpression:
                    foreach (var arm in switchExpression.Arms)
                    {
                        if (!IsPasswordGrant(arm.Value, depth + 1, cancellationToken))
                        {
                            return false;
                        }
                    }

                    return true;

                case ILocalReferenceOperation local:
                    var any = false;
                    foreach (var assigned in LocalValues.AssignedValues(OperationTree.Root(local), local.Local, cancellationToken))
                    {
                        if (!IsPasswordGrant(assigned, depth + 1, cancellationToken))
                        {
                            return false;
                        }

                        any = true;
                    }

                    return any;

                case IPropertyReferenceOperation { Property: { Parameters.IsEmpty: true } property } when depth <= MaxDepth:
                    return HoldingOf(property, depth, cancellationToken) == Holding.Always;

                case IFieldReferenceOperation { Field: { } field } when depth <= MaxDepth:
                    return HoldingOf(field, depth, cancellationToken) == Holding.Always;

                case IParameterReferenceOperation parameter when depth <= MaxDepth:
                    return HoldingOf(parameter.Parameter, depth, cancellationToken) == Holding.Always;

                default:
                    return false;
            }
        }

        private enum Holding
        {
            /// <summary>Some write is not the password grant, or no write is seen.</summary>
            No,

            /// <summary>Every write is the password grant.</summary>
            Always,

            /// <summary>
            /// Every write is the password grant, spelled out where it is written to a member named after the grant_type key
            /// (new Settings { GrantType = "password" }): each write is a request object the recognizer reports itself, so a
            /// read of the member is not another request.
            /// </summary>
            AlwaysReportedWhereWritten,
        }

        private Holding HoldingOf(ISymbol member, int depth, CancellationToken cancellationToken)
        {
            if (scan is null || !PasswordTrail.IsInSource(member) || member.IsImplicitlyDeclared)
            {
                return Holding.No;
            }

            member = member.OriginalDefinition;
            lock (gate)
            {
                if (members.TryGetValue(member, out var known))
                {
                    return known;
                }

                members[member] = Holding.No;
                try
                {
                    var holding = WritesOf(member, depth, cancellationToken);
                    members[member] = holding;
                    return holding;
                }
                catch (System.OperationCanceledException)
                {
                    members.Remove(member);
                    throw;
                }
            }
        }

        private Holding WritesOf(ISymbol member, int depth, CancellationToken cancellationToken)
        {
            if (member is IParameterSymbol parameter)
            {
                return EveryCallPassesPasswordGrant(parameter, depth, cancellationToken) ? Holding.Always : Holding.No;
            }

            var writes = 0;
            var passedOn = 0;
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var written = declaration switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.ExpressionBody?.Expression ?? property.Initializer?.Value,
                    _ => null,
                };

                if (declaration is ParameterSyntax && member is IPropertySymbol positional)
                {
                    // A record's positional property holds what its constructor is given.
                    if (!EveryCallPassesPasswordGrant(PrimaryConstructorParameter(positional), depth, cancellationToken))
                    {
                        return Holding.No;
                    }

                    writes++;
                    passedOn++;
                }
                else if (written is not null && !IsPlaceholder(written))
                {
                    if (!IsWrittenGrant(scan!.ModelOf(written.SyntaxTree).GetOperation(written, cancellationToken), depth, cancellationToken, ref passedOn))
                    {
                        return Holding.No;
                    }

                    writes++;
                }
            }

            foreach (var identifier in scan!.Identifiers(new[] { member.Name }, cancellationToken))
            {
                if (WriteOf(identifier) is not { } assignment)
                {
                    continue;
                }

                var operation = scan.ModelOf(assignment.SyntaxTree).GetOperation(assignment, cancellationToken);
                if (operation is IAssignmentOperation { Target: IMemberReferenceOperation target } write
                    && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member))
                {
                    if (write is not ISimpleAssignmentOperation simple || !IsWrittenGrant(simple.Value, depth, cancellationToken, ref passedOn))
                    {
                        return Holding.No;
                    }

                    writes++;
                }
            }

            if (writes == 0)
            {
                return Holding.No;
            }

            return passedOn == 0 && FormPairs.KeyMatches(member.Name, RopcRecognizer.GrantTypeKey) ? Holding.AlwaysReportedWhereWritten : Holding.Always;
        }

        /// <summary>Whether a value written to a member is the password grant; counts the writes whose value is not spelled out there.</summary>
        private bool IsWrittenGrant(IOperation? value, int depth, CancellationToken cancellationToken, ref int passedOn)
        {
            if (!IsPasswordGrant(value, depth + 1, cancellationToken))
            {
                return false;
            }

            if (!IsPasswordGrant(value, MaxDepth + 1, cancellationToken))
            {
                passedOn++;
            }

            return true;
        }

        /// <summary>Whether every call of the parameter's method or constructor in source passes it the password grant (at least one does).</summary>
        private bool EveryCallPassesPasswordGrant(IParameterSymbol? parameter, int depth, CancellationToken cancellationToken)
        {
            if (scan is null || depth > MaxDepth || parameter?.ContainingSymbol is not IMethodSymbol method || !PasswordTrail.IsInSource(method))
            {
                return false;
            }

            var name = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
            var calls = 0;
            foreach (var identifier in scan.Identifiers(new[] { name }, cancellationToken))
            {
                if (SourceScan.CallNamedBy(identifier) is not { } call)
                {
                    continue;
                }

                var (target, arguments) = scan.ModelOf(call.SyntaxTree).GetOperation(call, cancellationToken) switch
                {
                    IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                    IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
                    _ => (null, default),
                };

                if (target is null || !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                if (!IsPasswordGrant(RequestReach.ArgumentValue(arguments, new WrapperInput(parameter.Ordinal, RequestSlot.None, null), scan, cancellationToken), depth + 1, cancellationToken))
                {
                    return false;
                }

                calls++;
            }

            return calls > 0;
        }

        private static IParameterSymbol? PrimaryConstructorParameter(IPropertySymbol property)
        {
            foreach (var constructor in property.ContainingType.InstanceConstructors)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (parameter.Name == property.Name && constructor.Parameters.Length > 0 && !constructor.IsImplicitlyDeclared)
                    {
                        return parameter;
                    }
                }
            }

            return null;
        }

        /// <summary>An initial value that only stands in until the real grant is set: "", null, default, string.Empty.</summary>
        private static bool IsPlaceholder(ExpressionSyntax initializer)
            => initializer switch
            {
                LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression) || (literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length == 0),
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty", Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" } } => true,
                PostfixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax operand } when operand.IsKind(SyntaxKind.NullLiteralExpression) || operand.IsKind(SyntaxKind.DefaultLiteralExpression) => true,
                _ => false,
            };

        /// <summary>The assignment an identifier is the target of: Name = ..., x.Name = ..., this.Name = ..., or new T { Name = ... }.</summary>
        private static AssignmentExpressionSyntax? WriteOf(SyntaxToken identifier)
        {
            SyntaxNode? target = identifier.Parent as IdentifierNameSyntax;
            if (target?.Parent is MemberAccessExpressionSyntax access && access.Name == target)
            {
                target = access;
            }

            return target?.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ? assignment : null;
        }
    }
}
