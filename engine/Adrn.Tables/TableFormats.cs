namespace Adrn.Tables;

/// <summary>File extensions of the <see cref="TableFormat"/>s.</summary>
public static class TableFormats
{
    /// <summary>Guesses a file's format from its extension: <c>.arrow</c>/<c>.feather</c>/<c>.ipc</c>, <c>.parquet</c>, else CSV.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The format.</returns>
    public static TableFormat FromExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".ARROW" or ".FEATHER" or ".IPC" => TableFormat.Arrow,
            ".PARQUET" => TableFormat.Parquet,
            _ => TableFormat.Csv,
        };
    }

    /// <summary>The extension a table of this format is written with, dot included (<c>.csv</c>, <c>.arrow</c>, <c>.parquet</c>).</summary>
    /// <param name="format">The format.</param>
    /// <returns>The extension.</returns>
    public static string Extension(TableFormat format) => format switch
    {
        TableFormat.Arrow => ".arrow",
        TableFormat.Parquet => ".parquet",
        _ => ".csv",
    };
}
