namespace Adrn.Stats.Data;

/// <summary>
/// A table the regression code can read: named columns of equal length. Implemented by
/// <see cref="RegressionData"/> over Arrow record batches, CSV, Parquet and
/// Microsoft.Data.Analysis DataFrames.
/// </summary>
public interface IRegressionData
{
    /// <summary>The number of rows.</summary>
    int RowCount { get; }

    /// <summary>The column names, in source order.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Returns the named column.</summary>
    /// <param name="name">Column name (case-sensitive).</param>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the available ones.</exception>
    RegressionColumn GetColumn(string name);
}
