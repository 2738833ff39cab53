using System.Collections.Concurrent;
using System.Globalization;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Production;
using Adrn.Synthetic;
using Adrn.Synthetic.Production;
using Xunit.Abstractions;

namespace Adrn.Stats.Tests;

/// <summary>
/// Production functions on the generator's planted production model (Adrn.Synthetic, ProductionFunctionParameters):
/// the truth is the planted β_l = 0.6, β_k = 0.3, not our output.
/// </summary>
public sealed class ProductionFunctionTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly ProductionFunctionParameters Planted = ProductionFunctionParameters.Default;

    internal static RegressionData ToData(BusinessSurveyPanel panel) => RegressionData.FromArrays(new Dictionary<string, Array>
    {
        ["employer_id"] = panel.EmployerId, ["year"] = panel.Year, ["employment"] = panel.Employment, ["capital"] = panel.Capital,
        ["intermediate_inputs"] = panel.IntermediateInputs, ["investment"] = panel.Investment, ["value_added"] = panel.ValueAdded,
    });

    private static bool Covers(Estimation.CoefficientEstimate c, double truth) => c.CiLow <= truth && truth <= c.CiHigh;

    [Fact]
    public void Over_200_replications_ACF_and_LP_intervals_cover_the_planted_elasticities_90_to_99_percent_and_OLS_markedly_less()
    {
        const int replications = 200;
        const int bootstrap = 60;
        var results = new ConcurrentDictionary<int, (bool[] Ols, bool[] Lp, bool[] Acf, double[] Estimates)>();
        Parallel.For(0, replications, rep =>
        {
            var data = ToData(SyntheticBusinessSurvey.Simulate(firms: 200, years: 6, seed: (ulong)(5000 + rep)));
            var ols = ProductionFunction.Fit(data, new ProductionFunctionOptions { Method = ProductionFunctionMethod.Ols });
            var lp = ProductionFunction.Fit(data, new ProductionFunctionOptions
            {
                Method = ProductionFunctionMethod.LevinsohnPetrin, BootstrapReplications = bootstrap, Seed = rep,
            });
            var acf = ProductionFunction.Fit(data, new ProductionFunctionOptions
            {
                Method = ProductionFunctionMethod.Acf, BootstrapReplications = bootstrap, Seed = rep,
            });
            bool[] Cover(ProductionFunctionResult r) =>
                [Covers(r["log(employment)"], Planted.LabourElasticity), Covers(r["log(capital)"], Planted.CapitalElasticity)];
            results[rep] = (Cover(ols), Cover(lp), Cover(acf),
                [ols["log(employment)"].Estimate, lp["log(employment)"].Estimate, acf["log(employment)"].Estimate,
                 ols["log(capital)"].Estimate, lp["log(capital)"].Estimate, acf["log(capital)"].Estimate]);
        });

        double Rate(Func<(bool[] Ols, bool[] Lp, bool[] Acf, double[] Estimates), bool> covered) => results.Values.Count(covered) / (double)replications;
        var coverage = new (string Method, double Labour, double Capital)[]
        {
            ("OLS (firm and year effects, clustered)", Rate(r => r.Ols[0]), Rate(r => r.Ols[1])),
            ($"Levinsohn-Petrin (bootstrap {bootstrap})", Rate(r => r.Lp[0]), Rate(r => r.Lp[1])),
            ($"ACF (bootstrap {bootstrap})", Rate(r => r.Acf[0]), Rate(r => r.Acf[1])),
        };
        var means = Enumerable.Range(0, 6).Select(j => results.Values.Average(r => r.Estimates[j])).ToArray();
        output.WriteLine($"95% CI coverage over {replications} replications (200 firms x 6 years; planted labour {Planted.LabourElasticity}, capital {Planted.CapitalElasticity}):");
        for (var m = 0; m < coverage.Length; m++)
            output.WriteLine(string.Create(Inv, $"  {coverage[m].Method}: labour {coverage[m].Labour:P1} (mean estimate {means[m]:F3}), capital {coverage[m].Capital:P1} (mean {means[3 + m]:F3})"));

        foreach (var (method, labour, capital) in coverage.Skip(1))
        {
            Assert.InRange(labour, 0.90, 0.99);
            Assert.InRange(capital, 0.90, 0.99);
        }

        Assert.True(coverage[0].Labour < 0.5, $"OLS labour coverage {coverage[0].Labour:P1} should be far below 95%");
    }

    [Fact]
    public void Control_function_methods_recover_the_planted_elasticities_in_the_generated_business_survey()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-stats-prodfun-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            SyntheticPopulation.Generate(new SyntheticPopulationOptions
            {
                Employers = 1_500, Employees = 1_500 * 8, Cohort = 10, Years = 8, Seed = 31, Formats = OutputFormats.Csv,
            }, dir);
            var survey = RegressionData.ReadCsv(Path.Combine(dir, "business_survey.csv"));
            using var dgp = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "dgp.json")));
            var planted = dgp.RootElement.GetProperty("production_function");
            var labour = planted.GetProperty("labour").GetDouble();
            var capital = planted.GetProperty("capital").GetDouble();
            ProductionFunctionResult? acf = null;
            foreach (var (method, proxy) in new[] { (ProductionFunctionMethod.OlleyPakes, "log(investment)"), (ProductionFunctionMethod.LevinsohnPetrin, "log(intermediate_inputs)"), (ProductionFunctionMethod.Acf, "log(intermediate_inputs)") })
            {
                var fit = ProductionFunction.Fit(survey, new ProductionFunctionOptions { Method = method, Proxy = proxy, BootstrapReplications = 40 });
                if (method == ProductionFunctionMethod.Acf) acf = fit;
                output.WriteLine(fit.ToString());
                Assert.True(Covers(fit["log(employment)"], labour), $"{method}: labour {fit["log(employment)"]}");
                Assert.True(Covers(fit["log(capital)"], capital), $"{method}: capital {fit["log(capital)"]}");
                Assert.Equal(OutputStatus.Pass, fit.Check.Status);
                Assert.Equal(1_500, fit.Firms);
                Assert.Equal(1, fit.SecondStageSolutions);
            }

            // The TFP of the ACF fit tracks the planted ω (truth/business_survey.csv) up to the level.
            var truth = RegressionData.ReadCsv(Path.Combine(dir, "truth", "business_survey.csv"));
            var omega = new double[truth.RowCount];
            truth.GetColumn("log_tfp").CopyNumeric(omega);
            var joined = acf!.Tfp.AppendTo(RegressionData.FromColumns([truth.GetColumn("employer_id"), truth.GetColumn("year"), new PlantedColumn(omega)]));
            var estimated = new double[joined.RowCount];
            joined.GetColumn("omega").CopyNumeric(estimated);
            var correlation = Correlation(omega, estimated);
            output.WriteLine(string.Create(Inv, $"corr(planted omega, ACF omega) = {correlation:F3}"));
            Assert.True(correlation > 0.9, $"correlation {correlation}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class PlantedColumn(double[] values) : RegressionColumn("planted_omega", ColumnKind.Numeric, values.Length)
    {
        public override void CopyNumeric(Span<double> destination) => values.CopyTo(destination);

        public override string? GetLabel(int row) => NumericLabel(values[row]);
    }

    private static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Fact]
    public void Translog_with_a_Cobb_Douglas_truth_has_mean_elasticities_at_the_planted_values_and_OLS_translog_SEs_match_the_delta_method()
    {
        var data = ToData(SyntheticBusinessSurvey.Simulate(firms: 600, years: 8, seed: 77));
        var acf = ProductionFunction.Fit(data, new ProductionFunctionOptions { Form = ProductionFunctionForm.Translog, BootstrapReplications = 40 });
        output.WriteLine(acf.ToString());
        Assert.Equal(5, acf.Coefficients.Count);
        Assert.InRange(acf.Elasticities[0].Estimate, Planted.LabourElasticity - 0.08, Planted.LabourElasticity + 0.08);
        Assert.InRange(acf.Elasticities[1].Estimate, Planted.CapitalElasticity - 0.08, Planted.CapitalElasticity + 0.08);
        Assert.InRange(acf.ReturnsToScale.Estimate, 0.8, 1.0);

        // OLS translog: the mean elasticity and its delta-method SE equal the linear coefficient and its SE when the
        // log inputs are centred at their sample means (an independent reparameterisation through the same regression).
        var ols = ProductionFunction.Fit(data, new ProductionFunctionOptions { Method = ProductionFunctionMethod.Ols, Form = ProductionFunctionForm.Translog });
        var n = data.RowCount;
        var l = new double[n];
        var k = new double[n];
        data.GetColumn("employment").CopyNumeric(l);
        data.GetColumn("capital").CopyNumeric(k);
        var ml = l.Average(Math.Log);
        var mk = k.Average(Math.Log);
        var centred = RegressionData.FromColumns(data.ColumnNames.Select(data.GetColumn).Concat(RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["lc"] = l.Select(v => Math.Log(v) - ml).ToArray(), ["kc"] = k.Select(v => Math.Log(v) - mk).ToArray(),
        }).ColumnNames.Select(c => RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["lc"] = l.Select(v => Math.Log(v) - ml).ToArray(), ["kc"] = k.Select(v => Math.Log(v) - mk).ToArray(),
        }).GetColumn(c))));
        var reparameterised = ProductionFunction.Fit(centred, new ProductionFunctionOptions
        {
            Method = ProductionFunctionMethod.Ols, Form = ProductionFunctionForm.Translog, Free = ["lc"], State = ["kc"],
        });
        Assert.Equal(reparameterised["lc"].Estimate, ols.Elasticities[0].Estimate, 8);
        Assert.Equal(reparameterised["lc"].StdError, ols.Elasticities[0].StdError, 8);
        Assert.Equal(reparameterised["kc"].StdError, ols.Elasticities[1].StdError, 8);
    }

    [Fact]
    public void Tfp_is_written_as_csv_and_arrow_and_joins_back_onto_the_panel()
    {
        var data = ToData(SyntheticBusinessSurvey.Simulate(firms: 50, years: 4, seed: 3));
        var fit = ProductionFunction.Fit(data, new ProductionFunctionOptions { Method = ProductionFunctionMethod.LevinsohnPetrin });
        Assert.Equal(200, fit.Tfp.Rows);
        var dir = Path.Combine(Path.GetTempPath(), "adrn-tfp-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            fit.Tfp.Write(Path.Combine(dir, "tfp.csv"));
            fit.Tfp.Write(Path.Combine(dir, "tfp.arrow"));
            var csv = RegressionData.ReadCsv(Path.Combine(dir, "tfp.csv"));
            var arrow = RegressionData.ReadArrowFile(Path.Combine(dir, "tfp.arrow"));
            Assert.Equal(["employer_id", "year", "log_tfp", "omega"], csv.ColumnNames);
            var a = new double[200];
            var b = new double[200];
            csv.GetColumn("log_tfp").CopyNumeric(a);
            arrow.GetColumn("log_tfp").CopyNumeric(b);
            Assert.Equal(a, b);
            // log_tfp = y − β_l l − β_k k, recomputed from the columns and the reported coefficients.
            var joined = fit.Tfp.AppendTo(data);
            var y = new double[200];
            var l = new double[200];
            var k = new double[200];
            var tfp = new double[200];
            joined.GetColumn("value_added").CopyNumeric(y);
            joined.GetColumn("employment").CopyNumeric(l);
            joined.GetColumn("capital").CopyNumeric(k);
            joined.GetColumn("log_tfp").CopyNumeric(tfp);
            for (var i = 0; i < 200; i++)
                Assert.Equal(Math.Log(y[i]) - (fit["log(employment)"].Estimate * Math.Log(l[i])) - (fit["log(capital)"].Estimate * Math.Log(k[i])), tfp[i], 10);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_duplicated_firm_year_is_an_error_naming_the_rows_firm_and_year()
    {
        var data = RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["employer_id"] = new string?[] { "A", "A", "B", "A" }, ["year"] = new[] { 2019, 2020, 2019, 2020 },
            ["employment"] = new[] { 1.0, 2, 3, 4 }, ["capital"] = new[] { 1.0, 2, 3, 4 },
            ["intermediate_inputs"] = new[] { 1.0, 2, 3, 4 }, ["value_added"] = new[] { 1.0, 2, 3, 4 },
        });
        var error = Assert.Throws<ArgumentException>(() => ProductionFunction.Fit(data));
        Assert.Contains("Rows 2 and 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("'A'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2020", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_reported_all_at_once()
    {
        var data = ToData(SyntheticBusinessSurvey.Simulate(firms: 5, years: 3, seed: 1));
        var error = Assert.Throws<ArgumentException>(() => ProductionFunction.Fit(data, new ProductionFunctionOptions
        {
            Method = ProductionFunctionMethod.OlleyPakes, Form = ProductionFunctionForm.Translog, Proxy = null, PolynomialDegree = 9,
        }));
        Assert.Contains("needs a proxy", error.Message, StringComparison.Ordinal);
        Assert.Contains("translog", error.Message, StringComparison.Ordinal);
        Assert.Contains("degree must be 1..5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_firms_than_the_output_rules_allow_fail_the_output_check()
    {
        var data = ToData(SyntheticBusinessSurvey.Simulate(firms: 8, years: 10, seed: 2));
        var fit = ProductionFunction.Fit(data, new ProductionFunctionOptions { Method = ProductionFunctionMethod.Ols });
        Assert.Equal(OutputStatus.Fail, fit.Check.Status);
        Assert.Contains(fit.Check.Reasons, r => r.Contains("firms 8 < 10", StringComparison.Ordinal));
    }
}
