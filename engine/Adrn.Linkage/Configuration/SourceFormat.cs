namespace Adrn.Linkage.Configuration;

/// <summary>File format of an input source or an output table.</summary>
public enum SourceFormat
{
    /// <summary>UTF-8 CSV, header row, RFC 4180 quoting, empty field = missing.</summary>
    Csv,

    /// <summary>Apache Arrow IPC file format (<c>.arrow</c>).</summary>
    Arrow,

    /// <summary>Apache Parquet.</summary>
    Parquet,
}
