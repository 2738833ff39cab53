using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Tables.Tests;

/// <summary><see cref="TableReader"/>: chosen columns as text from CSV, Arrow and Parquet, with the accounting of a strict read.</summary>
public sealed class TableReaderTests
{
    [Fact]
    public void The_same_table_reads_as_the_same_text_from_csv_arrow_and_parquet()
    {
        using var t = new TempFolder();
        var schema = new TableSchema([new("id", TableColumnType.Text), new("n", TableColumnType.Int32), new("x", TableColumnType.Double), new("d", TableColumnType.Date)]);
        var b = new TableBatch(schema, 3) { Count = 3 };
        (b.Text(0)[0], b.Text(0)[1], b.Text(0)[2]) = (" a ", "b", null);
        (b.Int32(1)[0], b.Int32(1)[1]) = (1, 2);
        b.Missing(1)[2] = true;
        (b.Double(2)[0], b.Double(2)[1], b.Double(2)[2]) = (0.25, double.NaN, 3);
        (b.Dates(3)[0], b.Dates(3)[1], b.Dates(3)[2]) = (new DateOnly(2001, 2, 3).DayNumber, TableBatch.MissingDate, new DateOnly(1999, 12, 31).DayNumber);
        var trimmed = new CsvOptions { Trim = true };
        var expected = new[] { new[] { "a", "b", null }, ["1", "2", null], ["0.25", null, "3"], ["2001-02-03", null, "1999-12-31"] };
        foreach (var format in new[] { TableFormat.Csv, TableFormat.Arrow, TableFormat.Parquet })
        {
            var path = TableWriter.WriteTable(t.Directory, "t", format, b);
            Assert.Equal(["id", "n", "x", "d"], TableReader.ReadHeader(path, format));
            var table = TableReader.ReadText(path, format, ["id", "n", "x", "d"], trimmed);
            Assert.Equal(3, table.RowCount);
            Assert.Equal(3, table.RecordsRead);
            for (var c = 0; c < 4; c++) Assert.Equal(expected[c], table.Columns[c]);
        }
    }

    [Fact]
    public void A_missing_column_is_an_error_naming_file_and_column()
    {
        using var t = new TempFolder();
        var path = Path.Combine(t.Directory, "x.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        var ex = Assert.Throws<TableFormatException>(() => TableReader.ReadText(path, TableFormat.Csv, ["a", "c"]));
        Assert.Equal(path, ex.File);
        Assert.Equal("c", ex.ColumnName);
        Assert.Contains("the header has: a, b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_record_numbers_count_the_records_set_aside_before_them()
    {
        using var t = new TempFolder();
        var path = Path.Combine(t.Directory, "x.csv");
        File.WriteAllText(path, "a,b\n1,2\nbad\n3,4\n\"x\n5,6\nalso bad\nalso,bad,too\n7,8\n", new UTF8Encoding(false));
        var table = TableReader.ReadText(path, TableFormat.Csv, ["a"], new CsvOptions { OnMalformed = MalformedRecordPolicy.Collect });
        Assert.Equal(new string?[] { "1", "3", "5", "7" }, table.Column("a").AsEnumerable());
        // Records: 1 = "1,2", 2 = "bad", 3 = "3,4", 4 = the unbalanced quote (cut to its line), 5 = "5,6", 6 and 7 = wrong counts, 8 = "7,8".
        Assert.Equal([2L, 4L, 6L, 7L], table.Malformed.Select(m => m.RecordNumber));
        Assert.Equal([3L, 5L, 7L, 8L], table.Malformed.Select(m => m.Line));
        Assert.Equal([1L, 3L, 5L, 8L], Enumerable.Range(0, table.RowCount).Select(table.RecordNumber));
        Assert.Equal(8, table.RecordsRead);
    }

    [Fact]
    public void An_arrow_cursor_writes_dictionary_boolean_float_and_timestamp_values_as_text()
    {
        using var t = new TempFolder();
        var path = Path.Combine(t.Directory, "typed.arrow");
        var dictionary = new StringArray.Builder().Append("north").Append("south").Build();
        var indices = new Int32Array.Builder().Append(1).Append(0).AppendNull().Build();
        var schema = new Schema.Builder()
            .Field(f => f.Name("region").DataType(new DictionaryType(Int32Type.Default, StringType.Default, false)).Nullable(true))
            .Field(f => f.Name("flag").DataType(BooleanType.Default).Nullable(true))
            .Field(f => f.Name("f").DataType(FloatType.Default).Nullable(false))
            .Field(f => f.Name("at").DataType(new TimestampType(TimeUnit.Millisecond, TimeZoneInfo.Utc)).Nullable(false))
            .Build();
        var at = new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, TimeZoneInfo.Utc));
        foreach (var d in new[] { new DateTimeOffset(2020, 5, 6, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2000, 2, 29, 12, 0, 0, TimeSpan.Zero) }) at.Append(d);
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            using var batch = new RecordBatch(schema,
            [
                new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), indices, dictionary),
                new BooleanArray.Builder().Append(true).Append(false).AppendNull().Build(),
                new FloatArray.Builder().Append(0.1f).Append(-2f).Append(1e10f).Build(),
                at.Build(),
            ], 3);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        using var cursor = TableReader.OpenCursor(path, TableFormat.Arrow);
        Assert.Equal(["region", "flag", "f", "at"], cursor.Header);
        var rows = new List<string>();
        while (cursor.MoveNext()) rows.Add(string.Join("|", Enumerable.Range(0, cursor.FieldCount).Select(i => cursor[i].ToString())));
        // Expected: float and date texts as .NET writes them with "R" and "yyyy-MM-dd" (invariant culture).
        Assert.Equal(["south|1|" + 0.1f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "|2020-05-06", "north|0|-2|1970-01-01", "||1E+10|2000-02-29"], rows);
        Assert.Equal(3, cursor.RecordsRead);
        Assert.Empty(cursor.MalformedRecords);
    }
}
