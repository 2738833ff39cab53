using Apache.Arrow;

namespace Adrn.Tables;

/// <summary>A table read as Arrow record batches with one schema (from an Arrow IPC or a Parquet file). Disposing it releases the batches.</summary>
public sealed class ArrowTable : IDisposable
{
    /// <summary>Creates a table.</summary>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="batches">The batches, in row order.</param>
    public ArrowTable(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        Schema = schema;
        Batches = batches;
        RowCount = batches.Sum(b => (long)b.Length);
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <summary>The batches, in row order.</summary>
    public IReadOnlyList<RecordBatch> Batches { get; }

    /// <summary>Rows over all batches.</summary>
    public long RowCount { get; }

    /// <summary>Releases the batches (do not dispose when the batches are handed on, e.g. wrapped without copying).</summary>
    public void Dispose()
    {
        foreach (var batch in Batches) batch.Dispose();
    }
}
