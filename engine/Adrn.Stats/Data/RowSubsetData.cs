namespace Adrn.Stats.Data;

/// <summary>A view of selected rows of another table (used to restrict AKM to the largest connected set without copying the table).</summary>
internal sealed class RowSubsetData(IRegressionData inner, int[] rows) : IRegressionData
{
    public int RowCount => rows.Length;

    public IReadOnlyList<string> ColumnNames => inner.ColumnNames;

    public RegressionColumn GetColumn(string name) => new SubsetColumn(inner.GetColumn(name), rows);

    private sealed class SubsetColumn(RegressionColumn column, int[] rows) : RegressionColumn(column.Name, column.Kind, rows.Length)
    {
        public override void CopyNumeric(Span<double> destination)
        {
            var all = new double[column.Length];
            column.CopyNumeric(all);
            for (var i = 0; i < rows.Length; i++) destination[i] = all[rows[i]];
        }

        public override string? GetLabel(int row) => column.GetLabel(rows[row]);
    }
}
