using System;

namespace RopcAnalyzers.Inventory
{
    /// <summary>A failure the user can act on (the input cannot be opened, nothing could be analysed): one line, exit 3.</summary>
    internal sealed class InventoryException : Exception
    {
        public InventoryException(string message)
            : base(message)
        {
        }
    }
}
