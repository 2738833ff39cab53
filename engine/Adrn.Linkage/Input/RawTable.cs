namespace Adrn.Linkage.Input;

/// <summary>Columns of a source file read as text (null = missing), before any standardisation.</summary>
public sealed class RawTable
{
    /// <summary>Creates a table.</summary>
    /// <param name="names">Column names in the order of <paramref name="columns"/>.</param>
    /// <param name="columns">One array of values per column, all of length <paramref name="rowCount"/>.</param>
    /// <param name="rowCount">Number of data rows.</param>
    public RawTable(IReadOnlyList<string> names, IReadOnlyList<string?[]> columns, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        Names = names;
        Columns = columns;
        RowCount = rowCount;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Values by column then row; null = missing.</summary>
    public IReadOnlyList<string?[]> Columns { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>The values of a column by name.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The values.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public string?[] Column(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name) return Columns[i];
        throw new KeyNotFoundException($"column '{name}' was not read");
    }
}
