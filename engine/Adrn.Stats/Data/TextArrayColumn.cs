namespace Adrn.Stats.Data;

/// <summary>A text column over a caller-owned array (null or empty = missing); the array is not copied.</summary>
internal sealed class TextArrayColumn(string name, string?[] values) : RegressionColumn(name, ColumnKind.Text, values.Length)
{
    public override void CopyNumeric(Span<double> destination) => throw TextIsNotNumeric();

    public override string? GetLabel(int row) => string.IsNullOrEmpty(values[row]) ? null : values[row];
}
