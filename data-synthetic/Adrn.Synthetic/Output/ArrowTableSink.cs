using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Synthetic.Output;

/// <summary>Arrow IPC file format: one record batch per <see cref="TableBatch"/>; dates as Date64, missing as null.</summary>
internal sealed class ArrowTableSink : ITableSink
{
    private readonly FileStream _stream;
    private readonly ArrowFileWriter _writer;
    private readonly Schema _schema;

    public ArrowTableSink(string path, IReadOnlyList<TableColumn> columns)
    {
        var builder = new Schema.Builder();
        foreach (var column in columns)
        {
            IArrowType type = column.Kind switch
            {
                ColumnKind.Text => StringType.Default,
                ColumnKind.Int32 => Int32Type.Default,
                ColumnKind.Double => DoubleType.Default,
                _ => Date64Type.Default,
            };
            builder.Field(f => f.Name(column.Name).DataType(type).Nullable(column.Kind is ColumnKind.Text or ColumnKind.Date or ColumnKind.Double));
        }

        _schema = builder.Build();
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _writer = new ArrowFileWriter(_stream, _schema, leaveOpen: true);
    }

    public void Write(TableBatch batch)
    {
        var arrays = new IArrowArray[batch.Columns.Count];
        for (var c = 0; c < arrays.Length; c++)
        {
            switch (batch.Columns[c].Kind)
            {
                case ColumnKind.Text:
                    {
                        var b = new StringArray.Builder();
                        var values = batch.Text(c);
                        for (var r = 0; r < batch.Count; r++)
                        {
                            if (string.IsNullOrEmpty(values[r]))
                            {
                                b.AppendNull();
                            }
                            else
                            {
                                b.Append(values[r]);
                            }
                        }

                        arrays[c] = b.Build();
                        break;
                    }

                case ColumnKind.Int32:
                    {
                        var b = new Int32Array.Builder().Reserve(batch.Count);
                        b.Append(batch.Ints(c).AsSpan(0, batch.Count));
                        arrays[c] = b.Build();
                        break;
                    }

                case ColumnKind.Double:
                    {
                        var b = new DoubleArray.Builder().Reserve(batch.Count);
                        var values = batch.Doubles(c);
                        for (var r = 0; r < batch.Count; r++)
                        {
                            if (double.IsNaN(values[r]))
                            {
                                b.AppendNull();
                            }
                            else
                            {
                                b.Append(values[r]);
                            }
                        }

                        arrays[c] = b.Build();
                        break;
                    }

                default:
                    {
                        var b = new Date64Array.Builder().Reserve(batch.Count);
                        var values = batch.Ints(c);
                        for (var r = 0; r < batch.Count; r++)
                        {
                            if (values[r] == TableBatch.MissingDate)
                            {
                                b.AppendNull();
                            }
                            else
                            {
                                b.Append(DateOnly.FromDayNumber(values[r]));
                            }
                        }

                        arrays[c] = b.Build();
                        break;
                    }
            }
        }

        using var recordBatch = new RecordBatch(_schema, arrays, batch.Count);
        _writer.WriteRecordBatch(recordBatch);
    }

    public void Dispose()
    {
        _writer.WriteEnd();
        _writer.Dispose();
        _stream.Dispose();
    }
}
