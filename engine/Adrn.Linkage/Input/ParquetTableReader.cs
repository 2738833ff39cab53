using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Adrn.Linkage.Input;

/// <summary>Reads columns of a Parquet file as text (dates as <c>yyyy-MM-dd</c>, numbers invariantly).</summary>
internal static class ParquetTableReader
{
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        var schema = ParquetReader.ReadSchemaAsync(stream).GetAwaiter().GetResult();
        return schema.GetDataFields().Select(f => f.Name).ToList();
    }

    public static RawTable Read(string path, IReadOnlyList<string> wanted) => ReadAsync(path, wanted).GetAwaiter().GetResult();

    private static async Task<RawTable> ReadAsync(string path, IReadOnlyList<string> wanted)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var chosen = new DataField[wanted.Count];
        var lists = new List<string?>[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            chosen[i] = fields.FirstOrDefault(f => f.Name == wanted[i])
                ?? throw new InvalidDataException($"{path}: column '{wanted[i]}' is missing");
            lists[i] = [];
        }

        var rows = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            rows += n;
            for (var i = 0; i < chosen.Length; i++)
                lists[i].AddRange(await ReadColumnAsync(group, chosen[i], n, path).ConfigureAwait(false));
        }

        return new RawTable(wanted, lists.Select(l => l.ToArray()).ToList(), rows);
    }

    private static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int n, string path)
    {
        var ci = CultureInfo.InvariantCulture;
        var t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var buf = new string?[n];
            await group.ReadAsync(field, buf.AsMemory()).ConfigureAwait(false);
            return buf.Select(s => string.IsNullOrWhiteSpace(s) ? null : s.Trim()).ToArray();
        }

        if (t == typeof(int)) return Format(await ReadValues<int>(group, field, n).ConfigureAwait(false), v => v.ToString(ci));
        if (t == typeof(long)) return Format(await ReadValues<long>(group, field, n).ConfigureAwait(false), v => v.ToString(ci));
        if (t == typeof(short)) return Format(await ReadValues<short>(group, field, n).ConfigureAwait(false), v => v.ToString(ci));
        if (t == typeof(double)) return Format(await ReadValues<double>(group, field, n).ConfigureAwait(false), v => v.ToString("R", ci));
        if (t == typeof(float)) return Format(await ReadValues<float>(group, field, n).ConfigureAwait(false), v => v.ToString("R", ci));
        if (t == typeof(bool)) return Format(await ReadValues<bool>(group, field, n).ConfigureAwait(false), v => v ? "1" : "0");
        if (t == typeof(DateTime)) return Format(await ReadValues<DateTime>(group, field, n).ConfigureAwait(false), v => v.ToString("yyyy-MM-dd", ci));
        if (t == typeof(DateOnly)) return Format(await ReadValues<DateOnly>(group, field, n).ConfigureAwait(false), v => v.ToString("yyyy-MM-dd", ci));
        throw new InvalidDataException($"{path}: Parquet column '{field.Name}' of type {t.Name} is not supported as linkage input");
    }

    private static async Task<T?[]> ReadValues<T>(ParquetRowGroupReader group, DataField field, int n) where T : struct
    {
        // NOTE: a required (non-nullable) column is read into plain values, the API's form for it. Reading one into
        // Memory<T?> was seen to leave values null (282 of 20,000 of a synthetic payroll file's `year`, in a
        // standalone read with Parquet.Net 6.1.0), which would lose them silently.
        if (!field.IsNullable)
        {
            var values = new T[n];
            await group.ReadAsync(field, values.AsMemory(), null).ConfigureAwait(false);
            var result = new T?[n];
            for (var i = 0; i < n; i++) result[i] = values[i];
            return result;
        }

        var buf = new T?[n];
        await group.ReadAsync(field, buf.AsMemory(), null).ConfigureAwait(false);
        return buf;
    }

    private static string?[] Format<T>(T?[] values, Func<T, string> format) where T : struct
    {
        var result = new string?[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = values[i] is { } v ? format(v) : null;
        return result;
    }
}
