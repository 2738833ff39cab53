using Apache.Arrow;

namespace Adrn.Tables;

/// <summary>
/// The one table writer: a table of typed, nullable columns (<see cref="TableSchema"/>) written as CSV, Arrow IPC or
/// Parquet from <see cref="TableBatch"/>es, streaming (memory is one batch). <see cref="Complete"/> finishes the file
/// and (by default) publishes it under its name atomically; disposing a writer that was not completed removes the
/// partial file.
/// </summary>
/// <example>
/// <code>
/// var schema = new TableSchema([new("id", TableColumnType.Text, Nullable: false), new("weight", TableColumnType.Double, Nullable: false)]);
/// using var writer = TableWriter.Create("out/links.arrow", TableFormat.Arrow, schema);
/// writer.Write(TableBatch.Wrap(schema, ids.Length, ids, weights));
/// writer.Complete();
/// </code>
/// </example>
public sealed class TableWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly ITableSink _sink;
    private readonly string _writtenPath;
    private bool _completed;
    private bool _disposed;

    private TableWriter(string path, TableFormat format, TableSchema schema, TableWriterOptions options, Schema? arrowSchema = null)
    {
        Path = path;
        Format = format;
        Schema = schema;
        _writtenPath = options.Atomic ? path + ".tmp" : path;
        _stream = new FileStream(_writtenPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        try
        {
            _sink = format switch
            {
                TableFormat.Arrow => new ArrowTableSink(_stream, schema, options, arrowSchema),
                TableFormat.Parquet => new ParquetTableSink(_stream, schema, options),
                _ => new CsvTableSink(_stream, schema),
            };
        }
        catch
        {
            _stream.Dispose();
            File.Delete(_writtenPath);
            throw;
        }
    }

    /// <summary>The path the table is published under.</summary>
    public string Path { get; }

    /// <summary>The file format.</summary>
    public TableFormat Format { get; }

    /// <summary>The table's columns.</summary>
    public TableSchema Schema { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Starts writing a table.</summary>
    /// <param name="path">Where the table goes (its folder must exist).</param>
    /// <param name="format">The format.</param>
    /// <param name="schema">The columns.</param>
    /// <param name="options">Layout options; <see cref="TableWriterOptions.Default"/> when null.</param>
    /// <returns>The writer.</returns>
    public static TableWriter Create(string path, TableFormat format, TableSchema schema, TableWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(schema);
        return new TableWriter(path, format, schema, options ?? TableWriterOptions.Default);
    }

    /// <summary>
    /// Starts writing a table whose rows come as Arrow record batches (<see cref="Write(RecordBatch)"/>): written as they
    /// are to an Arrow file, converted for CSV and Parquet.
    /// </summary>
    /// <param name="path">Where the table goes (its folder must exist).</param>
    /// <param name="format">The format.</param>
    /// <param name="schema">The Arrow schema of the batches (types as <see cref="TableSchema.FromArrow"/> accepts).</param>
    /// <param name="options">Layout options; <see cref="TableWriterOptions.Default"/> when null.</param>
    /// <returns>The writer.</returns>
    public static TableWriter Create(string path, TableFormat format, Schema schema, TableWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(schema);
        return new TableWriter(path, format, TableSchema.FromArrow(schema), options ?? TableWriterOptions.Default, schema);
    }

    /// <summary>Writes a whole in-memory table as <c>directory/name</c> + the format's extension, atomically.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="name">The table name (file name without extension).</param>
    /// <param name="format">The format.</param>
    /// <param name="table">All rows (e.g. from <see cref="TableBatch.Wrap"/>).</param>
    /// <param name="options">Layout options.</param>
    /// <returns>The path written.</returns>
    public static string WriteTable(string directory, string name, TableFormat format, TableBatch table, TableWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var path = System.IO.Path.Combine(directory, name + TableFormats.Extension(format));
        using var writer = Create(path, format, table.Schema, options);
        writer.Write(table);
        writer.Complete();
        return path;
    }

    /// <summary>Writes the batch's rows 0 .. <see cref="TableBatch.Count"/> - 1.</summary>
    /// <param name="batch">Rows of this writer's schema.</param>
    public void Write(TableBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Write(batch, 0, batch.Count);
    }

    /// <summary>Writes rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of the batch.</summary>
    /// <param name="batch">Rows of this writer's schema.</param>
    /// <param name="start">First row.</param>
    /// <param name="count">Rows.</param>
    /// <exception cref="ArgumentException">The batch has another schema, or a non-nullable column misses a value.</exception>
    public void Write(TableBatch batch, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException($"{Path}: the table is complete");
        if (!ReferenceEquals(batch.Schema, Schema) && !batch.Schema.SequenceEqual(Schema))
            throw new ArgumentException("the batch's columns are not the writer's", nameof(batch));
        if (start < 0 || count < 0 || start + count > batch.Capacity)
            throw new ArgumentOutOfRangeException(nameof(count), FormattableString.Invariant($"rows {start}..{start + count} are outside the batch's {batch.Capacity}"));
        if (count == 0) return;
        _sink.Write(batch, start, count);
        Rows += count;
    }

    /// <summary>Writes an Arrow record batch of this table's schema (as it is to Arrow; converted for CSV and Parquet).</summary>
    /// <param name="batch">The rows.</param>
    public void Write(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException($"{Path}: the table is complete");
        if (_sink is ArrowTableSink arrow) arrow.Write(batch);
        else if (batch.Length > 0) _sink.Write(ArrowBatchConversion.ToTableBatch(batch, Schema), 0, batch.Length);
        Rows += batch.Length;
    }

    /// <summary>Finishes the file and publishes it under <see cref="Path"/> (replacing any file there).</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) return;
        _sink.Complete(Rows);
        _sink.Dispose();
        _stream.Dispose();
        if (_writtenPath != Path) File.Move(_writtenPath, Path, overwrite: true);
        _completed = true;
    }

    /// <summary>Closes the file; a table that was not completed is removed.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_completed) return;
        try
        {
            _sink.Dispose();
        }
        catch (IOException)
        {
            // The partial file is deleted below; a failure to close it cleanly changes nothing.
        }
        finally
        {
            _stream.Dispose();
            File.Delete(_writtenPath);
        }
    }
}
