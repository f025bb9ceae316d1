using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace RopcAnalyzers.Configuration
{
    /// <summary>Why a document could not be read, and where.</summary>
    internal readonly struct JsonReadError
    {
        public JsonReadError(int position, string message)
        {
            Position = position;
            Message = message;
        }

        public int Position { get; }

        public string Message { get; }
    }

    /// <summary>
    /// Reads JSON as .NET's configuration reads appsettings files: comments (// and /* */) and trailing commas are
    /// allowed, nesting is limited to <see cref="MaxDepth"/> levels (System.Text.Json's default). Never throws on
    /// malformed input: it returns the first error and its position. Written here because an analyzer cannot
    /// bring a JSON library into the compiler.
    /// </summary>
    internal sealed class JsonReader
    {
        public const int MaxDepth = 64;

        private readonly string text;
        private int position;
        private JsonReadError? error;

        private JsonReader(string text)
        {
            this.text = text;
        }

        /// <summary>
        /// Reads <paramref name="text"/>. A document with nothing but white space and comments reads as no value
        /// (<paramref name="root"/> null) and no error.
        /// </summary>
        public static bool TryRead(string text, out JsonValue? root, out JsonReadError error)
        {
            var reader = new JsonReader(text);
            root = null;
            reader.SkipTrivia();
            if (reader.error is null && reader.position < text.Length)
            {
                root = reader.ReadValue(depth: 1);
                reader.SkipTrivia();
                if (reader.error is null && reader.position < text.Length)
                {
                    reader.Fail("unexpected text after the end of the document");
                }
            }

            error = reader.error ?? default;
            if (reader.error is not null)
            {
                root = null;
                return false;
            }

            return true;
        }

        private JsonValue? ReadValue(int depth)
        {
            if (position >= text.Length)
            {
                return Fail("the document ends where a value was expected");
            }

            var c = text[position];
            switch (c)
            {
                case '{':
                    return depth > MaxDepth ? Fail($"it is nested more than {MaxDepth} levels deep") : ReadObject(depth);
                case '[':
                    return depth > MaxDepth ? Fail($"it is nested more than {MaxDepth} levels deep") : ReadArray(depth);
                case '"':
                    var start = position;
                    return ReadString() is { } value ? new JsonValue(JsonKind.String, TextSpan.FromBounds(start, position), value) : null;
                case 't':
                    return ReadLiteral("true", JsonKind.True);
                case 'f':
                    return ReadLiteral("false", JsonKind.False);
                case 'n':
                    return ReadLiteral("null", JsonKind.Null);
                default:
                    return c == '-' || IsDigit(c) ? ReadNumber() : Fail($"unexpected character '{c}' where a value was expected");
            }
        }

        private JsonValue? ReadObject(int depth)
        {
            var start = position++;
            var properties = new List<JsonProperty>();
            while (true)
            {
                if (!SkipTrivia())
                {
                    return null;
                }

                if (position >= text.Length)
                {
                    return Fail("the document ends inside an object: '}' expected");
                }

                if (text[position] == '}')
                {
                    position++;
                    return new JsonValue(JsonKind.Object, TextSpan.FromBounds(start, position), properties: properties);
                }

                if (text[position] != '"')
                {
                    return Fail("a property name in double quotes expected");
                }

                var nameStart = position;
                if (ReadString() is not { } name)
                {
                    return null;
                }

                var nameSpan = TextSpan.FromBounds(nameStart, position);
                if (!SkipTrivia())
                {
                    return null;
                }

                if (position >= text.Length || text[position] != ':')
                {
                    return Fail("':' expected after a property name");
                }

                position++;
                if (!SkipTrivia() || ReadValue(depth + 1) is not { } value)
                {
                    return null;
                }

                properties.Add(new JsonProperty(name, nameSpan, value));
                if (!SkipTrivia())
                {
                    return null;
                }

                if (position < text.Length && text[position] == ',')
                {
                    // A trailing comma before '}' is allowed: the loop then meets the '}'.
                    position++;
                }
                else if (position >= text.Length)
                {
                    return Fail("the document ends inside an object: '}' expected");
                }
                else if (text[position] != '}')
                {
                    return Fail("',' or '}' expected after a property");
                }
            }
        }

        private JsonValue? ReadArray(int depth)
        {
            var start = position++;
            var items = new List<JsonValue>();
            while (true)
            {
                if (!SkipTrivia())
                {
                    return null;
                }

                if (position >= text.Length)
                {
                    return Fail("the document ends inside an array: ']' expected");
                }

                if (text[position] == ']')
                {
                    position++;
                    return new JsonValue(JsonKind.Array, TextSpan.FromBounds(start, position), items: items);
                }

                if (ReadValue(depth + 1) is not { } item)
                {
                    return null;
                }

                items.Add(item);
                if (!SkipTrivia())
                {
                    return null;
                }

                if (position < text.Length && text[position] == ',')
                {
                    position++;
                }
                else if (position >= text.Length)
                {
                    return Fail("the document ends inside an array: ']' expected");
                }
                else if (text[position] != ']')
                {
                    return Fail("',' or ']' expected after an array item");
                }
            }
        }

        /// <summary>Reads a string at the opening quote; returns its decoded value, or null after an error.</summary>
        private string? ReadString()
        {
            position++;
            var value = new StringBuilder();
            while (position < text.Length)
            {
                var c = text[position++];
                if (c == '"')
                {
                    return value.ToString();
                }

                if (c < ' ')
                {
                    position--;
                    Fail(c == '\n' || c == '\r' ? "the string is not closed on its line" : "a control character in a string must be escaped");
                    return null;
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (position >= text.Length)
                {
                    break;
                }

                var escaped = text[position++];
                switch (escaped)
                {
                    case '"':
                    case '\\':
                    case '/':
                        value.Append(escaped);
                        break;
                    case 'b':
                        value.Append('\b');
                        break;
                    case 'f':
                        value.Append('\f');
                        break;
                    case 'n':
                        value.Append('\n');
                        break;
                    case 'r':
                        value.Append('\r');
                        break;
                    case 't':
                        value.Append('\t');
                        break;
                    case 'u' when position + 4 <= text.Length
                        && int.TryParse(text.Substring(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                        value.Append((char)code);
                        position += 4;
                        break;
                    default:
                        position -= 2;
                        Fail("an invalid escape sequence in a string");
                        return null;
                }
            }

            Fail("the document ends inside a string");
            return null;
        }

        private JsonValue? ReadNumber()
        {
            var start = position;
            if (text[position] == '-')
            {
                position++;
            }

            if (!SkipDigits())
            {
                return Fail("a digit expected in a number");
            }

            if (position < text.Length && text[position] == '.')
            {
                position++;
                if (!SkipDigits())
                {
                    return Fail("a digit expected after the decimal point");
                }
            }

            if (position < text.Length && (text[position] == 'e' || text[position] == 'E'))
            {
                position++;
                if (position < text.Length && (text[position] == '+' || text[position] == '-'))
                {
                    position++;
                }

                if (!SkipDigits())
                {
                    return Fail("a digit expected in the exponent");
                }
            }

            return new JsonValue(JsonKind.Number, TextSpan.FromBounds(start, position), text.Substring(start, position - start));
        }

        private bool SkipDigits()
        {
            var start = position;
            while (position < text.Length && IsDigit(text[position]))
            {
                position++;
            }

            return position > start;
        }

        private JsonValue? ReadLiteral(string literal, JsonKind kind)
        {
            if (string.CompareOrdinal(text, position, literal, 0, literal.Length) != 0)
            {
                return Fail($"unexpected text where a value was expected");
            }

            var start = position;
            position += literal.Length;
            return new JsonValue(kind, new TextSpan(start, literal.Length));
        }

        /// <summary>Skips white space and comments; false after an unclosed block comment.</summary>
        private bool SkipTrivia()
        {
            while (error is null && position < text.Length)
            {
                var c = text[position];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF')
                {
                    position++;
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '/')
                {
                    while (position < text.Length && text[position] != '\n' && text[position] != '\r')
                    {
                        position++;
                    }
                }
                else if (c == '/' && position + 1 < text.Length && text[position + 1] == '*')
                {
                    var end = text.IndexOf("*/", position + 2, System.StringComparison.Ordinal);
                    if (end < 0)
                    {
                        Fail("a comment is not closed: '*/' expected");
                        return false;
                    }

                    position = end + 2;
                }
                else
                {
                    break;
                }
            }

            return error is null;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private JsonValue? Fail(string message)
        {
            error ??= new JsonReadError(position, message);
            return null;
        }
    }
}
