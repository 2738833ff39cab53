using Adrn.Linkage.Preparation;
using Adrn.Tables;

namespace Adrn.Linkage.Output;

/// <summary>Writes <c>quarantine.csv</c> (file, row, column, value, reason), as docs/outputs.md describes.</summary>
public static class QuarantineFile
{
    /// <summary>Writes the entries, in the order given, to <paramref name="path"/> (replaced).</summary>
    /// <param name="path">The file.</param>
    /// <param name="entries">The rows and values set aside while reading.</param>
    public static void Write(string path, IReadOnlyList<QuarantineEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(entries);
        using var csv = CsvWriter.Create(path);
        csv.WriteRecord("file", "row", "column", "value", "reason");
        foreach (var e in entries)
        {
            csv.WriteField(e.File);
            csv.WriteField(e.Row);
            csv.WriteField(e.Column);
            csv.WriteField(e.Value);
            csv.WriteField(e.Reason);
            csv.EndRecord();
        }
    }
}
