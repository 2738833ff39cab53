using System.Text;

namespace Adrn.Linkage.Tests.Metrics;

/// <summary>
/// Reads the reference CSV files under reference/string-metrics (copied next to the test
/// assembly). They are written by tests/reference/string-metrics/make_reference.py with every
/// field quoted (RFC 4180), UTF-8, "\n" line ends.
/// </summary>
internal static class ReferenceCsv
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "reference", "string-metrics", fileName);
        Assert.True(File.Exists(path), $"Reference file {path} is missing: is it copied to the output directory?");
        string text = File.ReadAllText(path, Encoding.UTF8);
        List<List<string>> records = Parse(text);
        List<string> header = records[0];
        var rows = new List<IReadOnlyDictionary<string, string>>(records.Count - 1);
        for (int r = 1; r < records.Count; r++)
        {
            Assert.True(records[r].Count == header.Count, $"{fileName} record {r} has {records[r].Count} fields, header has {header.Count}.");
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < header.Count; c++)
            {
                row[header[c]] = records[r][c];
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (c == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
                i++;
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
