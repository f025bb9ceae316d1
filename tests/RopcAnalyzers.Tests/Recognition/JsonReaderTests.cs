using System.Linq;
using RopcAnalyzers.Configuration;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>The configuration files' JSON reader: values, positions, what appsettings allows, and errors instead of exceptions.</summary>
    public class JsonReaderTests
    {
        [Fact]
        public void Object_KeepsNamesValuesAndWhereTheyAreWritten()
        {
            const string json = "{ \"a\": \"x\\\"y\\u0041\\n\", \"b\": [ 1, -2.5e+3, true, false, null ], \"a\": {} }";

            Assert.True(JsonReader.TryRead(json, out var root, out _));

            Assert.Equal(JsonKind.Object, root!.Kind);
            Assert.Equal(new[] { "a", "b", "a" }, root.Properties.Select(p => p.Name));
            var a = root.Properties[0];
            Assert.Equal("\"a\"", json.Substring(a.NameSpan.Start, a.NameSpan.Length));
            Assert.Equal("x\"yA\n", a.Value.StringValue);
            Assert.Equal("\"x\\\"y\\u0041\\n\"", json.Substring(a.Value.Span.Start, a.Value.Span.Length));
            Assert.Equal(
                new[] { JsonKind.Number, JsonKind.Number, JsonKind.True, JsonKind.False, JsonKind.Null },
                root.Properties[1].Value.Items.Select(item => item.Kind));
            Assert.Equal("-2.5e+3", root.Properties[1].Value.Items[1].Text);
            Assert.Equal(JsonKind.Object, root.Properties[2].Value.Kind);
            Assert.Equal(json.Length, root.Span.End);
        }

        [Fact]
        public void CommentsTrailingCommasAndAByteOrderMark_AreAllowed()
        {
            const string json = "\uFEFF// head\n{ /* a */ \"a\": [ 1, 2, ], // b\n \"b\": { \"c\": 3, }, }\n/* tail */";

            Assert.True(JsonReader.TryRead(json, out var root, out _));

            Assert.Equal(new[] { "a", "b" }, root!.Properties.Select(p => p.Name));
            Assert.Equal(2, root.Properties[0].Value.Items.Count);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  \n")]
        [InlineData("// only a comment")]
        public void NothingButTrivia_ReadsAsNoValue(string json)
        {
            Assert.True(JsonReader.TryRead(json, out var root, out _));
            Assert.Null(root);
        }

        [Theory]
        [InlineData("{ \"a\": \"line\nbreak\" }", 12, "the string is not closed on its line")]
        [InlineData("{ \"a\": \"\\x\" }", 8, "an invalid escape sequence in a string")]
        [InlineData("{ \"a\": tru }", 7, "unexpected text where a value was expected")]
        [InlineData("{ \"a\": - }", 8, "a digit expected in a number")]
        [InlineData("{ \"a\": 1. }", 9, "a digit expected after the decimal point")]
        [InlineData("{ \"a\": , }", 7, "unexpected character ',' where a value was expected")]
        [InlineData("[ 1, 2", 6, "the document ends inside an array: ']' expected")]
        [InlineData("{ \"a\": \"open", 12, "the document ends inside a string")]
        [InlineData("{ \"a\": 1 \"b\": 2 }", 9, "',' or '}' expected after a property")]
        public void MalformedJson_GivesTheFirstErrorAndItsPosition(string json, int position, string message)
        {
            Assert.False(JsonReader.TryRead(json, out var root, out var error));

            Assert.Null(root);
            Assert.Equal(position, error.Position);
            Assert.Equal(message, error.Message);
        }

        [Fact]
        public void NestingDeeperThanTheLimit_IsAnError_NotAStackOverflow()
        {
            var deep = new string('[', 100000) + new string(']', 100000);
            var atLimit = new string('[', JsonReader.MaxDepth) + new string(']', JsonReader.MaxDepth);

            Assert.False(JsonReader.TryRead(deep, out _, out var error));
            Assert.Equal(JsonReader.MaxDepth, error.Position);
            Assert.True(JsonReader.TryRead(atLimit, out _, out _));
        }

        [Fact]
        public void EveryPrefixOfADocument_IsReadOrRejected_WithoutThrowing()
        {
            const string json = "{ \"a\": [ \"x\\u00e9\", 1.5E-2, { \"b\": null } ], /* c */ \"d\": true, // e\n \"f\": \"\\\\\" }";
            for (var length = 0; length < json.Length; length++)
            {
                var read = JsonReader.TryRead(json.Substring(0, length), out var root, out var error);
                Assert.True(read ? root is not null || length == 0 : error.Position <= length, $"prefix {length}");
            }

            Assert.True(JsonReader.TryRead(json, out _, out _));
        }
    }
}
