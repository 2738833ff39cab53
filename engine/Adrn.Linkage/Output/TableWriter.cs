using System.Globalization;
using System.Text;
using Adrn.Linkage.Configuration;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

namespace Adrn.Linkage.Output;

/// <summary>Writes an output table as Arrow IPC (file format), CSV or Parquet.</summary>
internal static class TableWriter
{
    private const int BatchRows = 1 << 16;

    public static string Write(string directory, string name, SourceFormat format, IReadOnlyList<OutputColumn> columns, int rows)
    {
        var ext = format switch { SourceFormat.Arrow => ".arrow", SourceFormat.Parquet => ".parquet", _ => ".csv" };
        var path = Path.Combine(directory, name + ext);
        // Write to a temporary name and rename, so a reader never sees a half-written table.
        var tmp = path + ".tmp";
        switch (format)
        {
            case SourceFormat.Arrow: WriteArrow(tmp, columns, rows); break;
            case SourceFormat.Parquet: WriteParquet(tmp, columns, rows).GetAwaiter().GetResult(); break;
            default: WriteCsv(tmp, columns, rows); break;
        }

        File.Move(tmp, path, overwrite: true);
        return path;
    }

    private static sbyte Int8At(OutputColumn c, int row) => c.Int8![(long)row * c.Int8Stride + c.Int8Offset];

    private static void WriteArrow(string path, IReadOnlyList<OutputColumn> columns, int rows)
    {
        var schema = new Schema.Builder();
        foreach (var c in columns)
        {
            IArrowType type = c.Strings is not null ? StringType.Default : c.Doubles is not null ? DoubleType.Default : Int8Type.Default;
            schema.Field(f => f.Name(c.Name).DataType(type).Nullable(c.Strings is not null));
        }

        var built = ColumnDescriptions.Describe(schema.Build());
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, built);
        for (var start = 0; start < rows || (rows == 0 && start == 0); start += BatchRows)
        {
            var n = Math.Min(BatchRows, rows - start);
            var arrays = new List<IArrowArray>();
            foreach (var c in columns)
            {
                if (c.Strings is not null)
                {
                    var b = new StringArray.Builder();
                    for (var i = start; i < start + n; i++)
                    {
                        if (c.Strings[i] is { } s) b.Append(s);
                        else b.AppendNull();
                    }

                    arrays.Add(b.Build());
                }
                else if (c.Doubles is not null)
                {
                    var b = new DoubleArray.Builder().Reserve(n);
                    for (var i = start; i < start + n; i++) b.Append(c.Doubles[i]);
                    arrays.Add(b.Build());
                }
                else
                {
                    var b = new Int8Array.Builder().Reserve(n);
                    for (var i = start; i < start + n; i++) b.Append(Int8At(c, i));
                    arrays.Add(b.Build());
                }
            }

            using var batch = new RecordBatch(built, arrays, n);
            writer.WriteRecordBatch(batch);
            if (rows == 0) break;
        }

        writer.WriteEnd();
    }

    private static void WriteCsv(string path, IReadOnlyList<OutputColumn> columns, int rows)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        w.WriteLine(string.Join(",", columns.Select(c => Quote(c.Name))));
        var sb = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            sb.Clear();
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) sb.Append(',');
                var col = columns[c];
                if (col.Strings is not null) sb.Append(Quote(col.Strings[i]));
                else if (col.Doubles is not null) sb.Append(col.Doubles[i].ToString("R", CultureInfo.InvariantCulture));
                else sb.Append(Int8At(col, i).ToString(CultureInfo.InvariantCulture));
            }

            w.WriteLine(sb);
        }
    }

    internal static string Quote(string? s)
    {
        if (s is null) return "";
        return s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    private static async Task WriteParquet(string path, IReadOnlyList<OutputColumn> columns, int rows)
    {
        var fields = columns.Select(c => (DataField)(c.Strings is not null ? new DataField<string>(c.Name)
            : c.Doubles is not null ? new DataField<double>(c.Name) : new DataField<int>(c.Name))).ToArray();
        var schema = new ParquetSchema(fields);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        writer.CustomMetadata = ColumnDescriptions.ParquetMetadata(columns.Select(c => c.Name));
        for (var start = 0; start < rows || (rows == 0 && start == 0); start += BatchRows * 16)
        {
            var n = Math.Min(BatchRows * 16, rows - start);
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < columns.Count; c++)
            {
                var col = columns[c];
                if (col.Strings is not null)
                    await group.WriteAsync(fields[c], col.Strings.Skip(start).Take(n).ToArray()).ConfigureAwait(false);
                else if (col.Doubles is not null)
                    await group.WriteAsync(fields[c], new ReadOnlyMemory<double>(col.Doubles, start, n)).ConfigureAwait(false);
                else
                {
                    var ints = new int[n];
                    for (var i = 0; i < n; i++) ints[i] = Int8At(col, start + i);
                    await group.WriteAsync(fields[c], new ReadOnlyMemory<int>(ints)).ConfigureAwait(false);
                }
            }

            if (rows == 0) break;
        }
    }
}
