using System.Text;

namespace Adrn.Synthetic.Tests;

/// <summary>
/// A deliberately separate RFC 4180 reader (not the generator's writer run backwards), so the
/// tests check the files as any CSV consumer would read them.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public int Count => Rows.Count;

    public IEnumerable<string> Column(string name)
    {
        var i = _index[name];
        return Rows.Select(r => r[i]);
    }

    public string Get(string[] row, string name) => row[_index[name]];

    public static CsvTable Read(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(false));
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields.ToArray());
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }

        var header = records[0];
        foreach (var (record, n) in records.Select((r, n) => (r, n)))
        {
            if (record.Length != header.Length)
            {
                throw new InvalidDataException($"{path}: record {n} has {record.Length} fields, header has {header.Length}.");
            }
        }

        return new CsvTable(header, records.Skip(1).ToList());
    }
}
