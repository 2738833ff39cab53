using Adrn.Linkage.Configuration;
using Adrn.Tables;

namespace Adrn.Linkage.Input;

/// <summary>Reads a configured source file (CSV, Arrow IPC or Parquet) as text columns, through the table-IO layer (<see cref="TableReader"/>).</summary>
public static class SourceReader
{
    /// <summary>How files that are not configured sources (links, truth, payroll for a panel) are read when CSV: UTF-8, comma, trimmed, malformed records an error.</summary>
    public static CsvOptions FileCsvOptions { get; } = new() { Trim = true };

    /// <summary>The column names of a source file, without reading its rows (a CSV header is checked: a repeated name is refused).</summary>
    /// <param name="source">The source.</param>
    /// <returns>Column names in file order.</returns>
    /// <exception cref="TableFormatException">The header is missing, malformed or repeats a name.</exception>
    public static IReadOnlyList<string> ReadHeader(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return TableReader.ReadHeader(source.Path, source.Format.ToTableFormat(), source.CsvOptions);
    }

    /// <summary>
    /// Opens a cursor over a source's records — each field as characters, no string per field — for callers that
    /// standardise or intern values as they read. CSV: the source's delimiter, encoding and trimming, malformed records
    /// collected in <see cref="ITableCursor.MalformedRecords"/> (turn them into quarantine entries with
    /// <see cref="MalformedRecordQuarantine"/>); Arrow and Parquet: values as text.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="columns">For Parquet, the only columns to read; null for all.</param>
    /// <returns>The cursor, before the first record; dispose it.</returns>
    public static ITableCursor OpenCursor(SourceConfig source, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return TableReader.OpenCursor(source.Path, source.Format.ToTableFormat(), source.CsvOptions, columns);
    }

    /// <summary>Reads the named columns of a file that is not a configured source (<see cref="FileCsvOptions"/>).</summary>
    /// <param name="path">File path.</param>
    /// <param name="format">File format.</param>
    /// <param name="columns">Column names to read.</param>
    /// <returns>The columns as text (empty = null, trimmed).</returns>
    /// <exception cref="TableFormatException">A column is missing, or a CSV record is malformed (file, line and column named).</exception>
    public static TextTable Read(string path, SourceFormat format, IReadOnlyList<string> columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        return TableReader.ReadText(path, format.ToTableFormat(), columns, FileCsvOptions);
    }

    /// <summary>The column names of a file that is not a configured source.</summary>
    /// <param name="path">File path.</param>
    /// <param name="format">File format.</param>
    /// <returns>Column names in file order.</returns>
    public static IReadOnlyList<string> ReadHeader(string path, SourceFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return TableReader.ReadHeader(path, format.ToTableFormat(), FileCsvOptions);
    }

    /// <summary>Guesses a file's format from its extension (<c>.arrow</c>, <c>.parquet</c>, else CSV).</summary>
    /// <param name="path">File path.</param>
    /// <returns>The format.</returns>
    public static SourceFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TableFormats.FromExtension(path) switch
        {
            TableFormat.Arrow => SourceFormat.Arrow,
            TableFormat.Parquet => SourceFormat.Parquet,
            _ => SourceFormat.Csv,
        };
    }
}
