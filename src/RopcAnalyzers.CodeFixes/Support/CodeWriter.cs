using System.Text;

namespace RopcAnalyzers.CodeFixes.Support
{
    /// <summary>
    /// Writes generated members line by line with the indentation and line break of the code they join, so the
    /// result needs no formatter pass over the user's file.
    /// </summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder text = new();
        private readonly string indentation;
        private readonly string unit;
        private readonly string newLine;

        public CodeWriter(string indentation, string unit, string newLine)
        {
            this.indentation = indentation;
            this.unit = unit;
            this.newLine = newLine;
        }

        public CodeWriter Blank()
        {
            text.Append(newLine);
            return this;
        }

        /// <summary>Writes one line, <paramref name="depth"/> levels deeper than the member.</summary>
        public CodeWriter Line(int depth, string line)
        {
            text.Append(indentation);
            for (var i = 0; i < depth; i++)
            {
                text.Append(unit);
            }

            text.Append(line).Append(newLine);
            return this;
        }

        public override string ToString() => text.ToString();
    }
}
