using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using Adrn.Stats.Tables;

namespace Adrn.Stats.Tests;

/// <summary>Behaviours checked against values derivable by hand or by an exact identity.</summary>
public sealed class EstimationBehaviourTests
{
    private static RegressionData Reference() =>
        RegressionData.ReadCsv(Path.Combine(AppContext.BaseDirectory, "Reference", "reference_data.csv"));

    [Fact]
    public void Collinear_regressor_is_dropped_reported_and_leaves_the_other_coefficients_unchanged()
    {
        var data = Reference();
        var x1 = new double[data.RowCount];
        data.GetColumn("x1").CopyNumeric(x1);
        var columns = data.ColumnNames.Select(data.GetColumn).ToList();
        columns.Add(RegressionData.FromArrays(new Dictionary<string, Array> { ["x1_twice"] = x1.Select(v => 2 * v).ToArray() }).GetColumn("x1_twice"));
        var extended = RegressionData.FromColumns(columns);

        var with = Regression.Fit(extended, "y ~ x1 + x2 + x1_twice", new RegressionOptions { Vcov = VcovSpec.Iid });
        var without = Regression.Fit(data, "y ~ x1 + x2", new RegressionOptions { Vcov = VcovSpec.Iid });
        Assert.Equal(["x1_twice"], with.DroppedCollinear);
        Assert.Equal(without["x1"].Estimate, with["x1"].Estimate, 10);
        Assert.Equal(without["x1"].StdError, with["x1"].StdError, 10);
    }

    [Fact]
    public void Regressor_constant_within_a_fixed_effect_is_dropped_as_collinear()
    {
        // region is (nearly) a firm attribute in the reference data; year is exactly absorbed by the year FE.
        var fit = Regression.Fit(Reference(), "y ~ x1 + year | firm + year", new RegressionOptions { Vcov = VcovSpec.Iid });
        Assert.Equal(["year"], fit.DroppedCollinear);
        Assert.Single(fit.Coefficients);
    }

    [Fact]
    public void Singletons_are_removed_iteratively_and_reported()
    {
        // Round 1: firm A has one row (row 0). Round 2: year 1 is then left with row 1 only.
        // Round 3: firm B is then left with row 2 only. Rows 3-5 (firm C, year 2) remain.
        string?[] firm = ["A", "B", "B", "C", "C", "C"];
        double[] year = [1, 1, 2, 2, 2, 2];
        double[] y = [1, 2, 3, 4, 5, 7];
        double[] x = [0.5, 0.1, 0.7, 0.2, 0.9, 0.4];
        var fit = Regression.Fit(RegressionData.FromArrays(new Dictionary<string, Array> { ["firm"] = firm, ["year"] = year, ["y"] = y, ["x"] = x }),
            "y ~ x | firm + year", new RegressionOptions { Vcov = VcovSpec.Iid });
        Assert.Equal(3, fit.RemovedSingletons);
        Assert.Equal(3, fit.N);
        // Slope on the remaining rows is the plain OLS slope of y on x within firm C: cov/var by hand.
        double[] xc = [0.2, 0.9, 0.4], yc = [4, 5, 7];
        double mx = xc.Average(), my = yc.Average();
        var slope = xc.Zip(yc).Sum(p => (p.First - mx) * (p.Second - my)) / xc.Sum(v => (v - mx) * (v - mx));
        Assert.Equal(slope, fit["x"].Estimate, 10);
        Assert.Equal(OutputStatusFail, fit.Check.Status); // residual df 1
    }

    private const Adrn.Stats.Disclosure.OutputStatus OutputStatusFail = Adrn.Stats.Disclosure.OutputStatus.Fail;

    [Fact]
    public void Factor_by_numeric_interaction_gives_each_level_its_own_slope_as_separate_regressions_do()
    {
        // Exact identity: y ~ i(region) + i(region):x1 (all levels) = one OLS per region; compare the slopes
        // with cov(x1, y) / var(x1) computed by hand within each region.
        var data = Reference();
        var fit = Regression.Fit(data, "y ~ i(region) + i(region):x1", new RegressionOptions { Vcov = VcovSpec.Iid });
        var y = new double[data.RowCount];
        var x = new double[data.RowCount];
        data.GetColumn("y").CopyNumeric(y);
        data.GetColumn("x1").CopyNumeric(x);
        foreach (var region in new[] { "TLC", "TLD", "TLE", "TLI", "TLJ" })
        {
            var rows = Enumerable.Range(0, data.RowCount).Where(i => data.GetColumn("region").GetLabel(i) == region).ToArray();
            double mx = rows.Average(i => x[i]), my = rows.Average(i => y[i]);
            var slope = rows.Sum(i => (x[i] - mx) * (y[i] - my)) / rows.Sum(i => (x[i] - mx) * (x[i] - mx));
            Assert.Equal(slope, fit[$"region::{region}:x1"].Estimate, 10);
        }
    }

