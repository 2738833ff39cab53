using System.Globalization;
using System.Text;
using Adrn.Linkage.Configuration;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

namespace Adrn.Linkage.Output;

/// <summary>
/// Converts an output table written as Arrow IPC (file format) to CSV or Parquet one record batch at a time, so tables
/// larger than memory (the engine's streamed <c>pairs</c>) can be had in every format. The values are written by the
/// same rules as <see cref="PairTableWriter"/> and <see cref="ClusterTableWriter"/> (through TableWriter) (CSV: RFC 4180 quoting, doubles round-trip, empty for null; Parquet:
/// strings, doubles, and int8 gammas as int32), so a converted table equals one written directly. The linked panel
/// (int32 and nullable columns) converts the same way. Column descriptions travel along (Parquet key–value metadata,
/// <see cref="ColumnDescriptions"/>).
/// </summary>
public static class ArrowTableConverter
{
    private const int RowGroupRows = 1 << 18;

    /// <summary>Writes <paramref name="arrowPath"/> as <paramref name="format"/> beside it (same name, the format's extension).</summary>
    /// <param name="arrowPath">An Arrow IPC file whose columns are utf8, float64, int8 or int32 (nullable or not).</param>
    /// <param name="format">CSV or Parquet (Arrow returns the input unchanged).</param>
    /// <returns>The path written.</returns>
    /// <exception cref="NotSupportedException">A column of another type.</exception>
    public static string Convert(string arrowPath, SourceFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(arrowPath);
        if (format == SourceFormat.Arrow) return arrowPath;
        var path = Path.ChangeExtension(arrowPath, format == SourceFormat.Parquet ? ".parquet" : ".csv");
        // Write to a temporary name and rename, so a reader never sees a half-written table.
        var tmp = path + ".tmp";
        try
        {
            if (format == SourceFormat.Parquet) ToParquet(arrowPath, tmp).GetAwaiter().GetResult();
            else ToCsv(arrowPath, tmp);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }

        return path;
    }

    private static void ToCsv(string arrowPath, string csvPath)
    {
        using var stream = File.OpenRead(arrowPath);
        using var reader = new ArrowFileReader(stream);
        var schema = reader.Schema;
        Check(schema, arrowPath);
        using var w = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        w.WriteLine(string.Join(",", schema.FieldsList.Select(f => TableWriter.Quote(f.Name))));
        var sb = new StringBuilder();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    sb.Clear();
                    for (var c = 0; c < batch.ColumnCount; c++)
                    {
                        if (c > 0) sb.Append(',');
                        switch (batch.Column(c))
                        {
                            case StringArray s: sb.Append(TableWriter.Quote(s.GetString(i))); break;
                            case DoubleArray d: sb.Append(d.GetValue(i)?.ToString("R", CultureInfo.InvariantCulture)); break;
                            case Int8Array b: sb.Append(b.GetValue(i)?.ToString(CultureInfo.InvariantCulture)); break;
                            case Int32Array n: sb.Append(n.GetValue(i)?.ToString(CultureInfo.InvariantCulture)); break;
                        }
                    }

                    w.WriteLine(sb);
                }
            }
        }
    }

    private static async Task ToParquet(string arrowPath, string parquetPath)
    {
        await using var stream = File.OpenRead(arrowPath);
        using var reader = new ArrowFileReader(stream);
        var schema = reader.Schema;
        Check(schema, arrowPath);
        // Nullable Arrow columns become optional Parquet columns; int8 (gammas, match_key) and int32 are written as int32.
        var fields = schema.FieldsList.Select(f => (DataField)(f.DataType switch
        {
            StringType => new DataField<string>(f.Name),
            DoubleType when f.IsNullable => new DataField<double?>(f.Name),
            DoubleType => new DataField<double>(f.Name),
            _ when f.IsNullable => new DataField<int?>(f.Name),
            _ => new DataField<int>(f.Name),
        })).ToArray();
        await using var output = File.Create(parquetPath);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output).ConfigureAwait(false);
        writer.CustomMetadata = ColumnDescriptions.ParquetMetadata(schema);
        // Arrow batches are small (16k rows in the engine's files); Parquet readers prefer large row groups, so rows
        // are gathered into groups of up to RowGroupRows (memory stays bounded by one group).
        var strings = new List<string?>[fields.Length];
        var doubles = new List<double?>[fields.Length];
        var ints = new List<int?>[fields.Length];
        for (var c = 0; c < fields.Length; c++)
        {
            if (fields[c] is DataField<string>) strings[c] = [];
            else if (fields[c] is DataField<double> or DataField<double?>) doubles[c] = [];
            else ints[c] = [];
        }

        var pending = 0;
        var groups = 0;
        async Task FlushAsync()
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                if (strings[c] is { } s) await group.WriteAsync(fields[c], s.ToArray()).ConfigureAwait(false);
                else if (doubles[c] is { } d && fields[c].IsNullable) await group.WriteAsync(fields[c], new ReadOnlyMemory<double?>([.. d])).ConfigureAwait(false);
                else if (doubles[c] is { } dd) await group.WriteAsync(fields[c], new ReadOnlyMemory<double>([.. dd.Select(v => v!.Value)])).ConfigureAwait(false);
                else if (fields[c].IsNullable) await group.WriteAsync(fields[c], new ReadOnlyMemory<int?>([.. ints[c]])).ConfigureAwait(false);
                else await group.WriteAsync(fields[c], new ReadOnlyMemory<int>([.. ints[c].Select(v => v!.Value)])).ConfigureAwait(false);
                strings[c]?.Clear();
                doubles[c]?.Clear();
                ints[c]?.Clear();
            }

            pending = 0;
            groups++;
        }

        while (await reader.ReadNextRecordBatchAsync().ConfigureAwait(false) is { } batch)
        {
            using (batch)
            {
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    switch (batch.Column(c))
                    {
                        case StringArray a:
                            for (var i = 0; i < batch.Length; i++) strings[c].Add(a.GetString(i));
                            break;
                        case DoubleArray a:
                            for (var i = 0; i < batch.Length; i++) doubles[c].Add(a.GetValue(i));
                            break;
                        case Int8Array a:
                            for (var i = 0; i < batch.Length; i++) ints[c].Add(a.GetValue(i));
                            break;
                        case Int32Array a:
                            for (var i = 0; i < batch.Length; i++) ints[c].Add(a.GetValue(i));
                            break;
                    }
                }

                pending += batch.Length;
            }

            if (pending >= RowGroupRows) await FlushAsync().ConfigureAwait(false);
        }

        // The last rows; an empty table still gets its schema and one empty row group, as TableWriter writes it.
        if (pending > 0 || groups == 0) await FlushAsync().ConfigureAwait(false);
    }

    private static void Check(Schema schema, string path)
    {
        foreach (var f in schema.FieldsList)
        {
            if (f.DataType is not (StringType or DoubleType or Int8Type or Int32Type))
                throw new NotSupportedException($"{path}: column '{f.Name}' is {f.DataType.Name}; only utf8, float64, int8 and int32 columns can be converted.");
        }
    }
}
