using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet;

namespace Adrn.Tables.Tests;

/// <summary>
/// <see cref="TableWriter"/>: one table of typed, nullable columns written as CSV, Arrow and Parquet and read back —
/// Arrow and Parquet with their own libraries' readers (Apache.Arrow, Parquet.Net), not with ours.
/// </summary>
public sealed class TableWriterTests
{
    private static readonly TableSchema Schema = new(
    [
        new("name", TableColumnType.Text), new("id", TableColumnType.Text, Nullable: false), new("gamma", TableColumnType.Int8, Nullable: false),
        new("count", TableColumnType.Int32), new("big", TableColumnType.Int64, Nullable: false), new("score", TableColumnType.Double),
        new("flag", TableColumnType.Boolean), new("born", TableColumnType.Date),
    ]);

    /// <summary>Three rows; the second has every nullable value missing.</summary>
    private static TableBatch Rows()
    {
        var b = new TableBatch(Schema, 3) { Count = 3 };
        (b.Text(0)[0], b.Text(0)[1], b.Text(0)[2]) = ("Smith, J", null, "say \"hi\"");
        (b.Text(1)[0], b.Text(1)[1], b.Text(1)[2]) = ("a", "b", "");
        (b.Int8(2)[0], b.Int8(2)[1], b.Int8(2)[2]) = (-1, 0, 3);
        (b.Int32(3)[0], b.Int32(3)[2]) = (7, -2);
        b.Missing(3)[1] = true;
        (b.Int64(4)[0], b.Int64(4)[1], b.Int64(4)[2]) = (long.MaxValue, 0, -5);
        (b.Double(5)[0], b.Double(5)[1], b.Double(5)[2]) = (0.1 + 0.2, double.NaN, 1e-300);
        (b.Boolean(6)[0], b.Boolean(6)[2]) = (true, false);
        b.Missing(6)[1] = true;
        (b.Dates(7)[0], b.Dates(7)[1], b.Dates(7)[2]) = (new DateOnly(1980, 1, 2).DayNumber, TableBatch.MissingDate, new DateOnly(2024, 2, 29).DayNumber);
        return b;
    }

    [Fact]
    public void Csv_quotes_what_needs_it_writes_round_trip_doubles_and_leaves_missing_values_empty()
    {
        using var t = new TempFolder();
        var path = TableWriter.WriteTable(t.Directory, "table", TableFormat.Csv, Rows());
        Assert.Equal(
        [
            "name,id,gamma,count,big,score,flag,born",
            "\"Smith, J\",a,-1,7,9223372036854775807,0.30000000000000004,true,1980-01-02",
            ",b,0,,0,,,",
            "\"say \"\"hi\"\"\",,3,-2,-5,1E-300,false,2024-02-29",
        ], File.ReadAllLines(path));
        Assert.False(File.Exists(path + ".tmp"));

        // And the project's reader reads back what was written.
        var back = TableReader.ReadText(path, TableFormat.Csv);
        Assert.Equal("say \"hi\"", back.Column("name")[2]);
        Assert.Equal("Smith, J", back.Column("name")[0]);
    }