    [Fact]
    public void Clustering_on_a_single_cluster_is_refused()
    {
        var data = RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["y"] = new double[] { 1, 3, 2, 5, 4, 6, 8, 7, 9, 12, 10, 11 },
            ["x"] = new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 },
            ["g"] = Enumerable.Repeat("only", 12).ToArray(),
        });
        var ex = Assert.Throws<ArgumentException>(() => Regression.Fit(data, "y ~ x", new RegressionOptions { Vcov = VcovSpec.Cluster("g") }));
        Assert.Contains("Cluster variable 'g' has 1 value(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hc2_with_fixed_effects_is_refused_with_an_explanation()
    {
        var ex = Assert.Throws<ArgumentException>(() => Regression.Fit(Reference(), "y ~ x1 | firm", new RegressionOptions { Vcov = VcovSpec.Hc2 }));
        Assert.Contains("leverage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_effect_solver_matches_exact_group_means_for_one_effect_and_converges_for_three()
    {
        int[] g = [0, 0, 1, 1, 1, 2];
        double[] x = [1, 3, 2, 4, 9, 7];
        var residual = new double[6];
        new FixedEffectSolver([g], [3]).Demean(x, residual);
        Assert.Equal([-1, 1, -3, -1, 4, 0], residual.Select(v => Math.Round(v, 12)));

        // Three effects: the residual must be orthogonal to every level of every effect.
        var r = new Random(3);
        var n = 2000;
        int[][] groups = [Enumerable.Range(0, n).Select(_ => r.Next(50)).ToArray(), Enumerable.Range(0, n).Select(_ => r.Next(30)).ToArray(), Enumerable.Range(0, n).Select(_ => r.Next(7)).ToArray()];
        var values = Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray();
        var result = new double[n];
        new FixedEffectSolver(groups, [50, 30, 7]).Demean(values, result, 1e-12);
        foreach (var (codes, levels) in groups.Zip([50, 30, 7]))
            for (var l = 0; l < levels; l++)
                Assert.True(Math.Abs(Enumerable.Range(0, n).Where(i => codes[i] == l).Sum(i => result[i])) < 1e-8);
    }

    [Fact]
    public void Conjugate_gradient_and_alternating_projections_give_the_same_two_way_residuals()
    {
        // Sparse worker-firm graph: 3000 workers x 6 years, 600 firms, 10% yearly moves, with weights.
        var r = new Random(11);
        var n = 18_000;
        var worker = new int[n];
        var firm = new int[n];
        var x = new double[n];
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            worker[i] = i / 6;
            firm[i] = i % 6 == 0 || r.NextDouble() < 0.1 ? r.Next(600) : firm[i - 1];
            x[i] = r.NextDouble() + (0.001 * firm[i]);
            w[i] = 0.5 + r.NextDouble();
        }

        var cg = new double[n];
        var ap = new double[n];
        new FixedEffectSolver([worker, firm], [3000, 600], w).Demean(x, cg, 1e-12);
        new FixedEffectSolver([worker, firm], [3000, 600], w) { UseConjugateGradient = false }.Demean(x, ap, 1e-12, 100_000);
        Assert.True(cg.Zip(ap).Max(p => Math.Abs(p.First - p.Second)) < 1e-9);
        // And the residual is orthogonal to every firm (weighted sums vanish).
        var sums = new double[600];
        for (var i = 0; i < n; i++) sums[firm[i]] += w[i] * cg[i];
        Assert.True(sums.Max(Math.Abs) < 1e-9);
    }

    [Fact]
    public void Model_table_renders_every_format_with_stars_standard_errors_and_fixed_effects()
    {
        var data = Reference();
        var a = Regression.Fit(data, "y ~ x1 + x2", new RegressionOptions { Vcov = VcovSpec.Hc1 });
        var b = Regression.Fit(data, "y ~ x1 + x2 | firm", new RegressionOptions { Vcov = VcovSpec.Cluster("firm") });
        var text = ModelTable.Render([a, b], TableFormat.Text);
        Assert.Contains(FormattableString.Invariant($"{a["x1"].Estimate:F4}***"), text, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"({b["x1"].StdError:F4})"), text, StringComparison.Ordinal);
        Assert.Matches(@"firm\s+No\s+Yes", text);
        Assert.Matches(@"Observations\s+600\s+599", text);
        Assert.Contains("| x1 | ", ModelTable.Render([a, b], TableFormat.Markdown), StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:left\">x1</td>", ModelTable.Render([a, b], TableFormat.Html), StringComparison.Ordinal);
        var latex = ModelTable.Render([a, b], TableFormat.Latex);
        Assert.Contains("\\begin{tabular}{lrr}", latex, StringComparison.Ordinal);
        Assert.Contains("$^{***}$", latex, StringComparison.Ordinal);
    }
}
