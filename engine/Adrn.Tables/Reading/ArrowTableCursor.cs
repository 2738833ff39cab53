using System.Globalization;
using System.Text;
using Apache.Arrow;

namespace Adrn.Tables;

/// <summary>
/// An <see cref="ITableCursor"/> over the batches of an Arrow table (an Arrow IPC or Parquet file): each value written
/// as text into a per-field scratch buffer when asked for — text decoded from UTF-8, numbers invariant (doubles
/// round-trip), dates <c>yyyy-MM-dd</c>, booleans 1/0, null as empty — trimmed when asked.
/// </summary>
internal sealed class ArrowTableCursor : ITableCursor
{
    private readonly ArrowTable _table;
    private readonly bool _trim;
    private readonly string[] _header;
    private readonly Dictionary<string, int> _index;
    private readonly char[][] _scratch;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly long[] _formattedAt;
    private IArrowArray[] _columns = [];
    private int _batch = -1;
    private int _row;

    public ArrowTableCursor(string file, ArrowTable table, bool trim)
    {
        File = file;
        _table = table;
        _trim = trim;
        _header = table.Schema.FieldsList.Select(f => f.Name).ToArray();
        _index = new Dictionary<string, int>(_header.Length, StringComparer.Ordinal);
        for (var i = 0; i < _header.Length; i++) _index.TryAdd(_header[i], i);
        _scratch = _header.Select(_ => new char[64]).ToArray();
        _start = new int[_header.Length];
        _length = new int[_header.Length];
        _formattedAt = new long[_header.Length];
    }

    public string File { get; }

    public IReadOnlyList<string> Header => _header;

    public int FieldCount => _header.Length;

    public long RecordNumber { get; private set; }

    public long RecordsRead => RecordNumber;

    public IReadOnlyList<MalformedRecord> MalformedRecords => [];

    public ReadOnlySpan<char> this[int field]
    {
        get
        {
            if ((uint)field >= (uint)_header.Length) throw new ArgumentOutOfRangeException(nameof(field), field, $"the table has {_header.Length} columns");
            if (_formattedAt[field] != RecordNumber) Format(field);
            return _scratch[field].AsSpan(_start[field], _length[field]);
        }
    }

    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out var i) ? i : -1;
    }

    public bool MoveNext()
    {
        _row++;
        while (_batch < 0 || _row >= _table.Batches[_batch].Length)
        {
            if (_batch + 1 >= _table.Batches.Count) return false;
            _batch++;
            _row = 0;
            var batch = _table.Batches[_batch];
            _columns = new IArrowArray[_header.Length];
            for (var c = 0; c < _columns.Length; c++) _columns[c] = batch.Column(c);
        }

        RecordNumber++;
        return true;
    }

    public void Dispose() => _table.Dispose();

    private void Format(int field)
    {
        _formattedAt[field] = RecordNumber;
        var written = Write(_columns[field], _row, ref _scratch[field]);
        var span = _scratch[field].AsSpan(0, written);
        var start = 0;
        if (_trim)
        {
            var trimmed = span.TrimStart();
            start = span.Length - trimmed.Length;
            span = trimmed.TrimEnd();
        }

        _start[field] = start;
        _length[field] = span.Length;
    }

    /// <summary>Writes the value at <paramref name="row"/> into <paramref name="buffer"/> (grown as needed); returns the characters written.</summary>
    private static int Write(IArrowArray array, int row, ref char[] buffer)
    {
        if (array.IsNull(row)) return 0;
        switch (array)
        {
            case StringArray a:
                return Decode(a.GetBytes(row), ref buffer);
            case LargeStringArray a:
                return Decode(Encoding.UTF8.GetBytes(a.GetString(row) ?? ""), ref buffer);
            case DictionaryArray a:
                var index = a.Indices switch
                {
                    Int8Array i => i.GetValue(row) ?? 0,
                    Int16Array i => i.GetValue(row) ?? 0,
                    Int32Array i => i.GetValue(row) ?? 0,
                    Int64Array i => checked((int)(i.GetValue(row) ?? 0)),
                    UInt8Array i => i.GetValue(row) ?? 0,
                    UInt16Array i => i.GetValue(row) ?? 0,
                    UInt32Array i => checked((int)(i.GetValue(row) ?? 0)),
                    _ => throw new NotSupportedException($"dictionary indices of type {a.Indices.Data.DataType.Name}"),
                };
                return Write(a.Dictionary, index, ref buffer);
            case BooleanArray a:
                buffer[0] = a.GetValue(row) == true ? '1' : '0';
                return 1;
            case Int8Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case Int16Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case Int32Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case Int64Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case UInt8Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case UInt16Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case UInt32Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case UInt64Array a: return Format(a.GetValue(row)!.Value, default, buffer);
            case FloatArray a: return Format(a.GetValue(row)!.Value, "R", buffer);
            case DoubleArray a: return Format(a.GetValue(row)!.Value, "R", buffer);
            case Date32Array a: return Format(a.GetDateOnly(row)!.Value, "yyyy-MM-dd", buffer);
            case Date64Array a: return Format(a.GetDateOnly(row)!.Value, "yyyy-MM-dd", buffer);
            case TimestampArray a: return Format(DateOnly.FromDateTime(a.GetTimestamp(row)!.Value.UtcDateTime), "yyyy-MM-dd", buffer);
            default: throw new NotSupportedException($"Arrow type {array.Data.DataType.Name} cannot be read as text");
        }
    }

    private static int Decode(ReadOnlySpan<byte> utf8, ref char[] buffer)
    {
        var need = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (need > buffer.Length) buffer = new char[Math.Max(need, buffer.Length * 2)];
        return Encoding.UTF8.GetChars(utf8, buffer);
    }

    private static int Format<T>(T value, ReadOnlySpan<char> format, char[] buffer)
        where T : ISpanFormattable
    {
        // 64 characters hold every number and date written here.
        return value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture)
            ? written
            : throw new InvalidOperationException($"{value} does not fit the value buffer");
    }
}
