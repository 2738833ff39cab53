using System.Globalization;
using System.Text;
using Adrn.Linkage.Preparation;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>Writes the rows that broke the schema (<c>quarantine.csv</c>: file, row, column, value, reason), as docs/outputs.md describes.</summary>
internal static class QuarantineFile
{
    public static void Write(string path, IReadOnlyList<QuarantineEntry> entries)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("file,row,column,value,reason");
        foreach (var e in entries)
        {
            writer.WriteLine(string.Join(',', Quote(e.File), e.Row.ToString(CultureInfo.InvariantCulture), Quote(e.Column), Quote(e.Value), Quote(e.Reason)));
        }
    }

    // RFC 4180: quote a field that holds a comma, a quote or a line break, doubling inner quotes.
    private static string Quote(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value
        : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
