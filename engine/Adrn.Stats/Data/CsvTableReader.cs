using System.Globalization;
using System.Text;

namespace Adrn.Stats.Data;

/// <summary>
/// Reads an RFC 4180 CSV file (header row, comma-separated, double-quote quoting) into columns.
/// A column whose every non-empty field parses as an invariant-culture number becomes numeric;
/// otherwise it stays text. Empty fields and <c>NA</c> are missing.
/// </summary>
internal static class CsvTableReader
{
    public static IReadOnlyList<RegressionColumn> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = ReadRecord(reader, path, 1) ?? throw new InvalidDataException($"{path}: the file is empty; a header row is required.");
        var fields = new List<string?>[header.Count];
        for (var c = 0; c < fields.Length; c++) fields[c] = [];
        var line = 1;
        while (ReadRecord(reader, path, ++line) is { } record)
        {
            if (record.Count == 1 && record[0].Length == 0) continue; // blank line
            if (record.Count != header.Count)
                throw new InvalidDataException($"{path}, row {line}: {record.Count} fields but the header has {header.Count}.");
            for (var c = 0; c < header.Count; c++)
                fields[c].Add(record[c].Length == 0 || record[c] == "NA" ? null : record[c]);
        }

        var columns = new RegressionColumn[header.Count];
        for (var c = 0; c < header.Count; c++)
            columns[c] = ToColumn(header[c], fields[c]);
        return columns;
    }

    private static RegressionColumn ToColumn(string name, List<string?> values)
    {
        var numbers = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null) { numbers[i] = double.NaN; continue; }
            if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
                return new TextArrayColumn(name, [.. values]);
        }

        return new NumericArrayColumn(name, numbers);
    }

    private static List<string>? ReadRecord(StreamReader reader, string path, int line)
    {
        if (reader.Peek() < 0) return null;
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var ch = reader.Read();
            if (ch < 0)
            {
                if (quoted) throw new InvalidDataException($"{path}, row {line}: a quoted field is not closed before the end of the file.");
                record.Add(field.ToString());
                return record;
            }

            var c = (char)ch;
            if (quoted)
            {
                if (c != '"') { field.Append(c); continue; }
                if (reader.Peek() == '"') { reader.Read(); field.Append('"'); continue; }
                quoted = false;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n': record.Add(field.ToString()); return record;
                default: field.Append(c); break;
            }
        }
    }
}
