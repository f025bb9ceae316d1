using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace RopcAnalyzers.Configuration
{
    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>One value of a JSON document, with where it is written (from its first to its last character).</summary>
    internal sealed class JsonValue
    {
        private static readonly IReadOnlyList<JsonProperty> NoProperties = Array.Empty<JsonProperty>();
        private static readonly IReadOnlyList<JsonValue> NoItems = Array.Empty<JsonValue>();

        public JsonValue(JsonKind kind, TextSpan span, string? text = null, IReadOnlyList<JsonProperty>? properties = null, IReadOnlyList<JsonValue>? items = null)
        {
            Kind = kind;
            Span = span;
            Text = text;
            Properties = properties ?? NoProperties;
            Items = items ?? NoItems;
        }

        public JsonKind Kind { get; }

        public TextSpan Span { get; }

        /// <summary>A string's value (escapes decoded), or a number's text as written; null for the other kinds.</summary>
        public string? Text { get; }

        /// <summary>An object's properties in the order written (duplicates kept).</summary>
        public IReadOnlyList<JsonProperty> Properties { get; }

        /// <summary>An array's items.</summary>
        public IReadOnlyList<JsonValue> Items { get; }

        /// <summary>A string's value; null for every other kind.</summary>
        public string? StringValue => Kind == JsonKind.String ? Text : null;
    }

    /// <summary>A name and its value in a JSON object.</summary>
    internal sealed class JsonProperty
    {
        public JsonProperty(string name, TextSpan nameSpan, JsonValue value)
        {
            Name = name;
            NameSpan = nameSpan;
            Value = value;
        }

        public string Name { get; }

        /// <summary>The name as written, quotes included.</summary>
        public TextSpan NameSpan { get; }

        public JsonValue Value { get; }
    }
}
