namespace Adrn.Tables;

/// <summary>A table file format.</summary>
public enum TableFormat
{
    /// <summary>Delimited text (RFC 4180), read with <see cref="CsvCursor"/> and written with <see cref="CsvWriter"/>.</summary>
    Csv,

    /// <summary>Apache Arrow IPC file format (<c>.arrow</c>).</summary>
    Arrow,

    /// <summary>Apache Parquet (<c>.parquet</c>).</summary>
    Parquet,
}
