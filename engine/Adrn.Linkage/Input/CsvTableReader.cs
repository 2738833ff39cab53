using System.Text;

namespace Adrn.Linkage.Input;

/// <summary>
/// Minimal RFC 4180 CSV reader (UTF-8, header row, double-quote quoting, CRLF or LF). Fields are trimmed of
/// surrounding white space (FEBRL files put a space after every comma) and an empty field is missing.
/// </summary>
internal static class CsvTableReader
{
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(reader);
        if (!csv.Next()) throw new InvalidDataException($"{path}: the file is empty (a header row is required)");
        var header = new List<string>(csv.FieldCount);
        for (var i = 0; i < csv.FieldCount; i++) header.Add(csv.FieldString(i));
        return header;
    }

    public static RawTable Read(string path, IReadOnlyList<string> wanted)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = new CsvRecordReader(reader);
        if (!csv.Next()) throw new InvalidDataException($"{path}: the file is empty (a header row is required)");
        var header = new List<string>(csv.FieldCount);
        for (var i = 0; i < csv.FieldCount; i++) header.Add(csv.FieldString(i));
        var index = new int[wanted.Count];
        var lists = new List<string?>[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            index[i] = header.IndexOf(wanted[i]);
            if (index[i] < 0) throw new InvalidDataException($"{path}: column '{wanted[i]}' is missing");
            lists[i] = [];
        }

        // Repeated values (the same employer name or postcode in thousands of rows) are looked up by span in a
        // per-column pool and share one string: no string is allocated for a value already seen.
        var pools = new Dictionary<string, string>[wanted.Count];
        var lookups = new Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>[wanted.Count];
        for (var i = 0; i < pools.Length; i++)
        {
            pools[i] = new Dictionary<string, string>(StringComparer.Ordinal);
            lookups[i] = pools[i].GetAlternateLookup<ReadOnlySpan<char>>();
        }

        var rows = 0;
        while (csv.Next())
        {
            if (csv.FieldCount == 1 && csv.Field(0).IsEmpty) continue; // blank line
            rows++;
            for (var i = 0; i < index.Length; i++)
            {
                string? v = null;
                if (index[i] < csv.FieldCount)
                {
                    var span = csv.Field(index[i]);
                    if (!span.IsEmpty)
                    {
                        if (csv.IsEscaped(index[i])) v = csv.FieldString(index[i]);
                        else if (!lookups[i].TryGetValue(span, out v))
                        {
                            v = span.ToString();
                            if (pools[i].Count < 2_000_000) pools[i][v] = v;
                        }
                    }
                }

                lists[i].Add(v);
            }
        }

        return new RawTable(wanted, lists.Select(l => l.ToArray()).ToList(), rows);
    }
}
