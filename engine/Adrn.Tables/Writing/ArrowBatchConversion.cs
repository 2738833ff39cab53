using Apache.Arrow;

namespace Adrn.Tables;

/// <summary>Copies an Arrow record batch into a <see cref="TableBatch"/> (for writing it as CSV or Parquet).</summary>
internal static class ArrowBatchConversion
{
    public static TableBatch ToTableBatch(RecordBatch batch, TableSchema schema)
    {
        var n = batch.Length;
        var result = new TableBatch(schema, n) { Count = n };
        for (var c = 0; c < schema.Count; c++)
        {
            var array = batch.Column(c);
            var missing = schema[c].Nullable && schema[c].Type is TableColumnType.Int8 or TableColumnType.Int32 or TableColumnType.Int64 or TableColumnType.Boolean ? result.Missing(c) : null;
            switch (array)
            {
                case StringArray a:
                    var text = result.Text(c);
                    for (var i = 0; i < n; i++) text[i] = a.GetString(i);
                    break;
                case Int8Array a:
                    Copy(a, result.Int8(c), missing);
                    break;
                case Int32Array a:
                    Copy(a, result.Int32(c), missing);
                    break;
                case Int64Array a:
                    Copy(a, result.Int64(c), missing);
                    break;
                case DoubleArray a:
                    var doubles = result.Double(c);
                    for (var i = 0; i < n; i++) doubles[i] = a.GetValue(i) ?? double.NaN;
                    break;
                case BooleanArray a:
                    var bools = result.Boolean(c);
                    for (var i = 0; i < n; i++)
                    {
                        bools[i] = a.GetValue(i) ?? false;
                        if (missing is not null) missing[i] = a.IsNull(i);
                    }

                    break;
                case Date64Array a:
                    var days = result.Dates(c);
                    for (var i = 0; i < n; i++) days[i] = a.GetDateOnly(i)?.DayNumber ?? TableBatch.MissingDate;
                    break;
                default:
                    throw new NotSupportedException($"column '{schema[c].Name}' is an Arrow {array.Data.DataType.Name} array");
            }
        }

        return result;
    }

    private static void Copy<T>(PrimitiveArray<T> array, T[] values, bool[]? missing)
        where T : struct, IEquatable<T>
    {
        array.Values.CopyTo(values);
        if (missing is null) return;
        for (var i = 0; i < array.Length; i++) missing[i] = array.IsNull(i);
    }
}
