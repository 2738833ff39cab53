using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Microsoft.Data.Analysis;
using Parquet;
using Parquet.Schema;

namespace Adrn.Stats.Tests;

/// <summary>The same table read from Arrow (several batches), Parquet, CSV and a DataFrame gives the same fit.</summary>
public sealed class DataSourceTests
{
    private static readonly double[] Y = [1.2, 2.9, 3.1, 4.8, 5.2, 7.1, 6.9, 9.2, 8.8, 11.1, 12.2, 12.8];
    private static readonly int[] X = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    private static readonly string[] Group = ["a", "b", "a", "b", "c", "a", "b", "c", "a", "b", "c", "c"];
    private static readonly bool[] Flag = [true, false, false, true, true, false, true, false, true, false, true, false];
    private const string Model = "y ~ x + flag + i(g)";

    private static RegressionResult Expected() => Regression.Fit(RegressionData.FromArrays(new Dictionary<string, System.Array>
    {
        ["y"] = Y, ["x"] = X, ["g"] = Group, ["flag"] = Flag,
    }), Model, new RegressionOptions { Vcov = VcovSpec.Hc1 });

    private static void AssertSameFit(RegressionResult actual)
    {
        var expected = Expected();
        Assert.Equal(expected.Coefficients.Select(c => c.Term), actual.Coefficients.Select(c => c.Term));
        for (var j = 0; j < expected.Coefficients.Count; j++)
        {
            Assert.Equal(expected.Coefficients[j].Estimate, actual.Coefficients[j].Estimate, 12);
            Assert.Equal(expected.Coefficients[j].StdError, actual.Coefficients[j].StdError, 12);
        }
    }

    private static RecordBatch Batch(int from, int count) => new RecordBatch.Builder()
        .Append("y", false, c => c.Double(b => b.AppendRange(Y.Skip(from).Take(count))))
        .Append("x", false, c => c.Int32(b => b.AppendRange(X.Skip(from).Take(count))))
        .Append("g", false, c => c.String(b => b.AppendRange(Group.Skip(from).Take(count))))
        .Append("flag", false, c => c.Boolean(b => b.AppendRange(Flag.Skip(from).Take(count))))
        .Build();

    [Fact]
    public void Arrow_record_batches_are_read_as_one_table()
    {
        AssertSameFit(Regression.Fit(RegressionData.FromArrow([Batch(0, 5), Batch(5, 7)]), Model, new RegressionOptions { Vcov = VcovSpec.Hc1 }));
    }

    [Fact]
    public void Arrow_ipc_file_round_trips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"adrn-stats-{Guid.NewGuid():N}.arrow");
        try
        {
            var first = Batch(0, 6);
            using (var stream = File.Create(path))
            using (var writer = new ArrowFileWriter(stream, first.Schema))
            {
                writer.WriteRecordBatch(first);
                writer.WriteRecordBatch(Batch(6, 6));
                writer.WriteEnd();
            }

            AssertSameFit(Regression.Fit(RegressionData.Load(path), Model, new RegressionOptions { Vcov = VcovSpec.Hc1 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Parquet_file_round_trips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"adrn-stats-{Guid.NewGuid():N}.parquet");
        try
        {
            var fields = new DataField[] { new DataField<double>("y"), new DataField<int>("x"), new DataField<string>("g"), new DataField<bool>("flag") };
            var schema = new ParquetSchema(fields);
            await using (var stream = File.Create(path))
            {
                await using var writer = await ParquetWriter.CreateAsync(schema, stream);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<double>(fields[0], Y.AsMemory());
                await group.WriteAsync<int>(fields[1], X.AsMemory());
                await group.WriteAsync(fields[2], Group, null);
                await group.WriteAsync<bool>(fields[3], Flag.AsMemory());
            }

            AssertSameFit(Regression.Fit(await RegressionData.ReadParquetAsync(path), Model, new RegressionOptions { Vcov = VcovSpec.Hc1 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Csv_file_round_trips_with_quoted_fields()
    {
        var path = Path.Combine(Path.GetTempPath(), $"adrn-stats-{Guid.NewGuid():N}.csv");
        try
        {
            var lines = new List<string> { "y,x,g,flag" };
            lines.AddRange(Y.Select((y, i) => FormattableString.Invariant($"{y},{X[i]},\"{Group[i]}\",{(Flag[i] ? 1 : 0)}")));
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            AssertSameFit(Regression.Fit(RegressionData.Load(path), Model, new RegressionOptions { Vcov = VcovSpec.Hc1 }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DataFrame_is_read_in_place()
    {
        var frame = new DataFrame(
            new DoubleDataFrameColumn("y", Y), new Int32DataFrameColumn("x", X),
            new StringDataFrameColumn("g", Group), new BooleanDataFrameColumn("flag", Flag));
        AssertSameFit(Regression.Fit(RegressionData.FromDataFrame(frame), Model, new RegressionOptions { Vcov = VcovSpec.Hc1 }));
    }

    [Fact]
    public void Missing_values_drop_the_row_and_are_counted()
    {
        var y = (double[])Y.Clone();
        y[3] = double.NaN;
        var g = (string?[])Group.Clone();
        g[7] = null;
        var fit = Regression.Fit(RegressionData.FromArrays(new Dictionary<string, System.Array> { ["y"] = y, ["x"] = X, ["g"] = g, ["flag"] = Flag }), Model);
        Assert.Equal(10, fit.N);
        Assert.Equal(2, fit.RemovedMissing);
    }

    [Fact]
    public void Unknown_column_names_the_available_ones()
    {
        var data = RegressionData.FromArrays(new Dictionary<string, System.Array> { ["y"] = Y, ["x"] = X });
        var ex = Assert.Throws<KeyNotFoundException>(() => Regression.Fit(data, "y ~ z"));
        Assert.Contains("No column 'z'. Available columns: y, x.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factor_with_thousands_of_levels_is_refused_with_advice_to_absorb_it()
    {
        var n = 5000;
        var ids = Enumerable.Range(0, n).Select(i => (double)(i / 2)).ToArray();
        var y = Enumerable.Range(0, n).Select(i => (double)(i % 7)).ToArray();
        var data = RegressionData.FromArrays(new Dictionary<string, System.Array> { ["y"] = y, ["id"] = ids });
        var ex = Assert.Throws<ArgumentException>(() => Regression.Fit(data, "y ~ i(id)"));
        Assert.Contains("absorb it as a fixed effect instead: \"... | id\"", ex.Message, StringComparison.Ordinal);
    }
}
