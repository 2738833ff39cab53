namespace Adrn.Synthetic;

/// <summary>The table formats the generator can write; combine with <c>|</c>.</summary>
[Flags]
public enum OutputFormats
{
    /// <summary>No table format (not valid on its own).</summary>
    None = 0,

    /// <summary>UTF-8 CSV, header row, RFC 4180 quoting, <c>\n</c> line endings, dates <c>yyyy-MM-dd</c>.</summary>
    Csv = 1,

    /// <summary>Apache Arrow IPC file format (<c>.arrow</c>), dates as Date64.</summary>
    Arrow = 2,

    /// <summary>Apache Parquet (<c>.parquet</c>), dates as UTC timestamps in milliseconds.</summary>
    Parquet = 4,
}
