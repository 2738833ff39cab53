using System.Globalization;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Output;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Linkage.Tests.Output;

public sealed class ArrowTableConverterTests
{
    private const int Rows = 600_000;

    private static string WriteArrow(string directory)
    {
        // Six record batches of 100k rows: more than two Parquet row groups' worth (groups close at 262,144 rows or more).
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(StringType.Default).Nullable(true))
            .Field(f => f.Name("weight").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("gamma").DataType(Int8Type.Default).Nullable(false))
            .Build();
        var path = Path.Combine(directory, "table.arrow");
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema);
        for (var start = 0; start < Rows; start += 100_000)
        {
            var ids = new StringArray.Builder();
            var weights = new DoubleArray.Builder();
            var gammas = new Int8Array.Builder();
            for (var i = start; i < start + 100_000; i++)
            {
                if (i % 1_000 == 7) ids.AppendNull();
                else ids.Append(i % 5_000 == 0 ? $"a,\"{i}\"" : "r" + i.ToString(CultureInfo.InvariantCulture));
                weights.Append(i / 7.0);
                gammas.Append((sbyte)(i % 5 - 1));
            }

            using var batch = new RecordBatch(schema, [ids.Build(), weights.Build(), gammas.Build()], 100_000);
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();
        return path;
    }

    private static string Expected(int i, bool quoted)
    {
        var id = i % 1_000 == 7 ? string.Empty : i % 5_000 == 0 ? (quoted ? $"\"a,\"\"{i}\"\"\"" : $"a,\"{i}\"") : "r" + i.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{id}|{(i / 7.0).ToString("R", CultureInfo.InvariantCulture)}|{i % 5 - 1}");
    }

    [Fact]
    public void Csv_has_every_row_with_quoting_nulls_and_round_trip_doubles()
    {
        var t = new TestJob();
        var csv = ArrowTableConverter.Convert(WriteArrow(t.Directory), SourceFormat.Csv);

        Assert.Equal(Path.Combine(t.Directory, "table.csv"), csv);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("id,weight,gamma", lines[0]);
        Assert.Equal(Rows + 1, lines.Length);
        foreach (var i in new[] { 0, 7, 1, 5_000, 99_999, 100_000, 262_144, 300_000, 599_999 })
        {
            // Only the quoted ids contain commas; split the rest from the right.
            var line = lines[i + 1];
            var gammaAt = line.LastIndexOf(',');
            var weightAt = line.LastIndexOf(',', gammaAt - 1);
            Assert.Equal(Expected(i, quoted: true), line[..weightAt] + "|" + line[(weightAt + 1)..gammaAt] + "|" + line[(gammaAt + 1)..]);
        }

        Assert.False(File.Exists(csv + ".tmp"));
    }

    [Fact]
    public async Task Parquet_has_every_row_in_large_row_groups()
    {
        var t = new TestJob();
        var parquet = ArrowTableConverter.Convert(WriteArrow(t.Directory), SourceFormat.Parquet);

        await using var reader = await Parquet.ParquetReader.CreateAsync(parquet);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["id", "weight", "gamma"], fields.Select(f => f.Name));
        Assert.Equal(2, reader.RowGroupCount); // whole batches up to 262,144 rows or more: 300k + 300k, not one group per batch
        var row = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var ids = new string?[n];
            await group.ReadAsync(fields[0], ids.AsMemory());
            var weights = new double[n];
            await group.ReadAsync(fields[1], weights.AsMemory(), null);
            var gammas = new int[n];
            await group.ReadAsync(fields[2], gammas.AsMemory(), null);
            for (var i = 0; i < n; i++, row++)
            {
                Assert.Equal(Expected(row, quoted: false), string.Create(CultureInfo.InvariantCulture,
                    $"{ids[i] ?? string.Empty}|{weights[i].ToString("R", CultureInfo.InvariantCulture)}|{gammas[i]}"));
            }
        }

        Assert.Equal(Rows, row);
    }

    [Fact]
    public async Task Nullable_numeric_columns_convert_with_their_nulls_and_parquet_carries_the_column_descriptions()
    {
        // The linked panel's shape: nullable float64 and int32 columns (link_probability, year), described in the field
        // metadata as the panel builder writes them from its definition.
        var t = new TestJob();
        var path = Path.Combine(t.Directory, "nullable.arrow");
        var schema = new Schema.Builder()
            .Field(new Field("link_probability", DoubleType.Default, true, new Dictionary<string, string> { [ColumnDescriptions.Key] = "Probability of the link." }))
            .Field(new Field("year", Int32Type.Default, true, new Dictionary<string, string> { [ColumnDescriptions.Key] = "Payroll year." }))
            .Build();
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            using var batch = new RecordBatch(schema,
                [new DoubleArray.Builder().Append(0.25).AppendNull().Build(), new Int32Array.Builder().AppendNull().Append(2021).Build()], 2);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var csv = ArrowTableConverter.Convert(path, SourceFormat.Csv);
        Assert.Equal(["link_probability,year", "0.25,", ",2021"], File.ReadAllLines(csv));

        var parquet = ArrowTableConverter.Convert(path, SourceFormat.Parquet);
        await using var reader = await Parquet.ParquetReader.CreateAsync(parquet);
        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(0);
        var p = new double?[2];
        await group.ReadAsync(fields[0], p.AsMemory());
        var y = new int?[2];
        await group.ReadAsync(fields[1], y.AsMemory());
        Assert.Equal([0.25, null], p);
        Assert.Equal([null, 2021], y);
        Assert.Equal("Probability of the link.", reader.CustomMetadata["description:link_probability"]);
        Assert.Equal("Payroll year.", reader.CustomMetadata["description:year"]);
    }

    [Fact]
    public void A_column_of_another_type_is_refused_naming_file_and_column()
    {
        var t = new TestJob();
        var path = Path.Combine(t.Directory, "dates.arrow");
        var schema = new Schema.Builder().Field(f => f.Name("when").DataType(Int64Type.Default).Nullable(false)).Build();
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            using var batch = new RecordBatch(schema, [new Int64Array.Builder().Append(1).Build()], 1);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var error = Assert.Throws<NotSupportedException>(() => ArrowTableConverter.Convert(path, SourceFormat.Csv));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'when'", error.Message, StringComparison.Ordinal);
    }
}
