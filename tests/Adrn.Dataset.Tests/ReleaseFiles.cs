using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Dataset.Tests;

/// <summary>
/// The test's own reading of release files, independent of the store's scanner: every string cell of Arrow and Parquet
/// files (through Apache.Arrow and Parquet.Net), every field of CSV files, and the raw text of everything else.
/// </summary>
internal static partial class ReleaseFiles
{
    /// <summary>Every string of a file: cells, header names, or for text files each line and each field split at , | " and spaces.</summary>
    public static IEnumerable<string> Strings(string path)
    {
        switch (Path.GetExtension(path))
        {
            case ".arrow":
                using (var stream = File.OpenRead(path))
                using (var reader = new ArrowFileReader(stream))
                {
                    foreach (var f in reader.Schema.FieldsList) yield return f.Name;
                    while (reader.ReadNextRecordBatch() is { } batch)
                    {
                        using (batch)
                        {
                            for (var c = 0; c < batch.ColumnCount; c++)
                            {
                                if (batch.Column(c) is not StringArray s) continue;
                                for (var i = 0; i < s.Length; i++)
                                    if (s.GetString(i) is { } v) yield return v;
                            }
                        }
                    }
                }

                break;
            case ".parquet":
                foreach (var s in ParquetStrings(path)) yield return s;
                break;
            default:
                foreach (var line in File.ReadLines(path))
                {
                    yield return line;
                    foreach (var field in line.Split([',', '|', '"', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) yield return field;
                }

                break;
        }
    }

    /// <summary>Column names of a panel file in any of the three formats.</summary>
    public static IReadOnlyList<string> Columns(string path)
    {
        switch (Path.GetExtension(path))
        {
            case ".arrow":
                using (var stream = File.OpenRead(path))
                using (var reader = new ArrowFileReader(stream))
                    return reader.Schema.FieldsList.Select(f => f.Name).ToList();
            case ".parquet":
                using (var stream = File.OpenRead(path))
                {
                    var reader = Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
                    try
                    {
                        return reader.Schema.GetDataFields().Select(f => f.Name).ToList();
                    }
                    finally
                    {
                        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    }
                }
            default:
                return File.ReadLines(path).First().Split(',');
        }
    }

    /// <summary>Values of one text column of an Arrow file.</summary>
    public static List<string?> ArrowColumn(string path, string column)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var index = reader.Schema.GetFieldIndex(column);
        var values = new List<string?>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var array = (StringArray)batch.Column(index);
                for (var i = 0; i < array.Length; i++) values.Add(array.GetString(i));
            }
        }

        return values;
    }

    private static List<string> ParquetStrings(string path)
    {
        var values = new List<string>();
        using var stream = File.OpenRead(path);
        var reader = Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        var fields = reader.Schema.GetDataFields();
        values.AddRange(fields.Select(f => f.Name));
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            foreach (var field in fields.Where(f => f.ClrType == typeof(string)))
            {
                var cells = new string?[group.RowCount];
                group.ReadAsync(field, cells.AsMemory()).GetAwaiter().GetResult();
                values.AddRange(cells.OfType<string>());
            }
        }

        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return values;
    }

    /// <summary>Identifier-shaped tokens of a string (NINOs, postcodes, PAYE references, dates, record and entity ids).</summary>
    public static IEnumerable<string> IdentifierTokens(string text) => IdentifierToken().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"[A-Z]{2}\d{6}[A-D]|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|\d{3}/[A-Z]{2}\d{5}|\d{4}-\d{2}-\d{2}|[A-Z]{1,3}\d{6,10}|\d{8,10}")]
    private static partial Regex IdentifierToken();
}
