using Adrn.Tables;

namespace Adrn.Synthetic.Output;

/// <summary>
/// Writes one logical table to every requested format through a reusable batch: callers fill
/// <see cref="Batch"/> row by row and call <see cref="EndRow"/>; full batches are flushed to one
/// <see cref="Adrn.Tables.TableWriter"/> per format (Arrow: one record batch per flush; Parquet: one row group per flush).
/// </summary>
internal sealed class TableWriter : IDisposable
{
    /// <summary>Rows per Arrow record batch and per Parquet row group: part of those files' bytes.</summary>
    public const int ColumnarBatchRows = 65_536;

    /// <summary>Rows buffered when the table goes to CSV only.</summary>
    public const int CsvOnlyBatchRows = 1_024;

    // One Arrow batch and one Parquet row group per flushed batch; an empty table gets none (as always).
    private static readonly TableWriterOptions Layout = new()
    {
        ArrowBatchRows = ColumnarBatchRows, ParquetRowGroupRows = ColumnarBatchRows, WriteEmptyBatch = false,
    };

    private readonly List<Adrn.Tables.TableWriter> _writers = [];

    public TableWriter(string directory, string name, IReadOnlyList<TableColumn> columns, OutputFormats formats, ICollection<string> files)
    {
        Name = name;
        // NOTE: CSV is written row by row, so its bytes do not depend on the batch size; a small
        // batch keeps few row strings reachable, so a gen0 collection promotes few of them and
        // dead strings do not pile up in gen2 (the peak of a large payroll run).
        var columnar = formats.HasFlag(OutputFormats.Arrow) || formats.HasFlag(OutputFormats.Parquet);
        var schema = new TableSchema(columns);
        Batch = new TableBatch(schema, columnar ? ColumnarBatchRows : CsvOnlyBatchRows);
        foreach (var (flag, format) in new[] { (OutputFormats.Csv, TableFormat.Csv), (OutputFormats.Arrow, TableFormat.Arrow), (OutputFormats.Parquet, TableFormat.Parquet) })
        {
            if (!formats.HasFlag(flag)) continue;
            var file = name + TableFormats.Extension(format);
            _writers.Add(Adrn.Tables.TableWriter.Create(Path.Combine(directory, file), format, schema, Layout));
            files.Add(file);
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

    /// <summary>Writes the last rows and completes every file.</summary>
    public void Dispose()
    {
        Flush();
        foreach (var writer in _writers)
        {
            writer.Complete();
            writer.Dispose();
        }
    }

    private void Flush()
    {
        if (Batch.Count == 0)
        {
            return;
        }

        foreach (var writer in _writers)
        {
            writer.Write(Batch);
        }

        Batch.Count = 0;
    }
}
