using System.Globalization;
using System.Text;

namespace Adrn.Synthetic.Output;

/// <summary>
/// CSV: UTF-8 without BOM, header row, comma separator, RFC 4180 quoting, <c>\n</c> line endings,
/// empty field for missing, dates <c>yyyy-MM-dd</c>, numbers in invariant culture.
/// </summary>
internal sealed class CsvTableSink : ITableSink
{
    private readonly StreamWriter _writer;
    private readonly char[] _buffer = new char[64];

    public CsvTableSink(string path, IReadOnlyList<TableColumn> columns)
    {
        _writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        for (var c = 0; c < columns.Count; c++)
        {
            if (c > 0)
            {
                _writer.Write(',');
            }

            WriteText(columns[c].Name);
        }

        _writer.Write('\n');
    }

    public void Write(TableBatch batch)
    {
        var columns = batch.Columns;
        // NOTE: numbers are formatted into a reused char buffer: no string per number.
        for (var r = 0; r < batch.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    _writer.Write(',');
                }

                switch (columns[c].Kind)
                {
                    case ColumnKind.Text:
                        WriteText(batch.Text(c)[r]);
                        break;
                    case ColumnKind.Int32:
                        batch.Ints(c)[r].TryFormat(_buffer, out var n, default, CultureInfo.InvariantCulture);
                        _writer.Write(_buffer, 0, n);
                        break;
                    case ColumnKind.Double:
                        var d = batch.Doubles(c)[r];
                        if (!double.IsNaN(d))
                        {
                            d.TryFormat(_buffer, out var m, default, CultureInfo.InvariantCulture);
                            _writer.Write(_buffer, 0, m);
                        }

                        break;
                    case ColumnKind.Date:
                        var day = batch.Ints(c)[r];
                        if (day != TableBatch.MissingDate)
                        {
                            DateOnly.FromDayNumber(day).TryFormat(_buffer, out var k, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                            _writer.Write(_buffer, 0, k);
                        }

                        break;
                }
            }

            _writer.Write('\n');
        }
    }

    public void Dispose() => _writer.Dispose();

    private void WriteText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(value);
            return;
        }

        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }
}
