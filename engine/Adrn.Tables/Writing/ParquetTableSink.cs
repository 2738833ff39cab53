using Parquet;
using Parquet.Schema;

namespace Adrn.Tables;

/// <summary>Parquet (Snappy): one row group per at most <see cref="TableWriterOptions.ParquetRowGroupRows"/> rows of a write.</summary>
internal sealed class ParquetTableSink : ITableSink
{
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly TableSchema _table;
    private readonly TableWriterOptions _options;
    private bool _wroteGroup;
    private bool _closed;

    public ParquetTableSink(Stream stream, TableSchema table, TableWriterOptions options)
    {
        _table = table;
        _options = options;
        _fields = table.Select(ToField).ToArray();
        // NOTE: Parquet.Net's API is asynchronous only; tables are written from one thread, so each call is waited on.
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy })
            .GetAwaiter().GetResult();
        var descriptions = table.Where(c => c.Description is not null)
            .ToDictionary(c => TableSchema.DescriptionKey + ":" + c.Name, c => c.Description!, StringComparer.Ordinal);
        if (descriptions.Count > 0) _writer.CustomMetadata = descriptions;
    }

    /// <summary>The Parquet field of a column: string, int32 (for Int8 and Int32), int64, double, boolean, timestamp (ms, UTC) for dates.</summary>
    private static DataField ToField(TableColumn c) => c.Type switch
    {
        TableColumnType.Text => new DataField<string>(c.Name, c.Nullable),
        TableColumnType.Int8 or TableColumnType.Int32 => c.Nullable ? new DataField<int?>(c.Name, true) : new DataField<int>(c.Name, false),
        TableColumnType.Int64 => c.Nullable ? new DataField<long?>(c.Name, true) : new DataField<long>(c.Name, false),
        TableColumnType.Double => c.Nullable ? new DataField<double?>(c.Name, true) : new DataField<double>(c.Name, false),
        TableColumnType.Boolean => c.Nullable ? new DataField<bool?>(c.Name, true) : new DataField<bool>(c.Name, false),
        _ => new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Millis, isNullable: c.Nullable),
    };

    public void Write(TableBatch batch, int start, int count)
    {
        for (var from = start; from < start + count; from += _options.ParquetRowGroupRows)
        {
            WriteGroup(batch, from, Math.Min(_options.ParquetRowGroupRows, start + count - from));
        }
    }

    public void Complete(long rows)
    {
        if (!_wroteGroup && _options.WriteEmptyBatch) WriteGroup(new TableBatch(_table, 0), 0, 0);
        Dispose();
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void WriteGroup(TableBatch batch, int from, int n)
    {
        using var group = _writer.CreateRowGroup();
        for (var c = 0; c < _fields.Length; c++)
        {
            var column = _table[c];
            var field = _fields[c];
            switch (column.Type)
            {
                case TableColumnType.Text:
                    {
                        var values = new string?[n];
                        Array.Copy(batch.Text(c), from, values, 0, n);
                        if (column.Nullable)
                        {
                            for (var r = 0; r < n; r++)
                            {
                                if (values[r] is { Length: 0 }) values[r] = null;
                            }
                        }

                        Wait(group.WriteAsync(field, values!));
                        break;
                    }

                case TableColumnType.Int8:
                    WriteValues(group, field, batch, c, from, n, r => (int)batch.Int8(c)[r]);
                    break;
                case TableColumnType.Int32:
                    if (column.Nullable) WriteValues(group, field, batch, c, from, n, r => batch.Int32(c)[r]);
                    else Wait(group.WriteAsync(field, new ReadOnlyMemory<int>(batch.Int32(c), from, n)));
                    break;
                case TableColumnType.Int64:
                    if (column.Nullable) WriteValues(group, field, batch, c, from, n, r => batch.Int64(c)[r]);
                    else Wait(group.WriteAsync(field, new ReadOnlyMemory<long>(batch.Int64(c), from, n)));
                    break;
                case TableColumnType.Double:
                    if (column.Nullable) WriteValues(group, field, batch, c, from, n, r => batch.Double(c)[r]);
                    else Wait(group.WriteAsync(field, new ReadOnlyMemory<double>(batch.Double(c), from, n)));
                    break;
                case TableColumnType.Boolean:
                    WriteValues(group, field, batch, c, from, n, r => batch.Boolean(c)[r]);
                    break;
                default:
                    {
                        var days = batch.Dates(c);
                        var dates = new DateTime?[n];
                        for (var r = 0; r < n; r++)
                        {
                            dates[r] = days[from + r] == TableBatch.MissingDate
                                ? null
                                : DateOnly.FromDayNumber(days[from + r]).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                        }

                        Wait(group.WriteAsync(field, new ReadOnlyMemory<DateTime?>(dates)));
                        break;
                    }
            }
        }

        group.CompleteValidate();
        _wroteGroup = true;
    }

    /// <summary>Writes a value column: as plain values when the field is required, else as nullable values with missing ones null.</summary>
    private static void WriteValues<T>(ParquetRowGroupWriter group, DataField field, TableBatch batch, int c, int from, int n, Func<int, T> value)
        where T : struct
    {
        if (!field.IsNullable)
        {
            var plain = new T[n];
            for (var r = 0; r < n; r++) plain[r] = value(from + r);
            Wait(group.WriteAsync(field, new ReadOnlyMemory<T>(plain)));
            return;
        }

        var values = new T?[n];
        for (var r = 0; r < n; r++) values[r] = batch.IsMissing(c, from + r) ? null : value(from + r);
        Wait(group.WriteAsync(field, new ReadOnlyMemory<T?>(values)));
    }

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