    [Fact]
    public void Arrow_keeps_types_nullability_and_nulls()
    {
        using var t = new TempFolder();
        var path = TableWriter.WriteTable(t.Directory, "table", TableFormat.Arrow, Rows());
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        Assert.Equal(["name", "id", "gamma", "count", "big", "score", "flag", "born"], reader.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal([true, false, false, true, false, true, true, true], reader.Schema.FieldsList.Select(f => f.IsNullable));
        using var batch = reader.ReadNextRecordBatch()!;
        Assert.Equal(3, batch.Length);
        Assert.Equal("Smith, J", ((StringArray)batch.Column(0)).GetString(0));
        Assert.True(batch.Column(0).IsNull(1));
        Assert.Equal("", ((StringArray)batch.Column(1)).GetString(2)); // empty text in a non-nullable column stays empty
        Assert.Equal((sbyte)-1, ((Int8Array)batch.Column(2)).GetValue(0));
        Assert.True(batch.Column(3).IsNull(1));
        Assert.Equal(-2, ((Int32Array)batch.Column(3)).GetValue(2));
        Assert.Equal(long.MaxValue, ((Int64Array)batch.Column(4)).GetValue(0));
        Assert.Equal(0.1 + 0.2, ((DoubleArray)batch.Column(5)).GetValue(0));
        Assert.True(batch.Column(5).IsNull(1));
        Assert.True(batch.Column(6).IsNull(1));
        Assert.Equal(new DateOnly(2024, 2, 29), ((Date64Array)batch.Column(7)).GetDateOnly(2));
        Assert.True(batch.Column(7).IsNull(1));
    }

    [Fact]
    public async Task Parquet_keeps_values_and_nulls()
    {
        using var t = new TempFolder();
        var path = TableWriter.WriteTable(t.Directory, "table", TableFormat.Parquet, Rows());
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal([true, false, false, true, false, true, true, true], fields.Select(f => f.IsNullable));
        using var group = reader.OpenRowGroupReader(0);
        var names = new string?[3];
        await group.ReadAsync(fields[0], names.AsMemory());
        Assert.Equal(new string?[] { "Smith, J", null, "say \"hi\"" }, names.AsEnumerable());
        var counts = new int?[3];
        await group.ReadAsync(fields[3], counts.AsMemory(), null);
        Assert.Equal([7, null, -2], counts);
        var scores = new double?[3];
        await group.ReadAsync(fields[5], scores.AsMemory(), null);
        Assert.Equal([0.1 + 0.2, null, 1e-300], scores);
        var born = new DateTime?[3];
        await group.ReadAsync(fields[7], born.AsMemory(), null);
        Assert.Equal(new DateTime(1980, 1, 2, 0, 0, 0, DateTimeKind.Utc), born[0]);
        Assert.Null(born[1]);
    }

    [Fact]
    public async Task Arrow_and_parquet_cut_large_writes_into_batches_and_row_groups_of_the_configured_size()
    {
        using var t = new TempFolder();
        var schema = new TableSchema([new("v", TableColumnType.Int32, Nullable: false)]);
        var values = Enumerable.Range(0, 2500).ToArray();
        var options = new TableWriterOptions { ArrowBatchRows = 1000, ParquetRowGroupRows = 1000 };
        var arrow = TableWriter.WriteTable(t.Directory, "v", TableFormat.Arrow, TableBatch.Wrap(schema, values.Length, values), options);
        using (var stream = File.OpenRead(arrow))
        using (var reader = new ArrowFileReader(stream))
        {
            var lengths = new List<int>();
            while (reader.ReadNextRecordBatch() is { } b) lengths.Add(b.Length);
            Assert.Equal([1000, 1000, 500], lengths);
        }

        var parquet = TableWriter.WriteTable(t.Directory, "v", TableFormat.Parquet, TableBatch.Wrap(schema, values.Length, values), options);
        await using var pq = await ParquetReader.CreateAsync(parquet);
        Assert.Equal(3, pq.RowGroupCount);
    }

    [Fact]
    public void An_empty_table_gets_one_empty_batch_unless_told_otherwise()
    {
        using var t = new TempFolder();
        var schema = new TableSchema([new("v", TableColumnType.Double, Nullable: false)]);
        foreach (var (empty, expected) in new[] { (true, 1), (false, 0) })
        {
            var path = TableWriter.WriteTable(t.Directory, "e" + empty, TableFormat.Arrow, new TableBatch(schema, 0), new TableWriterOptions { WriteEmptyBatch = empty });
            using var stream = File.OpenRead(path);
            using var reader = new ArrowFileReader(stream);
            var batches = 0;
            while (reader.ReadNextRecordBatch() is { }) batches++;
            Assert.Equal(expected, batches);
        }
    }

    [Fact]
    public void A_missing_value_in_a_non_nullable_column_is_refused_and_the_partial_file_removed()
    {
        using var t = new TempFolder();
        var schema = new TableSchema([new("id", TableColumnType.Text, Nullable: false)]);
        var path = Path.Combine(t.Directory, "ids.arrow");
        using (var writer = TableWriter.Create(path, TableFormat.Arrow, schema))
        {
            var ex = Assert.Throws<ArgumentException>(() => writer.Write(TableBatch.Wrap(schema, 2, new string?[] { "a", null })));
            Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Doubles_are_written_as_dotnet_round_trip_text()
    {
        // Reference: .NET's "R" format (the shortest text that parses back to the same double), which the outputs have always used.
        var random = new Random(5);
        var sw = new StringWriter();
        using (var csv = new CsvWriter(sw, leaveOpen: true))
        {
            for (var i = 0; i < 10_000; i++)
            {
                csv.WriteField(BitConverter.Int64BitsToDouble(random.NextInt64()));
                csv.EndRecord();
            }
        }

        random = new Random(5);
        foreach (var line in sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Equal(BitConverter.Int64BitsToDouble(random.NextInt64()).ToString("R", CultureInfo.InvariantCulture), line);
    }

    [Fact]
    public void Arrow_record_batches_pass_through_to_arrow_and_convert_for_csv()
    {
        using var t = new TempFolder();
        var schema = new Schema.Builder()
            .Field(f => f.Name("k").DataType(Apache.Arrow.Types.StringType.Default).Nullable(false))
            .Field(f => f.Name("p").DataType(Apache.Arrow.Types.DoubleType.Default).Nullable(true))
            .Build();
        using var batch = new RecordBatch(schema, [new StringArray.Builder().Append("x").Append("y").Build(), new DoubleArray.Builder().Append(0.5).AppendNull().Build()], 2);
        foreach (var format in new[] { TableFormat.Arrow, TableFormat.Csv })
        {
            var path = Path.Combine(t.Directory, "t" + TableFormats.Extension(format));
            using var writer = TableWriter.Create(path, format, schema);
            writer.Write(batch);
            writer.Complete();
        }

        Assert.Equal(["k,p", "x,0.5", "y,"], File.ReadAllLines(Path.Combine(t.Directory, "t.csv")));
        using var stream = File.OpenRead(Path.Combine(t.Directory, "t.arrow"));
        using var reader = new ArrowFileReader(stream);
        Assert.False(reader.Schema.GetFieldByName("k").IsNullable);
        using var back = reader.ReadNextRecordBatch()!;
        Assert.True(back.Column(1).IsNull(1));
    }
}
