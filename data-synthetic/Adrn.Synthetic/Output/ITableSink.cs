namespace Adrn.Synthetic.Output;

/// <summary>A file format that receives batches of one table.</summary>
internal interface ITableSink : IDisposable
{
    /// <summary>Writes the first <see cref="TableBatch.Count"/> rows of the batch.</summary>
    void Write(TableBatch batch);
}
