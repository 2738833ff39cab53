using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Tables;

/// <summary>
/// Reads tables from CSV (through <see cref="CsvCursor"/>), Arrow IPC and Parquet files: headers, chosen columns as text
/// (<see cref="ReadText(string, TableFormat, IReadOnlyList{string}, CsvOptions?)"/>), or the typed columns as Arrow
/// record batches (<see cref="ReadArrow"/>). The one way the project reads a table file.
/// </summary>
public static class TableReader
{
    // Distinct values kept per column for sharing strings; beyond this, values are still read, just not shared.
    private const int PoolLimit = 2_000_000;

    /// <summary>The column names of a table file, without reading its rows (a CSV header is checked: see <see cref="CsvCursor"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="csv">How to read a CSV file (delimiter, encoding); ignored for the others.</param>
    /// <returns>Column names in file order.</returns>
    /// <exception cref="TableFormatException">The header is missing, malformed or repeats a name.</exception>
    public static IReadOnlyList<string> ReadHeader(string path, TableFormat format, CsvOptions? csv = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        switch (format)
        {
            case TableFormat.Arrow:
                {
                    using var stream = File.OpenRead(path);
                    using var reader = new ArrowFileReader(stream);
                    return reader.Schema.FieldsList.Select(f => f.Name).ToList();
                }

            case TableFormat.Parquet:
                return ParquetTables.ReadHeader(path);
            default:
                {
                    using var cursor = CsvCursor.Open(path, csv);
                    return cursor.Header;
                }
        }
    }

    /// <summary>Reads every column of a table file as text.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="csv">How to read a CSV file; <see cref="CsvOptions.Default"/> when null.</param>
    /// <returns>The table.</returns>
    public static TextTable ReadText(string path, TableFormat format, CsvOptions? csv = null) =>
        ReadText(path, format, ReadHeader(path, format, csv), csv);

    /// <summary>
    /// Reads the named columns of a table file as text: an empty value (blank too when <see cref="CsvOptions.Trim"/>) is
    /// null; Arrow and Parquet values are written as text (dates <c>yyyy-MM-dd</c>, numbers invariant, booleans 1/0),
    /// trimmed when <see cref="CsvOptions.Trim"/>. Repeated values share one string per column.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="columns">The columns to read.</param>
    /// <param name="csv">How to read a CSV file (delimiter, encoding, trimming, what to do with malformed records; also trimming for the others); <see cref="CsvOptions.Default"/> when null.</param>
    /// <returns>The columns, with the CSV records set aside under <see cref="MalformedRecordPolicy.Collect"/>.</returns>
    /// <exception cref="TableFormatException">A column is missing, the header is unusable, or (policy <see cref="MalformedRecordPolicy.Throw"/>) a record is malformed.</exception>
    public static TextTable ReadText(string path, TableFormat format, IReadOnlyList<string> columns, CsvOptions? csv = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        using var cursor = OpenCursor(path, format, csv, columns);
        var index = new int[columns.Count];
        var lists = new List<string?>[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            index[i] = ColumnIndex(cursor, columns[i], format);
            lists[i] = [];
        }

        // NOTE: repeated values (the same employer name or postcode in thousands of rows) are looked up by span in a
        // per-column pool and share one string: no string is allocated for a value already seen.
        var pools = new Dictionary<string, string>[columns.Count];
        var lookups = new Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>[columns.Count];
        for (var i = 0; i < pools.Length; i++)
        {
            pools[i] = new Dictionary<string, string>(StringComparer.Ordinal);
            lookups[i] = pools[i].GetAlternateLookup<ReadOnlySpan<char>>();
        }

        var rows = 0;
        while (cursor.MoveNext())
        {
            rows++;
            for (var i = 0; i < index.Length; i++)
            {
                var span = cursor[index[i]];
                string? value = null;
                if (!span.IsEmpty && !lookups[i].TryGetValue(span, out value))
                {
                    value = span.ToString();
                    if (pools[i].Count < PoolLimit) pools[i][value] = value;
                }

                lists[i].Add(value);
            }
        }

        return new TextTable(path, columns, lists.Select(l => l.ToArray()).ToList(), rows, [.. cursor.MalformedRecords]);
    }

    /// <summary>The position of a column in a cursor's records; a missing column is refused naming file and column.</summary>
    /// <param name="cursor">An open cursor.</param>
    /// <param name="column">The column name.</param>
    /// <param name="format">The file's format (for the message).</param>
    /// <returns>0-based position.</returns>
    /// <exception cref="TableFormatException">The column is missing (the message lists the columns there are).</exception>
    public static int ColumnIndex(ITableCursor cursor, string column, TableFormat format)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(column);
        var index = cursor.IndexOf(column);
        if (index < 0)
        {
            throw new TableFormatException(cursor.File, (cursor as CsvCursor)?.HeaderLine, null, column,
                $"column '{column}' is missing; the {(format == TableFormat.Csv ? "header" : "file")} has: {string.Join(", ", cursor.Header)}");
        }

        return index;
    }

    /// <summary>
    /// Opens a cursor over the records of a table file: a <see cref="CsvCursor"/> for CSV (header checked here), an
    /// Arrow cursor for Arrow IPC and Parquet that writes each value as text (as <see cref="ReadText(string, TableFormat, IReadOnlyList{string}, CsvOptions?)"/> does).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="csv">How to read a CSV file; its <see cref="CsvOptions.Trim"/> also trims Arrow and Parquet values.</param>
    /// <param name="parquetColumns">For Parquet, the only columns to read (others may be of types that cannot be read); null for all.</param>
    /// <returns>The cursor, before the first record; dispose it.</returns>
    public static ITableCursor OpenCursor(string path, TableFormat format, CsvOptions? csv = null, IReadOnlyList<string>? parquetColumns = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        csv ??= CsvOptions.Default;
        return format switch
        {
            TableFormat.Arrow => new ArrowTableCursor(path, ReadArrow(path, TableFormat.Arrow), csv.Trim),
            TableFormat.Parquet => new ArrowTableCursor(path, ParquetTables.Read(path, parquetColumns), csv.Trim),
            _ => CsvCursor.Open(path, csv),
        };
    }

    /// <summary>Reads an Arrow IPC or Parquet file as Arrow record batches with their types (Parquet: one batch per row group; dates as timestamps or date32).</summary>
    /// <param name="path">The file.</param>
    /// <param name="format"><see cref="TableFormat.Arrow"/> or <see cref="TableFormat.Parquet"/>.</param>
    /// <returns>The table; dispose it unless its batches are handed on.</returns>
    /// <exception cref="NotSupportedException">CSV: it has no types; read it with <see cref="ReadText(string, TableFormat, CsvOptions?)"/>.</exception>
    /// <exception cref="TableFormatException">A Parquet column of a type that cannot be read.</exception>
    public static ArrowTable ReadArrow(string path, TableFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        switch (format)
        {
            case TableFormat.Arrow:
                {
                    using var stream = File.OpenRead(path);
                    using var reader = new ArrowFileReader(stream);
                    var batches = new List<RecordBatch>();
                    try
                    {
                        while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
                    }
                    catch
                    {
                        foreach (var b in batches) b.Dispose();
                        throw;
                    }

                    return new ArrowTable(reader.Schema, batches);
                }

            case TableFormat.Parquet:
                return ParquetTables.Read(path, null);
            default:
                throw new NotSupportedException($"{path}: a CSV file has no column types; read it as text");
        }
    }
}
