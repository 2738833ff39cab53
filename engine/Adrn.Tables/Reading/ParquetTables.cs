using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;

namespace Adrn.Tables;

/// <summary>Reads a Parquet file's flat columns into Arrow arrays, one record batch per row group, with nulls kept.</summary>
internal static class ParquetTables
{
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        var schema = ParquetReader.ReadSchemaAsync(stream).GetAwaiter().GetResult();
        return schema.GetDataFields().Where(f => !f.IsArray).Select(f => f.Name).ToList();
    }

    /// <summary>The named columns (all flat columns when null) as an Arrow table.</summary>
    public static ArrowTable Read(string path, IReadOnlyList<string>? columns) => ReadAsync(path, columns).GetAwaiter().GetResult();

    private static async Task<ArrowTable> ReadAsync(string path, IReadOnlyList<string>? columns)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields().Where(f => !f.IsArray).ToArray();
        DataField[] chosen;
        if (columns is null)
        {
            chosen = fields;
        }
        else
        {
            chosen = new DataField[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                chosen[i] = fields.FirstOrDefault(f => f.Name == columns[i])
                    ?? throw new TableFormatException(path, null, null, columns[i], $"column '{columns[i]}' is missing; the file has: {string.Join(", ", fields.Select(f => f.Name))}");
            }
        }

        var schema = new Schema.Builder();
        foreach (var f in chosen) schema.Field(b => b.Name(f.Name).DataType(ArrowType(path, f)).Nullable(f.IsNullable));
        var built = schema.Build();
        var batches = new List<RecordBatch>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var arrays = new IArrowArray[chosen.Length];
            for (var i = 0; i < chosen.Length; i++) arrays[i] = await ReadColumnAsync(group, chosen[i], n).ConfigureAwait(false);
            batches.Add(new RecordBatch(built, arrays, n));
        }

        return new ArrowTable(built, batches);
    }

    private static IArrowType ArrowType(string path, DataField field)
    {
        var t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>)) return StringType.Default;
        if (t == typeof(int)) return Int32Type.Default;
        if (t == typeof(long)) return Int64Type.Default;
        if (t == typeof(short)) return Int16Type.Default;
        if (t == typeof(sbyte)) return Int8Type.Default;
        if (t == typeof(byte)) return UInt8Type.Default;
        if (t == typeof(double)) return DoubleType.Default;
        if (t == typeof(float)) return FloatType.Default;
        if (t == typeof(bool)) return BooleanType.Default;
        if (t == typeof(DateTime)) return new TimestampType(TimeUnit.Millisecond, TimeZoneInfo.Utc);
        if (t == typeof(DateOnly)) return Date32Type.Default;
        throw new TableFormatException(path, null, null, field.Name, $"Parquet column '{field.Name}' has type {t.Name}, which cannot be read here; use text, integer, floating-point, boolean or date columns");
    }

    private static async Task<IArrowArray> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int n)
    {
        var t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[n];
            await group.ReadAsync(field, values.AsMemory()).ConfigureAwait(false);
            var b = new StringArray.Builder();
            foreach (var v in values)
            {
                if (v is null) b.AppendNull();
                else b.Append(v);
            }

            return b.Build();
        }

        if (t == typeof(int)) return Build(await ReadValuesAsync<int>(group, field, n).ConfigureAwait(false), new Int32Array.Builder());
        if (t == typeof(long)) return Build(await ReadValuesAsync<long>(group, field, n).ConfigureAwait(false), new Int64Array.Builder());
        if (t == typeof(short)) return Build(await ReadValuesAsync<short>(group, field, n).ConfigureAwait(false), new Int16Array.Builder());
        if (t == typeof(sbyte)) return Build(await ReadValuesAsync<sbyte>(group, field, n).ConfigureAwait(false), new Int8Array.Builder());
        if (t == typeof(byte)) return Build(await ReadValuesAsync<byte>(group, field, n).ConfigureAwait(false), new UInt8Array.Builder());
        if (t == typeof(double)) return Build(await ReadValuesAsync<double>(group, field, n).ConfigureAwait(false), new DoubleArray.Builder());
        if (t == typeof(float)) return Build(await ReadValuesAsync<float>(group, field, n).ConfigureAwait(false), new FloatArray.Builder());
        if (t == typeof(bool))
        {
            var b = new BooleanArray.Builder();
            foreach (var v in await ReadValuesAsync<bool>(group, field, n).ConfigureAwait(false))
            {
                if (v is { } x) b.Append(x);
                else b.AppendNull();
            }

            return b.Build();
        }

        if (t == typeof(DateTime))
        {
            var b = new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, TimeZoneInfo.Utc));
            foreach (var v in await ReadValuesAsync<DateTime>(group, field, n).ConfigureAwait(false))
            {
                if (v is { } x) b.Append(new DateTimeOffset(DateTime.SpecifyKind(x, DateTimeKind.Utc)));
                else b.AppendNull();
            }

            return b.Build();
        }

        var dates = new Date32Array.Builder();
        foreach (var v in await ReadValuesAsync<DateOnly>(group, field, n).ConfigureAwait(false))
        {
            if (v is { } x) dates.Append(x);
            else dates.AppendNull();
        }

        return dates.Build();
    }

    private static IArrowArray Build<T, TArray, TBuilder>(T?[] values, PrimitiveArrayBuilder<T, TArray, TBuilder> builder)
        where T : struct
        where TArray : IArrowArray
        where TBuilder : class, IArrowArrayBuilder<TArray>
    {
        foreach (var v in values)
        {
            if (v is { } x) builder.Append(x);
            else builder.AppendNull();
        }

        return builder.Build();
    }

    private static async Task<T?[]> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, int n)
        where T : struct
    {
        // NOTE: a required (non-nullable) column is read into plain values, the API's form for it. Reading one into
        // Memory<T?> was seen to leave values null (282 of 20,000 of a synthetic payroll file's `year`, in a
        // standalone read with Parquet.Net 6.1.0), which would lose them silently.
        var result = new T?[n];
        if (!field.IsNullable)
        {
            var values = new T[n];
            await group.ReadAsync(field, values.AsMemory(), null).ConfigureAwait(false);
            for (var i = 0; i < n; i++) result[i] = values[i];
            return result;
        }

        await group.ReadAsync(field, result.AsMemory(), null).ConfigureAwait(false);
        return result;
    }
}
