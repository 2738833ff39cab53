using Microsoft.Data.Analysis;

namespace Adrn.Stats.Data;

/// <summary>A column of a Microsoft.Data.Analysis <see cref="DataFrame"/>, read in place.</summary>
internal sealed class DataFrameColumnSource : RegressionColumn
{
    private readonly DataFrameColumn _column;

    public DataFrameColumnSource(DataFrameColumn column)
        : base(column.Name, KindOf(column), checked((int)column.Length)) => _column = column;

    private static ColumnKind KindOf(DataFrameColumn column)
    {
        var t = column.DataType;
        if (t == typeof(bool)) return ColumnKind.Boolean;
        if (t == typeof(string)) return ColumnKind.Text;
        if (t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(short)
            || t == typeof(byte) || t == typeof(sbyte) || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort)
            || t == typeof(decimal))
            return ColumnKind.Numeric;
        throw new InvalidDataException($"DataFrame column '{column.Name}' has type {t.Name}, which the regression code cannot read.");
    }

    public override void CopyNumeric(Span<double> destination)
    {
        if (Kind == ColumnKind.Text) throw TextIsNotNumeric();
        switch (_column)
        {
            case PrimitiveDataFrameColumn<double> d:
                for (var i = 0; i < Length; i++) destination[i] = d[i] ?? double.NaN;
                break;
            case PrimitiveDataFrameColumn<int> d:
                for (var i = 0; i < Length; i++) destination[i] = d[i] is { } v ? v : double.NaN;
                break;
            case PrimitiveDataFrameColumn<long> d:
                for (var i = 0; i < Length; i++) destination[i] = d[i] is { } v ? v : double.NaN;
                break;
            case PrimitiveDataFrameColumn<bool> d:
                for (var i = 0; i < Length; i++) destination[i] = d[i] is { } v ? (v ? 1 : 0) : double.NaN;
                break;
            default:
                // Less common element types go through the boxed indexer: slower, but correct.
                for (var i = 0; i < Length; i++)
                    destination[i] = _column[i] is { } o ? Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
                break;
        }
    }

    public override string? GetLabel(int row)
    {
        var value = _column[row];
        return value switch
        {
            null => null,
            string s => s.Length == 0 ? null : s,
            bool b => b ? "true" : "false",
            _ => NumericLabel(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
