namespace Adrn.Stats.Data;

/// <summary>A numeric column over a caller-owned array (NaN = missing); the array is not copied.</summary>
internal sealed class NumericArrayColumn(string name, double[] values, ColumnKind kind = ColumnKind.Numeric)
    : RegressionColumn(name, kind, values.Length)
{
    public override void CopyNumeric(Span<double> destination) => values.AsSpan().CopyTo(destination);

    public override string? GetLabel(int row) =>
        Kind == ColumnKind.Boolean && !double.IsNaN(values[row])
            ? (values[row] != 0 ? "true" : "false")
            : NumericLabel(values[row]);
}
