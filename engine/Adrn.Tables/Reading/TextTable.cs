namespace Adrn.Tables;

/// <summary>
/// Chosen columns of a table read as text (null = missing), with the accounting of a strict read: the records set aside
/// (<see cref="Malformed"/>) and, for every row, its data record number in the file.
/// </summary>
public sealed class TextTable
{
    private readonly long[] _malformedNumbers;

    /// <summary>Creates a table.</summary>
    /// <param name="file">The file read.</param>
    /// <param name="names">Column names, in the order of <paramref name="columns"/>.</param>
    /// <param name="columns">One array per column, each at least <paramref name="rowCount"/> long.</param>
    /// <param name="rowCount">Rows (well-formed records).</param>
    /// <param name="malformed">Records set aside, in file order (none for Arrow and Parquet).</param>
    public TextTable(string file, IReadOnlyList<string> names, IReadOnlyList<string?[]> columns, int rowCount, IReadOnlyList<MalformedRecord>? malformed = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Count != columns.Count) throw new ArgumentException($"{names.Count} names for {columns.Count} columns", nameof(columns));
        File = file;
        Names = names;
        Columns = columns;
        RowCount = rowCount;
        Malformed = malformed ?? [];
        _malformedNumbers = Malformed.Select(m => m.RecordNumber).ToArray();
    }

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Values by column then row; null = missing.</summary>
    public IReadOnlyList<string?[]> Columns { get; }

    /// <summary>Rows: the well-formed records.</summary>
    public int RowCount { get; }

    /// <summary>The records set aside while reading (CSV only), in file order.</summary>
    public IReadOnlyList<MalformedRecord> Malformed { get; }

    /// <summary>Data records in the file: <see cref="RowCount"/> + the records set aside.</summary>
    public long RecordsRead => RowCount + Malformed.Count;

    /// <summary>The values of a column by name.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The values.</returns>
    /// <exception cref="KeyNotFoundException">No such column was read.</exception>
    public string?[] Column(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name) return Columns[i];
        }

        throw new KeyNotFoundException($"column '{name}' was not read");
    }

    /// <summary>
    /// The data record number of a row in its file (1 = the first record after the header), counting the records set
    /// aside before it; equal to <c>row + 1</c> when none was.
    /// </summary>
    /// <param name="row">0-based row.</param>
    /// <returns>The record number.</returns>
    public long RecordNumber(int row)
    {
        // The j-th set-aside record (0-based) has (number - j - 1) well-formed records before it: a non-decreasing
        // sequence, so the set-aside records before this row are found by binary search.
        int lo = 0, hi = _malformedNumbers.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_malformedNumbers[mid] - mid - 1 <= row) lo = mid + 1;
            else hi = mid;
        }

        return row + 1L + lo;
    }
}
