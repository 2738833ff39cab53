using Parquet;
using Parquet.Schema;

namespace Adrn.Stats.Data;

/// <summary>Reads the flat columns of a Parquet file (all row groups) into regression columns.</summary>
internal static class ParquetTableReader
{
    public static async Task<IReadOnlyList<RegressionColumn>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        long total = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            total += rg.RowCount;
        }

        var rows = checked((int)total);
        var columns = new List<RegressionColumn>(fields.Length);
        foreach (var field in fields)
        {
            if (field.IsArray) continue; // repeated fields have no place in a regression table
            var t = field.ClrType;
            if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>)) // Parquet.Net 6 reports UTF-8 columns as ReadOnlyMemory<char>
            {
                var text = new string?[rows];
                var offset = 0;
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    using var rg = reader.OpenRowGroupReader(g);
                    var n = (int)rg.RowCount;
                    await rg.ReadAsync(field, text.AsMemory(offset, n)!, null, cancellationToken).ConfigureAwait(false);
                    offset += n;
                }

                columns.Add(new TextArrayColumn(field.Name, text));
                continue;
            }

            var numbers = new double[rows];
            var kind = t == typeof(bool) ? ColumnKind.Boolean : ColumnKind.Numeric;
            var start = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                var n = (int)rg.RowCount;
                var target = numbers.AsMemory(start, n);
                if (t == typeof(double)) await ReadAsync<double>(rg, field, target, v => v, cancellationToken).ConfigureAwait(false);
                else if (t == typeof(float)) await ReadAsync<float>(rg, field, target, v => v, cancellationToken).ConfigureAwait(false);
                else if (t == typeof(int)) await ReadAsync<int>(rg, field, target, v => v, cancellationToken).ConfigureAwait(false);
                else if (t == typeof(long)) await ReadAsync<long>(rg, field, target, v => v, cancellationToken).ConfigureAwait(false);
                else if (t == typeof(short)) await ReadAsync<short>(rg, field, target, v => v, cancellationToken).ConfigureAwait(false);
                else if (t == typeof(byte)) await ReadAsync<byte>(rg, field, target, v => v, cancellationToken).ConfigureAwait(false);
                else if (t == typeof(bool)) await ReadAsync<bool>(rg, field, target, v => v ? 1 : 0, cancellationToken).ConfigureAwait(false);
                else throw new InvalidDataException($"{path}: column '{field.Name}' has type {t.Name}, which the regression code cannot read.");
                start += n;
            }

            columns.Add(new NumericArrayColumn(field.Name, numbers, kind));
        }

        return columns;
    }

    private static async Task ReadAsync<T>(ParquetRowGroupReader rg, DataField field, Memory<double> target, Func<T, double> convert, CancellationToken ct)
        where T : struct
    {
        var n = target.Length;
        if (field.IsNullable)
        {
            var buffer = new T?[n];
            await rg.ReadAsync<T>(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            var span = target.Span;
            for (var i = 0; i < n; i++) span[i] = buffer[i] is { } v ? convert(v) : double.NaN;
        }
        else
        {
            var buffer = new T[n];
            await rg.ReadAsync<T>(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            var span = target.Span;
            for (var i = 0; i < n; i++) span[i] = convert(buffer[i]);
        }
    }
}
