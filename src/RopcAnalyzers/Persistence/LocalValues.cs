using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Persistence
{
    /// <summary>The values a local receives within its body.</summary>
    internal static class LocalValues
    {
        /// <summary>Every value assigned to <paramref name="local"/> in <paramref name="body"/>: its initializer and simple assignments.</summary>
        public static IEnumerable<IOperation> AssignedValues(IOperation body, ILocalSymbol local, CancellationToken cancellationToken)
        {
            foreach (var descendant in body.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (descendant)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                        if (initializer is not null)
                        {
                            yield return initializer.Value;
                        }

                        break;

                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        yield return assignment.Value;
                        break;
                }
            }
        }

        /// <summary>
        /// What an operation stands for when it is a local assigned exactly once in its body (its one value), or
        /// the operation itself when it is not a local.
        /// </summary>
        public static IOperation? SingleAssignedValue(IOperation operation, CancellationToken cancellationToken)
        {
            var unwrapped = StringValues.Unwrap(operation);
            if (unwrapped is not ILocalReferenceOperation reference)
            {
                return unwrapped;
            }

            IOperation? single = null;
            foreach (var value in AssignedValues(OperationTree.Root(reference), reference.Local, cancellationToken))
            {
                if (single is not null)
                {
                    return null;
                }

                single = value;
            }

            return StringValues.Unwrap(single);
        }
    }
}
