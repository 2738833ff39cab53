namespace Adrn.Linkage.Preparation;

/// <summary>A row (or value) set aside while reading a source, with the reason; written to <c>quarantine.csv</c>.</summary>
/// <param name="File">Path of the source file.</param>
/// <param name="Row">Data row number, 1 = first row after the header.</param>
/// <param name="Column">File column concerned.</param>
/// <param name="Value">The offending value ("" when missing).</param>
/// <param name="Reason">Why the row was set aside.</param>
public sealed record QuarantineEntry(string File, int Row, string Column, string Value, string Reason);
