using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// Resolves the string an operation certainly evaluates to: compile-time constants, static readonly
    /// fields and get-only properties initialised with a literal, and locals assigned once from a constant.
    /// Anything else (parameters, mutable state, values computed at run time) is unknown.
    /// </summary>
    internal static class StringValues
    {
        public static bool TryResolve(IOperation? operation, CancellationToken cancellationToken, out string value)
        {
            value = string.Empty;
            operation = Unwrap(operation);
            if (operation is null)
            {
                return false;
            }

            if (operation.ConstantValue.HasValue)
            {
                if (operation.ConstantValue.Value is string constant)
                {
                    value = constant;
                    return true;
                }

                return false;
            }

            switch (operation)
            {
                case IFieldReferenceOperation fieldReference
                    when fieldReference.Field.IsReadOnly && fieldReference.Field.Type.SpecialType == SpecialType.System_String:
                    return TryGetLiteralInitializer(fieldReference.Field, cancellationToken, out value);

                case IPropertyReferenceOperation propertyReference
                    when propertyReference.Property.IsReadOnly
                        && propertyReference.Property.Parameters.IsEmpty
                        && propertyReference.Property.Type.SpecialType == SpecialType.System_String:
                    return TryGetLiteralInitializer(propertyReference.Property, cancellationToken, out value);

                case ILocalReferenceOperation localReference:
                    return TryResolveSingleAssignmentLocal(localReference, cancellationToken, out value);

                default:
                    return false;
            }
        }

        public static bool Is(IOperation? operation, string expected, CancellationToken cancellationToken)
            => TryResolve(operation, cancellationToken, out var value) && value == expected;

        /// <summary>Strips implicit conversions and parentheses-like wrappers that do not change a string.</summary>
        public static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.IsImplicit || conversion.Type?.SpecialType == SpecialType.System_String || conversion.Type?.SpecialType == SpecialType.System_Object:
                        operation = conversion.Operand;
                        continue;
                    case IArgumentOperation argument:
                        operation = argument.Value;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        internal static bool TryGetLiteralInitializer(ISymbol member, CancellationToken cancellationToken, out string value)
        {
            value = string.Empty;
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                ExpressionSyntax? initializer = syntax switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.ExpressionBody?.Expression ?? property.Initializer?.Value ?? SingleReturnOfGetter(property),
                    _ => null,
                };

                if (initializer is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    value = literal.Token.ValueText;
                    return true;
                }
            }

            return false;
        }

        private static ExpressionSyntax? SingleReturnOfGetter(PropertyDeclarationSyntax property)
        {
            if (property.AccessorList is null)
            {
                return null;
            }

            foreach (var accessor in property.AccessorList.Accessors)
            {
                if (!accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                {
                    continue;
                }

                if (accessor.ExpressionBody is not null)
                {
                    return accessor.ExpressionBody.Expression;
                }

                if (accessor.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax returnStatement)
                {
                    return returnStatement.Expression;
                }
            }

            return null;
        }

        private static bool TryResolveSingleAssignmentLocal(ILocalReferenceOperation localReference, CancellationToken cancellationToken, out string value)
        {
            value = string.Empty;
            var local = localReference.Local;
            if (local.Type.SpecialType != SpecialType.System_String || local.IsRef)
            {
                return false;
            }

            var root = OperationTree.Root(localReference);
            IOperation? initializer = null;
            foreach (var descendant in root.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (descendant)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.Initializer?.Value;
                        break;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) && OperationTree.IsWrittenTo(reference):
                        return false;
                }
            }

            if (initializer is null || !initializer.ConstantValue.HasValue || initializer.ConstantValue.Value is not string constant)
            {
                return false;
            }

            value = constant;
            return true;
        }
    }
}
