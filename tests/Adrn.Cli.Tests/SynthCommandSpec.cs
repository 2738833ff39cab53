namespace Adrn.Cli.Tests;

/// <summary><c>adrn synth</c> as a user runs it: the files of the data contract, and bad usage exiting 2.</summary>
public sealed class SynthCommandSpec
{
    [Fact]
    public void Synth_writes_every_file_of_the_data_contract()
    {
        var dir = AdrnProcess.NewWorkDirectory("synth");
        var outcome = AdrnProcess.Run("synth", "--employers", "200", "--employees", "1500", "--cohort", "150", "--years", "3", "--seed", "7", "--out", dir, "--format", "csv,arrow,parquet");
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        foreach (var table in new[] { "employers", "employees", "cohort" })
        {
            foreach (var ext in new[] { ".csv", ".arrow", ".parquet" })
            {
                Assert.True(File.Exists(Path.Combine(dir, table + ext)), $"{table}{ext} missing");
            }
        }

        Assert.True(File.Exists(Path.Combine(dir, "truth", "employee_employer.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "truth", "cohort_employee.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "dgp.json")));
        Assert.Equal(1500 + 1, File.ReadLines(Path.Combine(dir, "employees.csv")).Count());
    }

    [Theory]
    [InlineData("--employers", "-5")]
    [InlineData("--employees", "-1")]
    [InlineData("--cohort", "-3")]
    [InlineData("--years", "0")]
    public void Negative_or_zero_counts_are_bad_usage(string option, string value)
    {
        var dir = AdrnProcess.NewWorkDirectory("synth-bad");
        var outcome = AdrnProcess.Run("synth", option, value, "--out", dir);
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains(option.TrimStart('-'), outcome.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Unknown_format_is_bad_usage_naming_the_format()
    {
        var dir = AdrnProcess.NewWorkDirectory("synth-format");
        var outcome = AdrnProcess.Run("synth", "--out", dir, "--format", "csv,xlsx");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("xlsx", outcome.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwritable_output_folder_is_bad_usage_naming_the_folder()
    {
        // A folder below a regular file cannot be created, even by root.
        var dir = AdrnProcess.NewWorkDirectory("synth-unwritable");
        var file = Path.Combine(dir, "plain-file");
        File.WriteAllText(file, "x");
        var outcome = AdrnProcess.Run("synth", "--out", Path.Combine(file, "out"));
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("plain-file", outcome.StdErr, StringComparison.Ordinal);
    }
}
