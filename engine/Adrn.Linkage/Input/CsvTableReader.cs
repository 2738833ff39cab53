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
        var fields = new List<string?>();
        if (!ReadRecord(reader, fields, new StringBuilder()))
            throw new InvalidDataException($"{path}: the file is empty (a header row is required)");
        return fields.Select(f => f ?? "").ToList();
    }

    public static RawTable Read(string path, IReadOnlyList<string> wanted)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var sb = new StringBuilder();
        var fields = new List<string?>();
        if (!ReadRecord(reader, fields, sb))
            throw new InvalidDataException($"{path}: the file is empty (a header row is required)");
        var header = fields.Select(f => f ?? "").ToList();
        var index = new int[wanted.Count];
        var lists = new List<string?>[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            index[i] = header.IndexOf(wanted[i]);
            if (index[i] < 0) throw new InvalidDataException($"{path}: column '{wanted[i]}' is missing");
            lists[i] = [];
        }

        // Interning repeated values per column keeps memory down for long panels (the same employer name
        // or postcode appears in thousands of rows).
        var pools = new Dictionary<string, string>[wanted.Count];
        for (var i = 0; i < pools.Length; i++) pools[i] = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = 0;
        while (ReadRecord(reader, fields, sb))
        {
            if (fields.Count == 1 && fields[0] is null) continue; // blank line
            rows++;
            for (var i = 0; i < index.Length; i++)
            {
                var v = index[i] < fields.Count ? fields[index[i]] : null;
                if (v is not null)
                {
                    if (pools[i].TryGetValue(v, out var pooled)) v = pooled;
                    else if (pools[i].Count < 1_000_000) pools[i][v] = v;
                }

                lists[i].Add(v);
            }
        }

        return new RawTable(wanted, lists.Select(l => l.ToArray()).ToList(), rows);
    }

    /// <summary>Reads one record into <paramref name="fields"/>; false at end of file.</summary>
    private static bool ReadRecord(StreamReader reader, List<string?> fields, StringBuilder sb)
    {
        fields.Clear();
        var c = reader.Read();
        if (c < 0) return false;
        while (true)
        {
            sb.Clear();
            var quoted = false;
            // Skip leading blanks before a possible opening quote.
            while (c == ' ' || c == '\t') c = reader.Read();
            if (c == '"')
            {
                quoted = true;
                while (true)
                {
                    c = reader.Read();
                    if (c < 0) break;
                    if (c == '"')
                    {
                        if (reader.Peek() == '"') { reader.Read(); sb.Append('"'); continue; }
                        c = reader.Read();
                        break;
                    }

                    sb.Append((char)c);
                }

                while (c == ' ' || c == '\t') c = reader.Read();
            }
            else
            {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r')
                {
                    sb.Append((char)c);
                    c = reader.Read();
                }
            }

            var text = quoted ? sb.ToString() : sb.ToString().Trim();
            fields.Add(text.Length == 0 ? null : text);
            if (c == ',') { c = reader.Read(); continue; }
            if (c == '\r' && reader.Peek() == '\n') reader.Read();
            return true;
        }
    }
}
