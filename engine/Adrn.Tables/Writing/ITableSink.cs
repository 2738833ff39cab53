namespace Adrn.Tables;

/// <summary>One file format receiving the rows of a table.</summary>
internal interface ITableSink : IDisposable
{
    /// <summary>Writes rows [start, start + count) of the batch.</summary>
    void Write(TableBatch batch, int start, int count);

    /// <summary>Writes what ends the file (footer, metadata); <paramref name="rows"/> is the table's total.</summary>
    void Complete(long rows);
}
