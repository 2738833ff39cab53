using System.Globalization;
using System.Text;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Output;

/// <summary>Writes <c>quarantine.csv</c> (columns in <c>docs/outputs.md</c>): the rows set aside while reading, with their reasons.</summary>
public static class QuarantineFile
{
    /// <summary>The header line.</summary>
    public const string Header = "file,row,column,value,reason";

    /// <summary>Writes the entries, in the order given, as UTF-8 CSV with <c>\n</c> line ends.</summary>
    /// <param name="path">File to write.</param>
    /// <param name="entries">The entries.</param>
    public static void Write(string path, IReadOnlyList<QuarantineEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(entries);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(Header);
        foreach (var e in entries)
            writer.WriteLine(string.Join(',', TableWriter.Quote(e.File), e.Row.ToString(CultureInfo.InvariantCulture), TableWriter.Quote(e.Column), TableWriter.Quote(e.Value), TableWriter.Quote(e.Reason)));
    }
}
