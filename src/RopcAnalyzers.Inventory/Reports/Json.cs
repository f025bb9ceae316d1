using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RopcAnalyzers.Inventory.Reports
{
    /// <summary>One JSON style for reports and baselines: indented, camelCase, nulls left out, text readable as written.</summary>
    internal static class Json
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Reports are read by people and by tools, never embedded in HTML: keep quotes, < and > as written.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
    }
}
