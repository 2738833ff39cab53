using System.Text.Json;
using System.Text.Json.Nodes;

namespace Adrn.Stats.Disclosure;

/// <summary>The JSON pieces every result report shares: serializer options, finite numbers, and the output check object.</summary>
internal static class OutputCheckJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A number, or null for NaN and infinities (JSON has neither).</summary>
    public static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;

    /// <summary><c>{id, kind, status, reasons}</c>.</summary>
    public static JsonObject Check(OutputCheck check) => new()
    {
        ["id"] = check.Id,
        ["kind"] = check.Kind,
        ["status"] = check.Status.ToString().ToLowerInvariant(),
        ["reasons"] = new JsonArray([.. check.Reasons.Select(x => (JsonNode?)JsonValue.Create(x))]),
    };
}
