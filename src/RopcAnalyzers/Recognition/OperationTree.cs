using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>Small helpers for walking an operation tree within one body.</summary>
    internal static class OperationTree
    {
        /// <summary>The outermost operation of the body that contains <paramref name="operation"/>.</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>True when the reference is the target of an assignment, an out/ref argument, or ++/--.</summary>
        public static bool IsWrittenTo(IOperation reference)
        {
            var parent = reference.Parent;
            return parent switch
            {
                IAssignmentOperation assignment => assignment.Target == reference || assignment is IDeconstructionAssignmentOperation,
                IIncrementOrDecrementOperation => true,
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref,
                ITupleOperation tuple => tuple.Parent is IDeconstructionAssignmentOperation,
                _ => false,
            };
        }

        /// <summary>Skips implicit conversions and argument wrappers upwards.</summary>
        public static IOperation? ParentSkippingConversions(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent;
        }

        /// <summary>Whether two instance operations certainly refer to the same local, parameter or field.</summary>
        public static ISymbol? ReferencedSymbol(IOperation? operation)
        {
            operation = StringValues.Unwrap(operation);
            return operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property when property.Property.Parameters.IsEmpty => property.Property,
                _ => null,
            };
        }
    }
}
