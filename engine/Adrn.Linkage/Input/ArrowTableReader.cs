using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Linkage.Input;

/// <summary>Reads columns of an Arrow IPC file as text (dates as <c>yyyy-MM-dd</c>, numbers invariantly).</summary>
internal static class ArrowTableReader
{
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        return reader.Schema.FieldsList.Select(f => f.Name).ToList();
    }

    public static RawTable Read(string path, IReadOnlyList<string> wanted)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var lists = new List<string?>[wanted.Count];
        var index = new int[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            index[i] = reader.Schema.GetFieldIndex(wanted[i]);
            if (index[i] < 0) throw new InvalidDataException($"{path}: column '{wanted[i]}' is missing");
            lists[i] = [];
        }

        // Repeated strings are decoded into a scratch buffer and looked up by span in a per-column pool, so a
        // value seen before allocates nothing.
        var pools = new Dictionary<string, string>[wanted.Count];
        for (var i = 0; i < pools.Length; i++) pools[i] = new Dictionary<string, string>(StringComparer.Ordinal);
        var scratch = new char[256];
        var rows = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                rows += batch.Length;
                for (var i = 0; i < wanted.Count; i++)
                {
                    var array = batch.Column(index[i]);
                    if (array is StringArray strings)
                    {
                        var lookup = pools[i].GetAlternateLookup<ReadOnlySpan<char>>();
                        for (var r = 0; r < batch.Length; r++)
                        {
                            if (strings.IsNull(r)) { lists[i].Add(null); continue; }
                            var bytes = strings.GetBytes(r);
                            var need = System.Text.Encoding.UTF8.GetMaxCharCount(bytes.Length);
                            if (need > scratch.Length) scratch = new char[need];
                            var chars = scratch.AsSpan(0, System.Text.Encoding.UTF8.GetChars(bytes, scratch)).Trim();
                            if (chars.IsEmpty) { lists[i].Add(null); continue; }
                            if (!lookup.TryGetValue(chars, out var v))
                            {
                                v = chars.ToString();
                                if (pools[i].Count < 2_000_000) pools[i][v] = v;
                            }

                            lists[i].Add(v);
                        }
                    }
                    else
                    {
                        for (var r = 0; r < batch.Length; r++) lists[i].Add(ValueAsText(array, r));
                    }
                }
            }
        }

        return new RawTable(wanted, lists.Select(l => l.ToArray()).ToList(), rows);
    }

    internal static string? ValueAsText(IArrowArray array, int row)
    {
        if (array.IsNull(row)) return null;
        var ci = CultureInfo.InvariantCulture;
        string? s = array switch
        {
            StringArray a => a.GetString(row),
            LargeStringArray a => a.GetString(row),
            Int8Array a => a.GetValue(row)?.ToString(ci),
            Int16Array a => a.GetValue(row)?.ToString(ci),
            Int32Array a => a.GetValue(row)?.ToString(ci),
            Int64Array a => a.GetValue(row)?.ToString(ci),
            UInt8Array a => a.GetValue(row)?.ToString(ci),
            UInt16Array a => a.GetValue(row)?.ToString(ci),
            UInt32Array a => a.GetValue(row)?.ToString(ci),
            UInt64Array a => a.GetValue(row)?.ToString(ci),
            FloatArray a => a.GetValue(row)?.ToString("R", ci),
            DoubleArray a => a.GetValue(row)?.ToString("R", ci),
            BooleanArray a => a.GetValue(row) is { } b ? (b ? "1" : "0") : null,
            Date32Array a => a.GetDateOnly(row)?.ToString("yyyy-MM-dd", ci),
            Date64Array a => a.GetDateOnly(row)?.ToString("yyyy-MM-dd", ci),
            TimestampArray a => a.GetTimestamp(row)?.UtcDateTime.ToString("yyyy-MM-dd", ci),
            DictionaryArray a => ValueAsText(a.Dictionary, a.Indices is Int32Array ix ? ix.GetValue(row) ?? 0 : (int)Convert.ToInt64(ValueAsText(a.Indices, row), ci)),
            _ => throw new InvalidDataException($"Arrow column type {array.Data.DataType.Name} is not supported as linkage input"),
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
