using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Tables;

/// <summary>Arrow IPC file format: one record batch per at most <see cref="TableWriterOptions.ArrowBatchRows"/> rows.</summary>
internal sealed class ArrowTableSink : ITableSink
{
    private readonly ArrowFileWriter _writer;
    private readonly Schema _schema;
    private readonly TableSchema _table;
    private readonly TableWriterOptions _options;
    private bool _wroteBatch;

    public ArrowTableSink(Stream stream, TableSchema table, TableWriterOptions options, Schema? arrowSchema = null)
    {
        _table = table;
        _options = options;
        _schema = arrowSchema ?? ToArrowSchema(table);
        _writer = new ArrowFileWriter(stream, _schema, leaveOpen: true);
    }

    /// <summary>Writes an Arrow batch of this table's schema as it is.</summary>
    public void Write(RecordBatch batch)
    {
        _writer.WriteRecordBatch(batch);
        _wroteBatch = true;
    }

    /// <summary>The Arrow schema of a table: utf8, int8, int32, int64, float64, bool, date64; nullability as declared.</summary>
    /// <param name="table">The table's columns.</param>
    /// <returns>The Arrow schema.</returns>
    public static Schema ToArrowSchema(TableSchema table)
    {
        var builder = new Schema.Builder();
        foreach (var column in table)
        {
            IArrowType type = column.Type switch
            {
                TableColumnType.Text => StringType.Default,
                TableColumnType.Int8 => Int8Type.Default,
                TableColumnType.Int32 => Int32Type.Default,
                TableColumnType.Int64 => Int64Type.Default,
                TableColumnType.Double => DoubleType.Default,
                TableColumnType.Boolean => BooleanType.Default,
                _ => Date64Type.Default,
            };
            builder.Field(f =>
            {
                f.Name(column.Name).DataType(type).Nullable(column.Nullable);
                if (column.Description is not null) f.Metadata(TableSchema.DescriptionKey, column.Description);
            });
        }

        return builder.Build();
    }

    public void Write(TableBatch batch, int start, int count)
    {
        for (var from = start; from < start + count; from += _options.ArrowBatchRows)
        {
            var n = Math.Min(_options.ArrowBatchRows, start + count - from);
            var arrays = new IArrowArray[_table.Count];
            for (var c = 0; c < arrays.Length; c++) arrays[c] = BuildArray(batch, c, from, n);
            using var recordBatch = new RecordBatch(_schema, arrays, n);
            _writer.WriteRecordBatch(recordBatch);
            _wroteBatch = true;
        }
    }

    public void Complete(long rows)
    {
        if (!_wroteBatch && _options.WriteEmptyBatch)
        {
            var arrays = new IArrowArray[_table.Count];
            var empty = new TableBatch(_table, 0);
            for (var c = 0; c < arrays.Length; c++) arrays[c] = BuildArray(empty, c, 0, 0);
            using var recordBatch = new RecordBatch(_schema, arrays, 0);
            _writer.WriteRecordBatch(recordBatch);
            _wroteBatch = true;
        }

        // NOTE: a file with no batch still needs its magic and schema, which the Arrow writer only writes with the first batch.
        if (!_wroteBatch) _writer.WriteStart();
        _writer.WriteEnd();
    }

    public void Dispose() => _writer.Dispose();

    // NOTE: arrays are built with the Arrow builders in the way the project's files have always been built (per-row
    // Append/AppendNull where values may be missing, Append of a span otherwise), so their bytes did not change when
    // the writers were merged into this one.
    private IArrowArray BuildArray(TableBatch batch, int c, int from, int n)
    {
        var column = _table[c];
        switch (column.Type)
        {
            case TableColumnType.Text:
                {
                    var values = batch.Text(c);
                    var b = new StringArray.Builder();
                    for (var r = from; r < from + n; r++)
                    {
                        var s = values[r];
                        if (column.Nullable && string.IsNullOrEmpty(s)) b.AppendNull();
                        else b.Append(s ?? throw NotNullable(column, r));
                    }

                    return b.Build();
                }

            case TableColumnType.Int8:
                {
                    var values = batch.Int8(c);
                    var b = new Int8Array.Builder().Reserve(n);
                    for (var r = from; r < from + n; r++)
                    {
                        if (batch.IsMissing(c, r)) b.AppendNull();
                        else b.Append(values[r]);
                    }

                    return b.Build();
                }

            case TableColumnType.Int32:
                {
                    var values = batch.Int32(c);
                    if (!column.Nullable) return new Int32Array.Builder().Reserve(n).Append(values.AsSpan(from, n)).Build();
                    var b = new Int32Array.Builder();
                    for (var r = from; r < from + n; r++)
                    {
                        if (batch.IsMissing(c, r)) b.AppendNull();
                        else b.Append(values[r]);
                    }

                    return b.Build();
                }

            case TableColumnType.Int64:
                {
                    var values = batch.Int64(c);
                    if (!column.Nullable) return new Int64Array.Builder().Reserve(n).Append(values.AsSpan(from, n)).Build();
                    var b = new Int64Array.Builder();
                    for (var r = from; r < from + n; r++)
                    {
                        if (batch.IsMissing(c, r)) b.AppendNull();
                        else b.Append(values[r]);
                    }

                    return b.Build();
                }

            case TableColumnType.Double:
                {
                    var values = batch.Double(c);
                    var b = new DoubleArray.Builder().Reserve(n);
                    for (var r = from; r < from + n; r++)
                    {
                        if (column.Nullable && double.IsNaN(values[r])) b.AppendNull();
                        else b.Append(values[r]);
                    }

                    return b.Build();
                }

            case TableColumnType.Boolean:
                {
                    var values = batch.Boolean(c);
                    var b = new BooleanArray.Builder().Reserve(n);
                    for (var r = from; r < from + n; r++)
                    {
                        if (batch.IsMissing(c, r)) b.AppendNull();
                        else b.Append(values[r]);
                    }

                    return b.Build();
                }

            default:
                {
                    var values = batch.Dates(c);
                    var b = new Date64Array.Builder().Reserve(n);
                    for (var r = from; r < from + n; r++)
                    {
                        if (values[r] == TableBatch.MissingDate)
                        {
                            if (!column.Nullable) throw NotNullable(column, r);
                            b.AppendNull();
                        }
                        else
                        {
                            b.Append(DateOnly.FromDayNumber(values[r]));
                        }
                    }

                    return b.Build();
                }
        }
    }

    private static ArgumentException NotNullable(TableColumn column, int row) =>
        new($"column '{column.Name}' is not nullable, but row {row} of the batch has no value", nameof(column));
}
