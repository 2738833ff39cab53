using Parquet;
using Parquet.Schema;

namespace Adrn.Synthetic.Output;

/// <summary>Parquet: one row group per <see cref="TableBatch"/>, Snappy; dates as UTC timestamps (ms); missing as null.</summary>
internal sealed class ParquetTableSink : ITableSink
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;

    public ParquetTableSink(string path, IReadOnlyList<TableColumn> columns)
    {
        _fields = columns.Select(c => c.Kind switch
        {
            ColumnKind.Text => new DataField<string>(c.Name, true),
            ColumnKind.Int32 => new DataField<int>(c.Name, false),
            ColumnKind.Double => new DataField<double?>(c.Name, true),
            _ => (DataField)new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Millis, true),
        }).ToArray();
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        // NOTE: the Parquet.Net API is asynchronous only; generation is single-threaded and
        // deterministic, so we wait on each call rather than interleave writes.
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, options).GetAwaiter().GetResult();
    }

    public void Write(TableBatch batch)
    {
        using var group = _writer.CreateRowGroup();
        for (var c = 0; c < _fields.Length; c++)
        {
            var n = batch.Count;
            switch (batch.Columns[c].Kind)
            {
                case ColumnKind.Text:
                    var text = new string?[n];
                    Array.Copy(batch.Text(c), text, n);
                    for (var r = 0; r < n; r++)
                    {
                        if (string.IsNullOrEmpty(text[r]))
                        {
                            text[r] = null;
                        }
                    }

                    group.WriteAsync(_fields[c], text!).GetAwaiter().GetResult();
                    break;
                case ColumnKind.Int32:
                    group.WriteAsync(_fields[c], new ReadOnlyMemory<int>(batch.Ints(c), 0, n)).GetAwaiter().GetResult();
                    break;
                case ColumnKind.Double:
                    var doubles = new double?[n];
                    var source = batch.Doubles(c);
                    for (var r = 0; r < n; r++)
                    {
                        doubles[r] = double.IsNaN(source[r]) ? null : source[r];
                    }

                    group.WriteAsync(_fields[c], new ReadOnlyMemory<double?>(doubles)).GetAwaiter().GetResult();
                    break;
                default:
                    var dates = new DateTime?[n];
                    var days = batch.Ints(c);
                    for (var r = 0; r < n; r++)
                    {
                        dates[r] = days[r] == TableBatch.MissingDate
                            ? null
                            : DateOnly.FromDayNumber(days[r]).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                    }

                    group.WriteAsync(_fields[c], new ReadOnlyMemory<DateTime?>(dates)).GetAwaiter().GetResult();
                    break;
            }
        }

        group.CompleteValidate();
    }

    public void Dispose()
    {
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}
