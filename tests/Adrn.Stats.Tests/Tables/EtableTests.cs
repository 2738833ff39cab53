using System.Globalization;
using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using Adrn.Stats.Tables;

namespace Adrn.Stats.Tests.Tables;

/// <summary>
/// Multi-model tables as fixest's etable: stepwise formula expansion (fixest's csw/sw/csw0/sw0 semantics, from the
/// fixest documentation's examples), the clusters row, few-clusters warnings, and fixed notation in every format.
/// </summary>
public sealed class EtableTests
{
    private static RegressionData Reference() =>
        RegressionData.ReadCsv(Path.Combine(AppContext.BaseDirectory, "Reference", "reference_data.csv"));

    [Theory]
    [InlineData("y ~ x1 + csw(x2, x3)", new[] { "y ~ x1 + x2", "y ~ x1 + x2 + x3" })]
    [InlineData("y ~ x1 + sw(x2, x3)", new[] { "y ~ x1 + x2", "y ~ x1 + x3" })]
    [InlineData("y ~ x1 + csw0(x2, x3)", new[] { "y ~ x1", "y ~ x1 + x2", "y ~ x1 + x2 + x3" })]
    [InlineData("y ~ sw0(x1, log(x3))", new[] { "y ~ 1", "y ~ x1", "y ~ log(x3)" })]
    [InlineData("y ~ x1 | csw0(firm, year)", new[] { "y ~ x1", "y ~ x1 | firm", "y ~ x1 | firm + year" })]
    [InlineData("y ~ x1 + x2 | firm", new[] { "y ~ x1 + x2 | firm" })]
    public void Stepwise_functions_expand_into_one_formula_per_step(string formula, string[] expected) =>
        Assert.Equal(expected, StepwiseFormula.Expand(formula));

    [Theory]
    [InlineData("y ~ csw(x1, x2) + sw(x3, d)")]
    [InlineData("y ~ csw()")]
    [InlineData("y ~ csw(x1, x2")]
    public void A_second_stepwise_function_an_empty_one_or_unbalanced_parentheses_are_refused(string formula) =>
        Assert.Throws<FormatException>(() => StepwiseFormula.Expand(formula));

    [Fact]
    public void Stepwise_models_line_up_in_one_table_with_a_clusters_row_counting_the_groups_of_the_sample()
    {
        var data = Reference();
        var models = StepwiseFormula.Expand("y ~ x1 + csw0(x2, d)")
            .Select(f => Regression.Fit(data, f, new RegressionOptions { Vcov = VcovSpec.Cluster("firm") })).ToList();
        var text = ModelTable.Render(models, TableFormat.Text);
        Assert.Equal(3, models.Count);
        // tests/reference/reference_data.csv has 41 distinct firms (counted independently of the estimator).
        var firms = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", "reference_data.csv")).Skip(1).Select(l => l.Split(',')[7]).Distinct().Count();
        Assert.Equal(41, firms);
        Assert.All(models, m => Assert.Equal([firms], m.ClusterCounts));
        Assert.Matches(@"Clusters\s+41\s+41\s+41", text);
        Assert.Matches(@"\(1\)\s+\(2\)\s+\(3\)", text);
        Assert.DoesNotContain("Warning", text, StringComparison.Ordinal); // 41 clusters: enough
    }

    [Fact]
    public void Clustering_on_six_years_warns_that_the_standard_errors_are_unreliable_in_every_format()
    {
        var model = Regression.Fit(Reference(), "y ~ x1 + x2", new RegressionOptions { Vcov = VcovSpec.Cluster("year") });
        Assert.Equal([6], model.ClusterCounts);
        Assert.Equal(5, model.TDistributionDf);
        var warning = Assert.Single(ClusterWarning.For([model]));
        Assert.Contains("only 6 clusters of 'year'", warning, StringComparison.Ordinal);
        foreach (var format in Enum.GetValues<TableFormat>())
            Assert.Contains("only 6 clusters of", ModelTable.Render([model], format), StringComparison.Ordinal);
    }

    [Fact]
    public void Twenty_clusters_get_the_milder_warning_and_hc1_none()
    {
        var dir = Directory.CreateTempSubdirectory("adrn-etable-").FullName;
        var csv = Path.Combine(dir, "twenty.csv");
        var lines = new List<string> { "y,x,g" };
        var state = 12345UL;
        for (var i = 0; i < 400; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            var noise = ((state >> 11) / (double)(1UL << 53)) - 0.5;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{(2.0 * i / 400) + noise},{i / 400.0},{i % 20}"));
        }

        File.WriteAllLines(csv, lines);
        var data = RegressionData.ReadCsv(csv);
        var clustered = Regression.Fit(data, "y ~ x", new RegressionOptions { Vcov = VcovSpec.Cluster("g") });
        var warning = Assert.Single(ClusterWarning.For(clustered, "(1)"));
        Assert.Contains("20 clusters of 'g' (fewer than 30)", warning, StringComparison.Ordinal);
        Assert.Empty(ClusterWarning.For(Regression.Fit(data, "y ~ x", new RegressionOptions { Vcov = VcovSpec.Hc1 }), "(2)"));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Tiny_standard_errors_print_in_fixed_notation_never_with_an_exponent()
    {
        // Scale x1 by 10^5: its coefficient and SE shrink by 10^5 (about 7.6e-6 and 7.8e-7).
        var dir = Directory.CreateTempSubdirectory("adrn-etable-").FullName;
        var source = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "reference_data.csv"));
        var scaled = source.Take(1).Concat(source.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            cells[1] = (double.Parse(cells[1], CultureInfo.InvariantCulture) * 1e5).ToString("R", CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        }));
        var csv = Path.Combine(dir, "scaled.csv");
        File.WriteAllLines(csv, scaled);
        var model = Regression.Fit(RegressionData.ReadCsv(csv), "y ~ x1 + x2", new RegressionOptions { Vcov = VcovSpec.Hc1 });
        Assert.True(model["x1"].StdError < 1e-5, $"SE {model["x1"].StdError}");
        foreach (var format in Enum.GetValues<TableFormat>())
        {
            var table = ModelTable.Render([model], format);
            Assert.DoesNotMatch(@"\d[eE][+-]?\d", table);
            // Three significant figures of the SE, in fixed notation.
            var se = model["x1"].StdError;
            var decimals = (int)Math.Ceiling(-Math.Log10(se)) + 2;
            Assert.Contains("(" + se.ToString("F" + decimals, CultureInfo.InvariantCulture) + ")", table, StringComparison.Ordinal);
        }

        Directory.Delete(dir, recursive: true);
    }
}
