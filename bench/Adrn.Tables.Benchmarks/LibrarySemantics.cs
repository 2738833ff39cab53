using System.Text;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace Adrn.Tables.Benchmarks;

/// <summary>
/// `-- --semantics`: what Sep, Sylvan.Data.Csv and <see cref="CsvCursor"/> make of the malformed inputs of issue 15
/// (printed, for docs/benchmarks.md): the reason the project reads CSV with its own reader.
/// </summary>
internal static class LibrarySemantics
{
    private static readonly (string Name, byte[] Bytes)[] Cases =
    [
        ("unbalanced quote on line 3", Encoding.UTF8.GetBytes("id,name,x\n1,ann,a\n2,\"bob,b\n3,cat,c\n4,dan,d\n")),
        ("quote inside an unquoted field, line 2", Encoding.UTF8.GetBytes("id,name,x\n1,O\"Brien,a\n2,bob,b\n")),
        ("text after a closing quote, line 2", Encoding.UTF8.GetBytes("id,name,x\n1,\"ok\"junk,a\n2,bob,b\n")),
        ("a Latin-1 byte (M 0xFC ller) in UTF-8, line 2", [.. Encoding.UTF8.GetBytes("id,name,x\n1,M"), 0xFC, .. Encoding.UTF8.GetBytes("ller,a\n2,bob,b\n")]),
    ];

    public static void Print()
    {
        foreach (var (name, bytes) in Cases)
        {
            Console.WriteLine($"== {name}");
            Run("Sep", () =>
            {
                using var r = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(new MemoryStream(bytes));
                var rows = new List<string>();
                foreach (var row in r)
                {
                    var cols = new List<string>();
                    for (var i = 0; i < row.ColCount; i++) cols.Add(row[i].ToString());
                    rows.Add($"lines {row.LineNumberFrom}-{row.LineNumberToExcl - 1}: {string.Join("|", cols)}");
                }

                return rows;
            });
            Run("Sylvan", () =>
            {
                using var r = CsvDataReader.Create(new StreamReader(new MemoryStream(bytes)), new CsvDataReaderOptions { Delimiter = ',' });
                var rows = new List<string>();
                while (r.Read()) rows.Add(string.Join("|", Enumerable.Range(0, r.RowFieldCount).Select(r.GetString)));
                return rows;
            });
            Run("CsvCursor", () =>
            {
                using var c = CsvCursor.Open(new MemoryStream(bytes), "case.csv", new CsvOptions { OnMalformed = MalformedRecordPolicy.Collect });
                var rows = new List<string>();
                while (c.MoveNext()) rows.Add($"line {c.LineNumber}: {string.Join("|", Enumerable.Range(0, c.FieldCount).Select(c.GetString))}");
                rows.AddRange(c.MalformedRecords.Select(m => $"set aside line {m.Line}: {m.Kind}"));
                return rows;
            });
        }
    }

    private static void Run(string reader, Func<List<string>> read)
    {
        try
        {
            foreach (var row in read()) Console.WriteLine($"  {reader,-9} {row.Replace("\n", "\\n", StringComparison.Ordinal)}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.WriteLine($"  {reader,-9} threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
