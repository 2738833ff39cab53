using System.Numerics;
using Apache.Arrow;

namespace Adrn.Stats.Data;

/// <summary>
/// A column spread over the chunks (one per record batch) of an Arrow table. Values are read
/// straight from the Arrow buffers; nothing is copied until the regression asks for a column.
/// </summary>
internal sealed class ArrowColumn : RegressionColumn
{
    private readonly IArrowArray[] _chunks;
    private readonly int[] _chunkStarts;

    private ArrowColumn(string name, ColumnKind kind, IArrowArray[] chunks, int[] starts, int length)
        : base(name, kind, length)
    {
        _chunks = chunks;
        _chunkStarts = starts;
    }

    public static ArrowColumn Create(string name, IReadOnlyList<IArrowArray> chunks)
    {
        var kind = ColumnKind.Numeric;
        var starts = new int[chunks.Count];
        long length = 0;
        for (var c = 0; c < chunks.Count; c++)
        {
            starts[c] = (int)length;
            length += chunks[c].Length;
            var chunkKind = KindOf(name, chunks[c]);
            if (c == 0) kind = chunkKind;
            else if (chunkKind != kind)
                throw new InvalidDataException($"Column '{name}' changes type between record batches ({kind} then {chunkKind}).");
        }

        if (length > int.MaxValue) throw new InvalidDataException($"Column '{name}' has {length} rows; at most {int.MaxValue} are supported.");
        return new ArrowColumn(name, kind, [.. chunks], starts, (int)length);
    }

    private static ColumnKind KindOf(string name, IArrowArray array) => array switch
    {
        BooleanArray => ColumnKind.Boolean,
        StringArray or LargeStringArray or StringViewArray => ColumnKind.Text,
        DictionaryArray d when d.Dictionary is StringArray => ColumnKind.Text,
        DoubleArray or FloatArray or Int8Array or Int16Array or Int32Array or Int64Array
            or UInt8Array or UInt16Array or UInt32Array or UInt64Array => ColumnKind.Numeric,
        _ => throw new InvalidDataException(
            $"Column '{name}' has Arrow type {array.Data.DataType.Name}, which the regression code cannot read; " +
            "use double, integer, boolean or string columns."),
    };

    public override void CopyNumeric(Span<double> destination)
    {
        if (Kind == ColumnKind.Text) throw TextIsNotNumeric();
        for (var c = 0; c < _chunks.Length; c++)
        {
            var target = destination.Slice(_chunkStarts[c], _chunks[c].Length);
            switch (_chunks[c])
            {
                case DoubleArray a: CopyPrimitive(a, target); break;
                case FloatArray a: CopyPrimitive(a, target); break;
                case Int8Array a: CopyPrimitive(a, target); break;
                case Int16Array a: CopyPrimitive(a, target); break;
                case Int32Array a: CopyPrimitive(a, target); break;
                case Int64Array a: CopyPrimitive(a, target); break;
                case UInt8Array a: CopyPrimitive(a, target); break;
                case UInt16Array a: CopyPrimitive(a, target); break;
                case UInt32Array a: CopyPrimitive(a, target); break;
                case UInt64Array a: CopyPrimitive(a, target); break;
                case BooleanArray a:
                    for (var i = 0; i < a.Length; i++)
                    {
                        var v = a.GetValue(i);
                        target[i] = v is null ? double.NaN : (v.Value ? 1 : 0);
                    }

                    break;
                default: throw TextIsNotNumeric();
            }
        }
    }

    private static void CopyPrimitive<T>(PrimitiveArray<T> array, Span<double> target)
        where T : struct, INumber<T>
    {
        var values = array.Values;
        if (array.NullCount == 0)
        {
            for (var i = 0; i < values.Length; i++) target[i] = double.CreateTruncating(values[i]);
            return;
        }

        for (var i = 0; i < values.Length; i++)
            target[i] = array.IsNull(i) ? double.NaN : double.CreateTruncating(values[i]);
    }

    public override string? GetLabel(int row)
    {
        var c = System.Array.BinarySearch(_chunkStarts, row);
        if (c < 0) c = ~c - 1;
        // Empty batches share a start with the next batch; skip forward to the one holding the row.
        while (c + 1 < _chunkStarts.Length && _chunkStarts[c + 1] == _chunkStarts[c] && _chunks[c].Length == 0) c++;
        var array = _chunks[c];
        var i = row - _chunkStarts[c];
        if (array.IsNull(i)) return null;
        return array switch
        {
            StringArray s => EmptyToNull(s.GetString(i)),
            LargeStringArray s => EmptyToNull(s.GetString(i)),
            StringViewArray s => EmptyToNull(s.GetString(i)),
            DictionaryArray d => DictionaryLabel(d, i),
            BooleanArray b => b.GetValue(i)!.Value ? "true" : "false",
            _ => NumericLabel(NumericAt(array, i)),
        };
    }

    private static string? EmptyToNull(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string? DictionaryLabel(DictionaryArray d, int i)
    {
        var index = (long)NumericAt(d.Indices, i);
        return EmptyToNull(((StringArray)d.Dictionary).GetString((int)index));
    }

    private static double NumericAt(IArrowArray array, int i) => array switch
    {
        DoubleArray a => a.Values[i],
        FloatArray a => a.Values[i],
        Int8Array a => a.Values[i],
        Int16Array a => a.Values[i],
        Int32Array a => a.Values[i],
        Int64Array a => a.Values[i],
        UInt8Array a => a.Values[i],
        UInt16Array a => a.Values[i],
        UInt32Array a => a.Values[i],
        UInt64Array a => a.Values[i],
        _ => double.NaN,
    };
}
