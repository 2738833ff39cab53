namespace Adrn.Tables;

/// <summary>CSV through <see cref="CsvWriter"/>: header row, then one record per row; a missing value is an empty field.</summary>
internal sealed class CsvTableSink : ITableSink
{
    private readonly CsvWriter _csv;
    private readonly TableSchema _schema;

    public CsvTableSink(Stream stream, TableSchema schema)
    {
        _schema = schema;
        _csv = new CsvWriter(new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" });
        foreach (var column in schema) _csv.WriteField(column.Name);
        _csv.EndRecord();
    }

    public void Write(TableBatch batch, int start, int count)
    {
        var n = _schema.Count;
        var columns = new Array[n];
        for (var c = 0; c < n; c++)
        {
            columns[c] = _schema[c].Type switch
            {
                TableColumnType.Text => batch.Text(c),
                TableColumnType.Int8 => batch.Int8(c),
                TableColumnType.Int32 => batch.Int32(c),
                TableColumnType.Int64 => batch.Int64(c),
                TableColumnType.Double => batch.Double(c),
                TableColumnType.Boolean => batch.Boolean(c),
                _ => batch.Dates(c),
            };
        }

        for (var r = start; r < start + count; r++)
        {
            for (var c = 0; c < n; c++)
            {
                if (batch.IsMissing(c, r))
                {
                    _csv.WriteMissing();
                    continue;
                }

                switch (columns[c])
                {
                    case string?[] text:
                        _csv.WriteField(text[r]);
                        break;
                    case sbyte[] int8:
                        _csv.WriteField(int8[r]);
                        break;
                    case int[] ints when _schema[c].Type == TableColumnType.Date:
                        _csv.WriteField(DateOnly.FromDayNumber(ints[r]));
                        break;
                    case int[] ints:
                        _csv.WriteField(ints[r]);
                        break;
                    case long[] longs:
                        _csv.WriteField(longs[r]);
                        break;
                    case double[] doubles:
                        _csv.WriteField(doubles[r]);
                        break;
                    case bool[] bools:
                        _csv.WriteField(bools[r]);
                        break;
                }
            }

            _csv.EndRecord();
        }
    }

    public void Complete(long rows) => _csv.Flush();

    public void Dispose() => _csv.Dispose();
}
