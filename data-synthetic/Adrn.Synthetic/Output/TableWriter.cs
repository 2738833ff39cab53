namespace Adrn.Synthetic.Output;

/// <summary>
/// Writes one logical table to every requested format through a reusable batch: callers fill
/// <see cref="Batch"/> row by row and call <see cref="EndRow"/>; full batches are flushed.
/// </summary>
internal sealed class TableWriter : IDisposable
{
    /// <summary>Rows per Arrow record batch and per Parquet row group: part of those files' bytes.</summary>
    public const int ColumnarBatchRows = 65_536;

    /// <summary>Rows buffered when the table goes to CSV only.</summary>
    public const int CsvOnlyBatchRows = 1_024;

    private readonly List<ITableSink> _sinks = [];

    public TableWriter(string directory, string name, IReadOnlyList<TableColumn> columns, OutputFormats formats, ICollection<string> files)
    {
        Name = name;
        // NOTE: CSV is written row by row, so its bytes do not depend on the batch size; a small
        // batch keeps few row strings reachable, so a gen0 collection promotes few of them and
        // dead strings do not pile up in gen2 (the peak of a large payroll run).
        var columnar = formats.HasFlag(OutputFormats.Arrow) || formats.HasFlag(OutputFormats.Parquet);
        Batch = new TableBatch(columns, columnar ? ColumnarBatchRows : CsvOnlyBatchRows);
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
