using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Linkage.Tests.Input;

public sealed class SourceFormatTests
{
    [Fact]
    public void Csv_reader_handles_quotes_escapes_blank_padding_crlf_and_missing_fields()
    {
        var t = new TestJob();
        var path = t.File("q.csv", "id, name ,note\r\n1,\"Smith, John\",\"said \"\"hi\"\"\"\r\n2,  jones  ,\r\n\r\n3,\"multi\nline\",x");
        var table = SourceReader.Read(path, SourceFormat.Csv, ["id", "name", "note"]);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(new string?[] { "Smith, John", "jones", "multi\nline" }, table.Column("name").AsEnumerable());
        Assert.Equal(new string?[] { "said \"hi\"", null, "x" }, table.Column("note").AsEnumerable());
        Assert.Equal(["id", "name", "note"], SourceReader.ReadHeader(new SourceConfig { Name = "q", Path = path, Format = SourceFormat.Csv, IdColumn = "id", ColumnMap = new Dictionary<string, string>(), DateFormats = [] }));
    }

    [Fact]
    public void Csv_reader_keeps_records_intact_across_buffer_boundaries()
    {
        var t = new TestJob();
        var sb = new System.Text.StringBuilder("id,text\n");
        for (var i = 0; i < 20_000; i++) sb.Append(i).Append(",\"v ").Append(i).Append(", \"\"q\"\"\nend\"\n");
        var path = t.File("big.csv", sb.ToString().TrimEnd('\n'));
        var table = SourceReader.Read(path, SourceFormat.Csv, ["id", "text"]);
        Assert.Equal(20_000, table.RowCount);
        for (var i = 0; i < 20_000; i += 997)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), table.Column("id")[i]);
            Assert.Equal($"v {i}, \"q\"\nend", table.Column("text")[i]);
        }
    }

    [Fact]
    public void Parquet_sources_read_every_value_of_required_and_optional_columns()
    {
        // The synthetic generator writes its integer columns (year, soc_major) as required Parquet columns and the
        // rest as optional ones; the same rows in its CSV are the independent reference. (A standalone read of this
        // file's required columns into nullable values with Parquet.Net 6.1.0 left 282 of the 20,000 null.)
        var t = new TestJob();
        Adrn.Synthetic.SyntheticPopulation.Generate(new Adrn.Synthetic.SyntheticPopulationOptions
        {
            Employers = 200,
            Employees = 20_000,
            Cohort = 100,
            Years = 1,
            Seed = 3,
            Formats = Adrn.Synthetic.OutputFormats.Csv | Adrn.Synthetic.OutputFormats.Parquet,
        }, t.Directory);
        string[] columns = ["record_id", "year", "soc_major", "qualification_level", "date_of_birth", "annual_pay", "employer_name"];

        var parquet = SourceReader.Read(Path.Combine(t.Directory, "employees.parquet"), SourceFormat.Parquet, columns);
        var csv = SourceReader.Read(Path.Combine(t.Directory, "employees.csv"), SourceFormat.Csv, columns);

        Assert.Equal(csv.RowCount, parquet.RowCount);
        foreach (var column in columns.Where(c => c != "annual_pay"))
        {
            Assert.Equal(csv.Column(column).AsEnumerable(), parquet.Column(column).AsEnumerable());
        }

        Assert.DoesNotContain(null, parquet.Column("year").AsEnumerable());
        // Doubles: the CSV holds the generator's rounded text, Parquet the double; equal as numbers.
        var csvPay = csv.Column("annual_pay").AsEnumerable().Select(v => v is null ? (double?)null : double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        var parquetPay = parquet.Column("annual_pay").AsEnumerable().Select(v => v is null ? (double?)null : double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(csvPay, parquetPay);
    }

    [Fact]
    public void Arrow_sources_read_strings_numbers_and_dates_as_text()
    {
        var t = new TestJob();
        var path = Path.Combine(t.Directory, "a.arrow");
        var ids = new StringArray.Builder().Append("a").Append("b").AppendNull().Build();
        var names = new StringArray.Builder().Append(" anna ").Append("bob").Append("carl").Build();
        var ages = new Int32Array.Builder().Append(31).AppendNull().Append(7).Build();
        var dob = new Date64Array.Builder().Append(new DateTime(1980, 3, 4)).Append(new DateTime(2001, 12, 31)).AppendNull().Build();
        var batch = new RecordBatch.Builder().Append("id", true, ids).Append("name", true, names).Append("age", true, ages).Append("dob", true, dob).Build();
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, batch.Schema))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var table = SourceReader.Read(path, SourceReader.FormatOf(path), ["id", "name", "age", "dob"]);
        Assert.Equal(new string?[] { "a", "b", null }, table.Column("id").AsEnumerable());
        Assert.Equal(new string?[] { "anna", "bob", "carl" }, table.Column("name").AsEnumerable());
        Assert.Equal(new string?[] { "31", null, "7" }, table.Column("age").AsEnumerable());
        Assert.Equal(new string?[] { "1980-03-04", "2001-12-31", null }, table.Column("dob").AsEnumerable());
    }
}
