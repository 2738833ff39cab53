using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Input;

/// <summary>Reads a configured source file (CSV, Arrow IPC or Parquet) as text columns.</summary>
public static class SourceReader
{
    /// <summary>The column names of a source file, without reading its rows.</summary>
    /// <param name="source">The source.</param>
    /// <returns>Column names in file order.</returns>
    public static IReadOnlyList<string> ReadHeader(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Format switch
        {
            SourceFormat.Arrow => ArrowTableReader.ReadHeader(source.Path),
            SourceFormat.Parquet => ParquetTableReader.ReadHeader(source.Path),
            _ => CsvTableReader.ReadHeader(source.Path),
        };
    }

    /// <summary>Reads the named columns of a source file.</summary>
    /// <param name="source">The source.</param>
    /// <param name="columns">File column names to read.</param>
    /// <returns>The columns as text.</returns>
    public static RawTable Read(SourceConfig source, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        return Read(source.Path, source.Format, columns);
    }

    /// <summary>Reads the named columns of a file.</summary>
    /// <param name="path">File path.</param>
    /// <param name="format">File format.</param>
    /// <param name="columns">Column names to read.</param>
    /// <returns>The columns as text.</returns>
    public static RawTable Read(string path, SourceFormat format, IReadOnlyList<string> columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        return format switch
        {
            SourceFormat.Arrow => ArrowTableReader.Read(path, columns),
            SourceFormat.Parquet => ParquetTableReader.Read(path, columns),
            _ => CsvTableReader.Read(path, columns),
        };
    }

    /// <summary>Guesses a file's format from its extension (<c>.arrow</c>, <c>.parquet</c>, else CSV).</summary>
    /// <param name="path">File path.</param>
    /// <returns>The format.</returns>
    public static SourceFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".arrow" or ".feather" or ".ipc" => SourceFormat.Arrow,
            ".parquet" => SourceFormat.Parquet,
            _ => SourceFormat.Csv,
        };
    }
}
