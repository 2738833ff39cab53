using System.Text.Json;

namespace Adrn.Cli.Tests;

/// <summary><c>adrn regress</c> with several models: repeated --formula and fixest's stepwise syntax in one table, written as LaTeX, HTML or Markdown by --out.</summary>
public sealed class RegressTableSpec
{
    private static readonly string Data = Path.Combine(RepositoryPaths.Root, "tests", "reference", "reference_data.csv");

    [Fact]
    public void Several_formulas_and_a_stepwise_one_line_up_side_by_side_and_few_clusters_are_warned_about()
    {
        var dir = AdrnProcess.NewWorkDirectory("regress-table");
        var tex = Path.Combine(dir, "table.tex");
        var outcome = AdrnProcess.Run("regress", "--data", Data, "--formula", "y ~ x1 + csw(x2, d)", "--formula", "y ~ x1 | firm",
            "--vcov", "cluster:year", "--out", tex);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Matches(@"\(1\)\s+\(2\)\s+\(3\)", outcome.StdOut);
        Assert.Matches(@"Clusters\s+6\s+6\s+6", outcome.StdOut); // reference_data.csv has 6 years
        Assert.Contains("only 6 clusters of 'year'", outcome.StdErr, StringComparison.Ordinal);
        var latex = File.ReadAllText(tex);
        Assert.StartsWith("\\begin{tabular}{lrrr}", latex, StringComparison.Ordinal);
        Assert.Contains("Clusters & 6 & 6 & 6", latex, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d[eE][+-]?\d", latex);
    }

    [Theory]
    [InlineData("table.html", "<table class=\"adrn-model-table\">")]
    [InlineData("table.md", "| x1 | ")]
    public void Out_writes_the_table_in_the_format_of_its_extension(string file, string expected)
    {
        var dir = AdrnProcess.NewWorkDirectory("regress-out");
        var path = Path.Combine(dir, file);
        var outcome = AdrnProcess.Run("regress", "--data", Data, "--formula", "y ~ sw(x1, x2)", "--vcov", "hc1", "--out", path);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Contains(expected, File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_out_of_several_models_lists_each_with_its_cluster_count()
    {
        var dir = AdrnProcess.NewWorkDirectory("regress-json");
        var json = Path.Combine(dir, "models.json");
        var outcome = AdrnProcess.Run("regress", "--data", Data, "--formula", "y ~ csw(x1, x2) | firm", "--out", json);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(2, models.Count);
        // Default: clustered by the first fixed effect. The estimation sample drops singleton firms (fixest's default),
        // so the clusters are the firms with at least two rows of the CSV (counted here from the file itself).
        var firms = File.ReadLines(Data).Skip(1).GroupBy(l => l.Split(',')[7]).Count(g => g.Count() >= 2);
        Assert.All(models, m => Assert.Equal(firms, m.GetProperty("clusters")[0].GetInt32()));
    }

    [Fact]
    public void An_unknown_out_extension_is_bad_usage_naming_the_choices()
    {
        var outcome = AdrnProcess.Run("regress", "--data", Data, "--formula", "y ~ x1", "--out", Path.Combine(Path.GetTempPath(), "table.docx"));
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains(".tex", outcome.StdErr, StringComparison.Ordinal);
    }
}
