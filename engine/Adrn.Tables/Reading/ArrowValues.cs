using System.Globalization;
using Apache.Arrow;

namespace Adrn.Tables;

/// <summary>Arrow values as text, the way linkage reads typed inputs: dates <c>yyyy-MM-dd</c>, numbers invariant (doubles round-trip), booleans 1/0.</summary>
internal static class ArrowValues
{
    /// <summary>The value at <paramref name="row"/> as text, or null when null (or, with <paramref name="trim"/>, blank).</summary>
    public static string? AsText(IArrowArray array, int row, bool trim)
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
            DictionaryArray a => AsText(a.Dictionary, a.Indices is Int32Array ix ? ix.GetValue(row) ?? 0 : (int)Convert.ToInt64(AsText(a.Indices, row, false), ci), trim),
            _ => throw new NotSupportedException($"Arrow type {array.Data.DataType.Name} cannot be read as text"),
        };
        if (!trim) return s;
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
