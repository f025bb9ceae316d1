using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>One {placeholder} of a log message template or composite format string.</summary>
    internal readonly struct Placeholder
    {
        public Placeholder(int start, int end, string name)
        {
            Start = start;
            End = end;
            Name = name;
        }

        /// <summary>Index of the opening brace in the text.</summary>
        public int Start { get; }

        /// <summary>Index just past the closing brace.</summary>
        public int End { get; }

        /// <summary>The name or index, without alignment or format: "Password" for {Password,10:x}.</summary>
        public string Name { get; }

        public bool IsIndex => int.TryParse(Name, out _);
    }

    /// <summary>Reads and edits the placeholders of message templates (ILogger, Serilog, NLog) and composite formats (string.Format).</summary>
    internal static class MessageTemplates
    {
        /// <summary>The placeholders of <paramref name="text"/> in order; null when a brace is unbalanced.</summary>
        public static List<Placeholder>? Parse(string text)
        {
            var placeholders = new List<Placeholder>();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '{')
                {
                    if (i + 1 < text.Length && text[i + 1] == '{')
                    {
                        i++;
                        continue;
                    }

                    var close = text.IndexOf('}', i + 1);
                    var nestedOpen = text.IndexOf('{', i + 1);
                    if (close < 0 || (nestedOpen >= 0 && nestedOpen < close))
                    {
                        return null;
                    }

                    var content = text.Substring(i + 1, close - i - 1);
                    var nameEnd = content.IndexOfAny(new[] { ',', ':' });
                    var name = (nameEnd < 0 ? content : content.Substring(0, nameEnd)).Trim().TrimStart('@', '$');
                    if (name.Length == 0)
                    {
                        return null;
                    }

                    placeholders.Add(new Placeholder(i, close + 1, name));
                    i = close;
                }
                else if (c == '}')
                {
                    if (i + 1 < text.Length && text[i + 1] == '}')
                    {
                        i++;
                        continue;
                    }

                    return null;
                }
            }

            return placeholders;
        }

        /// <summary>
        /// Removes one placeholder, and a space left doubled or dangling by its removal ("as {User} with {Password}." gives
        /// "as {User} with.").
        /// </summary>
        public static string Remove(string text, Placeholder placeholder)
        {
            var before = text.Substring(0, placeholder.Start);
            var after = text.Substring(placeholder.End);
            return JoinAround(before, after);
        }

        /// <summary>Joins the text on both sides of a removed piece without leaving a doubled or dangling space.</summary>
        public static string JoinAround(string before, string after)
        {
            if (before.EndsWith(" ", StringComparison.Ordinal)
                && (after.Length == 0 || after[0] == ' ' || after[0] == '.' || after[0] == ',' || after[0] == '"' || after[0] == '\\'))
            {
                before = before.Substring(0, before.Length - 1);
            }

            return before + after;
        }

        /// <summary>Removes every {index} placeholder of a composite format and renumbers the higher ones.</summary>
        public static string RemoveIndex(string text, int index)
        {
            var indexText = index.ToString(CultureInfo.InvariantCulture);
            while (Parse(text)?.Find(p => p.Name == indexText) is { End: > 0 } occurrence)
            {
                text = Remove(text, occurrence);
            }

            var result = new StringBuilder();
            var position = 0;
            foreach (var placeholder in Parse(text) ?? new List<Placeholder>())
            {
                result.Append(text, position, placeholder.Start - position);
                var original = text.Substring(placeholder.Start, placeholder.End - placeholder.Start);
                var number = int.Parse(placeholder.Name, CultureInfo.InvariantCulture);
                if (number > index)
                {
                    var digitsAt = original.IndexOf(placeholder.Name, StringComparison.Ordinal);
                    result.Append(original, 0, digitsAt)
                        .Append((number - 1).ToString(CultureInfo.InvariantCulture))
                        .Append(original, digitsAt + placeholder.Name.Length, original.Length - digitsAt - placeholder.Name.Length);
                }
                else
                {
                    result.Append(original);
                }

                position = placeholder.End;
            }

            return result.Append(text, position, text.Length - position).ToString();
        }
    }
}
