namespace Adrn.Tables;

/// <summary>CSV through <see cref="CsvWriter"/>: header row, then one record per row; a missing value is an empty field.</summary>
internal sealed class CsvTableSink : ITableSink
{
    private readonly CsvWriter _csv;
    private readonly TableSchema _schema;

    public CsvTableSink(Stream stream, TableSchema schema)
    {
        _schema = schema;
        _csv = new CsvWriter(new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 20) { NewLine = "\n" });
        foreach (var column in schema) _csv.WriteField(column.Name);
        _csv.EndRecord();
    }

    public void Write(TableBatch batch, int start, int count)
    {
        // NOTE: rows are written across columns, so each column's typed array and missing flags are fetched once per
        // batch, not per value; the switch per value is on a small integer.
        var n = _schema.Count;
        var types = new TableColumnType[n];
        var nullable = new bool[n];
        var columns = new Array[n];
        var missing = new bool[]?[n];
        for (var c = 0; c < n; c++)
        {
            types[c] = _schema[c].Type;
            nullable[c] = _schema[c].Nullable;
            columns[c] = types[c] switch
            {
                TableColumnType.Text => batch.Text(c),
                TableColumnType.Int8 => batch.Int8(c),
                TableColumnType.Int32 => batch.Int32(c),
                TableColumnType.Int64 => batch.Int64(c),
                TableColumnType.Double => batch.Double(c),
                TableColumnType.Boolean => batch.Boolean(c),
                _ => batch.Dates(c),
            };
            if (nullable[c] && types[c] is TableColumnType.Int8 or TableColumnType.Int32 or TableColumnType.Int64 or TableColumnType.Boolean)
                missing[c] = batch.Missing(c);
        }

        for (var r = start; r < start + count; r++)
        {
            for (var c = 0; c < n; c++)
            {
                if (missing[c] is { } m && m[r])
                {
                    _csv.WriteMissing();
                    continue;
                }

                switch (types[c])
                {
                    case TableColumnType.Text:
                        _csv.WriteField(((string?[])columns[c])[r]);
                        break;
                    case TableColumnType.Int8:
                        _csv.WriteField(((sbyte[])columns[c])[r]);
                        break;
                    case TableColumnType.Int32:
                        _csv.WriteField(((int[])columns[c])[r]);
                        break;
                    case TableColumnType.Int64:
                        _csv.WriteField(((long[])columns[c])[r]);
                        break;
                    case TableColumnType.Double:
                        var d = ((double[])columns[c])[r];
                        if (nullable[c] && double.IsNaN(d)) _csv.WriteMissing();
                        else _csv.WriteField(d);
                        break;
                    case TableColumnType.Boolean:
                        _csv.WriteField(((bool[])columns[c])[r]);
                        break;
                    default:
                        var day = ((int[])columns[c])[r];
                        if (day == TableBatch.MissingDate) _csv.WriteMissing();
                        else _csv.WriteField(DateOnly.FromDayNumber(day));
                        break;
                }
            }

            _csv.EndRecord();
        }
    }

    public void Complete(long rows) => _csv.Flush();

    public void Dispose() => _csv.Dispose();
}
