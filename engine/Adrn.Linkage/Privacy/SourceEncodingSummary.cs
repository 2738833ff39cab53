namespace Adrn.Linkage.Privacy;

/// <summary>What <see cref="SourceEncoder.Encode"/> wrote.</summary>
/// <param name="Path">The encoded CSV.</param>
/// <param name="Rows">Rows written (every input row: none is dropped).</param>
/// <param name="MissingByField">Per encoded field, values that were empty or unparseable (written as empty).</param>
public sealed record SourceEncodingSummary(string Path, long Rows, IReadOnlyDictionary<string, long> MissingByField);
