namespace Adrn.Tables;

/// <summary>How <see cref="TableWriter"/> lays a table out. Immutable; use <c>with</c> to vary.</summary>
public sealed record TableWriterOptions
{
    /// <summary>The defaults.</summary>
    public static TableWriterOptions Default { get; } = new();

    /// <summary>Most rows per Arrow record batch (default 65,536); a <see cref="TableWriter.Write(TableBatch)"/> call is cut into batches of at most this many.</summary>
    public int ArrowBatchRows { get; init; } = 1 << 16;

    /// <summary>Most rows per Parquet row group (default 1,048,576); a <see cref="TableWriter.Write(TableBatch)"/> call is cut into groups of at most this many.</summary>
    public int ParquetRowGroupRows { get; init; } = 1 << 20;

    /// <summary>Whether an empty table still gets one empty Arrow batch / Parquet row group (default true; some readers want one).</summary>
    public bool WriteEmptyBatch { get; init; } = true;

    /// <summary>
    /// Whether the table is written to <c>path.tmp</c> and renamed to the path by <see cref="TableWriter.Complete"/>, so a
    /// reader never sees half a table (default true). Callers that already write to a temporary name turn it off.
    /// </summary>
    public bool Atomic { get; init; } = true;
}
