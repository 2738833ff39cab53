namespace Adrn.Synthetic.Tests;

public sealed class DeterminismTests(GeneratedPopulationFixture population) : IClassFixture<GeneratedPopulationFixture>
{
    [Fact]
    public void Generator_writes_byte_identical_files_for_the_same_seed()
    {
        var again = TempDirectory.Create("adrn-synth-again");
        try
        {
            var summary = SyntheticPopulation.Generate(population.Options, again);

            Assert.Equal(population.Summary.Files, summary.Files);
            // CSV, Arrow and Parquet (Parquet.Net 6.1 embeds only its fixed "created_by" string).
            Assert.Contains("employees.parquet", summary.Files);
            foreach (var file in summary.Files)
            {
                var expected = File.ReadAllBytes(Path.Combine(population.Directory, file));
                var actual = File.ReadAllBytes(Path.Combine(again, file));
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{file} differs between two runs with the same options.");
            }
        }
        finally
        {
            TempDirectory.Delete(again);
        }
    }

    [Fact]
    public void Generator_writes_different_data_for_a_different_seed()
    {
        var other = TempDirectory.Create("adrn-synth-other");
        try
        {
            SyntheticPopulation.Generate(population.Options with { Seed = population.Options.Seed + 1, Formats = OutputFormats.Csv }, other);

            var first = File.ReadAllBytes(Path.Combine(population.Directory, "employees.csv"));
            var second = File.ReadAllBytes(Path.Combine(other, "employees.csv"));
            Assert.False(first.AsSpan().SequenceEqual(second));
        }
        finally
        {
            TempDirectory.Delete(other);
        }
    }

    [Fact]
    public void Summary_lists_every_file_and_row_count()
    {
        var summary = population.Summary;
        foreach (var file in summary.Files)
        {
            Assert.True(File.Exists(Path.Combine(population.Directory, file)), file);
        }

        Assert.Equal(2_000, summary.RowsOf("employers"));
        Assert.Equal(19_998, summary.RowsOf("employees"));
        Assert.Equal(2_000, summary.RowsOf("cohort"));
        Assert.Equal(population.Employees.Count, summary.RowsOf("employees"));
        Assert.True(summary.Seconds > 0);
    }
}
