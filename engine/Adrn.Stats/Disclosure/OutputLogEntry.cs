using System.Text.Json.Serialization;

namespace Adrn.Stats.Disclosure;

/// <summary>One line of the output log: what was checked, the verdict, and a checksum of exactly what was shown.</summary>
/// <param name="Id">The output identifier.</param>
/// <param name="Kind">regression, frequency-table, magnitude-table, ...</param>
/// <param name="Status">pass, fail or review (lower case in JSON).</param>
/// <param name="Reasons">Why it failed or needs review.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the rendered output's UTF-8 bytes.</param>
/// <param name="RecordedAtUtc">When the entry was recorded.</param>
public sealed record OutputLogEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("recorded_at_utc")] DateTimeOffset RecordedAtUtc);
