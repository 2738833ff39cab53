namespace Adrn.Synthetic;

/// <summary>What a generation run wrote.</summary>
/// <param name="OutputDirectory">The folder the files were written to (full path).</param>
/// <param name="Files">Every file written, relative to <paramref name="OutputDirectory"/>, sorted ordinally.</param>
/// <param name="RowCounts">Data rows per logical table (employers, employees, cohort, truth/…), sorted ordinally by name.</param>
/// <param name="Seconds">Wall-clock seconds the run took.</param>
public sealed record SyntheticPopulationSummary(
    string OutputDirectory,
    IReadOnlyList<string> Files,
    IReadOnlyList<KeyValuePair<string, long>> RowCounts,
    double Seconds)
{
    /// <summary>The row count of a table, or 0 when it was not written.</summary>
    /// <param name="table">Table name, e.g. <c>employees</c> or <c>truth/persons</c>.</param>
    public long RowsOf(string table) => RowCounts.FirstOrDefault(kv => kv.Key == table).Value;
}
