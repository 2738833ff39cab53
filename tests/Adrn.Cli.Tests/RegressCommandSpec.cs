using System.Text.Json;

namespace Adrn.Cli.Tests;

/// <summary>
/// <c>adrn regress</c> as a user runs it. Reference values: statsmodels 0.13.5 OLS with HC1 on
/// tests/reference/reference_data.csv (tests/reference/make_reference.py; the same values are pinned
/// in tests/Adrn.Stats.Tests/Reference/StatsmodelsReference.cs).
/// </summary>
public sealed class RegressCommandSpec
{
    private static readonly string Data = Path.Combine(RepositoryPaths.Root, "tests", "reference", "reference_data.csv");

    [Fact]
    public void Regress_prints_the_table_and_writes_coefficients_matching_statsmodels()
    {
        var dir = AdrnProcess.NewWorkDirectory("regress");
        var json = Path.Combine(dir, "result.json");
        var outcome = AdrnProcess.Run("regress", "--data", Data, "--formula", "y ~ x1 + x2 + log(x3) + i(region)", "--vcov", "hc1", "--out", json);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Contains("x1", outcome.StdOut, StringComparison.Ordinal);
        Assert.Contains("PASS", outcome.StdOut, StringComparison.OrdinalIgnoreCase);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var x1 = doc.RootElement.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("term").GetString() == "x1");
        Assert.Equal(0.7615091910521861, x1.GetProperty("estimate").GetDouble(), 1e-6);
        Assert.Equal(0.07821344054225593, x1.GetProperty("std_error").GetDouble(), 1e-6);
    }

    [Fact]
    public void Malformed_formula_is_bad_usage()
    {
        var outcome = AdrnProcess.Run("regress", "--data", Data, "--formula", "y ~ ~ x1 +");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.NotEmpty(outcome.StdErr);
    }

    [Fact]
    public void Unknown_column_is_bad_usage_naming_the_column()
    {
        var outcome = AdrnProcess.Run("regress", "--data", Data, "--formula", "y ~ x1 + no_such_column");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("no_such_column", outcome.StdErr, StringComparison.Ordinal);
    }
}
