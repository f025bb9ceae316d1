using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>Expressions a fix may copy or drop without changing what else the code does.</summary>
    internal static class SafeExpressions
    {
        /// <summary>
        /// True for expressions without side effects: literals, names, member accesses, nameof, interpolations and
        /// concatenations of those, and array or collection creations whose elements are such expressions.
        /// </summary>
        public static bool IsSideEffectFree(ExpressionSyntax? expression)
        {
            switch (expression)
            {
                case null:
                    return false;
                case LiteralExpressionSyntax or IdentifierNameSyntax or ThisExpressionSyntax or PredefinedTypeSyntax or DefaultExpressionSyntax or TypeOfExpressionSyntax:
                    return true;
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.IsKind(SyntaxKind.SimpleMemberAccessExpression) && IsSideEffectFree(memberAccess.Expression);
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsSideEffectFree(parenthesized.Expression);
                case CastExpressionSyntax cast:
                    return IsSideEffectFree(cast.Expression);
                case PostfixUnaryExpressionSyntax suppression when suppression.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    return IsSideEffectFree(suppression.Operand);
                case BinaryExpressionSyntax binary:
                    return IsSideEffectFree(binary.Left) && IsSideEffectFree(binary.Right);
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                    return true;
                case InterpolatedStringExpressionSyntax interpolated:
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolationSyntax hole && !IsSideEffectFree(hole.Expression))
                        {
                            return false;
                        }
                    }

                    return true;
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return AreSideEffectFree(implicitArray.Initializer);
                case ArrayCreationExpressionSyntax array:
                    foreach (var rank in array.Type.RankSpecifiers)
                    {
                        foreach (var size in rank.Sizes)
                        {
                            if (size is not OmittedArraySizeExpressionSyntax && !IsSideEffectFree(size))
                            {
                                return false;
                            }
                        }
                    }

                    return array.Initializer is null || AreSideEffectFree(array.Initializer);
                case InitializerExpressionSyntax initializer:
                    return AreSideEffectFree(initializer);
                case CollectionExpressionSyntax collection:
                    foreach (var element in collection.Elements)
                    {
                        if (element is not ExpressionElementSyntax { Expression: var value } || !IsSideEffectFree(value))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        private static bool AreSideEffectFree(InitializerExpressionSyntax initializer)
        {
            foreach (var element in initializer.Expressions)
            {
                if (!IsSideEffectFree(element))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
