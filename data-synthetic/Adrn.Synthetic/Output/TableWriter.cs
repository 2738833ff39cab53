namespace Adrn.Synthetic.Output;

/// <summary>
/// Writes one logical table to every requested format through a reusable batch: callers fill
/// <see cref="Batch"/> row by row and call <see cref="EndRow"/>; full batches are flushed.
/// </summary>
internal sealed class TableWriter : IDisposable
{
    private readonly List<ITableSink> _sinks = [];

    public TableWriter(string directory, string name, IReadOnlyList<TableColumn> columns, OutputFormats formats, ICollection<string> files, int batchSize = 65_536)
    {
        Name = name;
        Batch = new TableBatch(columns, batchSize);
        if (formats.HasFlag(OutputFormats.Csv))
        {
            _sinks.Add(new CsvTableSink(Path.Combine(directory, name + ".csv"), columns));
            files.Add(name + ".csv");
        }

        if (formats.HasFlag(OutputFormats.Arrow))
        {
            _sinks.Add(new ArrowTableSink(Path.Combine(directory, name + ".arrow"), columns));
            files.Add(name + ".arrow");
        }

        if (formats.HasFlag(OutputFormats.Parquet))
        {
            _sinks.Add(new ParquetTableSink(Path.Combine(directory, name + ".parquet"), columns));
            files.Add(name + ".parquet");
        }
    }

    /// <summary>Logical table name (file name without extension).</summary>
    public string Name { get; }

    /// <summary>The batch being filled; row index is <see cref="TableBatch.Count"/>.</summary>
    public TableBatch Batch { get; }

    /// <summary>Rows written so far, including the current batch.</summary>
    public long Rows { get; private set; }

    /// <summary>The index of the row being filled.</summary>
    public int Row => Batch.Count;

    /// <summary>Completes the current row, flushing the batch when full.</summary>
    public void EndRow()
    {
        Batch.Count++;
        Rows++;
        if (Batch.IsFull)
        {
            Flush();
        }
    }

    public void Dispose()
    {
        Flush();
        foreach (var sink in _sinks)
        {
            sink.Dispose();
        }
    }

    private void Flush()
    {
        if (Batch.Count == 0)
        {
            return;
        }

        foreach (var sink in _sinks)
        {
            sink.Write(Batch);
        }

        Batch.Count = 0;
    }
}
