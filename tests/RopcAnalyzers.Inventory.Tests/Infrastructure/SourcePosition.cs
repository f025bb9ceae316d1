using System;

namespace RopcAnalyzers.Inventory.Tests.Infrastructure
{
    /// <summary>1-based line and column of a piece of source text, so tests state expected locations by the code they point at.</summary>
    public static class SourcePosition
    {
        public static (int Line, int Column) Of(string source, string text)
        {
            source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
            var index = source.IndexOf(text, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{text}' is not in the source");
            Assert.True(source.IndexOf(text, index + 1, StringComparison.Ordinal) < 0, $"'{text}' is in the source more than once");
            var before = source.Substring(0, index);
            var line = before.Split('\n').Length;
            var column = index - (before.LastIndexOf('\n') + 1) + 1;
            return (line, column);
        }
    }
}
