using Apache.Arrow.Ipc;

namespace Adrn.Tables;

/// <summary>
/// Converts a table written as an Arrow IPC file to CSV or Parquet one record batch at a time, so tables larger than
/// memory (the engine's streamed <c>pairs</c>) can be had in every format, through the same <see cref="TableWriter"/>.
/// </summary>
public static class TableConverter
{
    /// <summary>
    /// Rows a Parquet row group of a converted table reaches before it is closed (whole Arrow batches are gathered, so a
    /// group may be a little larger): Arrow batches are small, Parquet readers prefer large groups.
    /// </summary>
    public const int ConvertedRowGroupRows = 1 << 18;

    /// <summary>Writes <paramref name="arrowPath"/> as <paramref name="format"/> beside it (same name, the format's extension), atomically.</summary>
    /// <param name="arrowPath">An Arrow IPC file of utf8, int8, int32, int64, float64, bool or date64 columns (nulls allowed).</param>
    /// <param name="format">CSV or Parquet (Arrow returns the input unchanged).</param>
    /// <returns>The path written.</returns>
    /// <exception cref="NotSupportedException">A column of another type.</exception>
    public static string ConvertArrowFile(string arrowPath, TableFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(arrowPath);
        if (format == TableFormat.Arrow) return arrowPath;
        var path = Path.ChangeExtension(arrowPath, TableFormats.Extension(format));
        using var stream = File.OpenRead(arrowPath);
        using var reader = new ArrowFileReader(stream);
        TableSchema source;
        try
        {
            source = TableSchema.FromArrow(reader.Schema);
        }
        catch (NotSupportedException ex)
        {
            throw new NotSupportedException($"{arrowPath}: {ex.Message}", ex);
        }

        // NOTE: text is written nullable whatever the Arrow file says, as converted tables always were: the engine's
        // Arrow outputs declare ids non-nullable while the same tables written in process do not, and their CSV and
        // Parquet forms must stay equal until each output table has one schema.
        var schema = new TableSchema(source.Select(c => c.Type == TableColumnType.Text ? c with { Nullable = true } : c));
        // Whole Arrow batches are gathered until they reach ConvertedRowGroupRows, then written as one row group.
        using var writer = TableWriter.Create(path, format, schema, new TableWriterOptions { ParquetRowGroupRows = int.MaxValue });
        var pending = new List<TableBatch>();
        var pendingRows = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                pending.Add(ArrowBatchConversion.ToTableBatch(batch, schema));
                pendingRows += batch.Length;
            }

            if (pendingRows >= ConvertedRowGroupRows)
            {
                writer.Write(Concatenate(schema, pending, pendingRows));
                pending.Clear();
                pendingRows = 0;
            }
        }

        if (pendingRows > 0) writer.Write(Concatenate(schema, pending, pendingRows));
        writer.Complete();
        return path;
    }

    private static TableBatch Concatenate(TableSchema schema, List<TableBatch> batches, int rows)
    {
        if (batches.Count == 1) return batches[0];
        var all = new TableBatch(schema, rows);
        foreach (var b in batches) all.Append(b, 0, b.Count);
        return all;
    }
}
