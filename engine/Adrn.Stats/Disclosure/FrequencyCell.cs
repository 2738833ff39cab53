namespace Adrn.Stats.Disclosure;

/// <summary>One cell of a frequency table: how many units fall into it.</summary>
/// <param name="Key">The cell label, e.g. <c>TLI / C</c> (region / SIC section).</param>
/// <param name="Count">The number of units (persons, firms) in the cell.</param>
public sealed record FrequencyCell(string Key, long Count);
