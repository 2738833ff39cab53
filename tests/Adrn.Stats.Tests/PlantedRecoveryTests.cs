using Adrn.Stats.Akm;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.Tests;

/// <summary>Estimators recover parameters planted in seeded simulations (PlantedPanels); the truth is the DGP, not our output.</summary>
public sealed class PlantedRecoveryTests
{
    [Fact]
    public void Productivity_regression_recovers_every_planted_coefficient_within_its_95_percent_interval()
    {
        var data = PlantedPanels.Productivity(firms: 1500, years: 5, seed: 42);
        var fit = Regression.Fit(data, "log_gva_pw ~ management_score + exporter + foreign_owned + log(investment) | sic2^year + itl1",
            new RegressionOptions { Vcov = VcovSpec.Cluster("employer_id") });
        (string Term, double Planted)[] planted =
        [
            ("management_score", PlantedPanels.Management), ("exporter", PlantedPanels.Exporter),
            ("foreign_owned", PlantedPanels.ForeignOwned), ("log(investment)", PlantedPanels.LogInvestment),
        ];
        foreach (var (term, value) in planted)
        {
            var c = fit[term];
            Assert.True(c.CiLow <= value && value <= c.CiHigh, $"{term}: planted {value} outside [{c.CiLow:F4}, {c.CiHigh:F4}]");
        }

        Assert.Equal(7500, fit.N);
        Assert.Equal(OutputStatusPass, fit.Check.Status);
    }

    private const Disclosure.OutputStatus OutputStatusPass = Disclosure.OutputStatus.Pass;

    [Fact]
    public void Cluster_robust_intervals_cover_the_planted_coefficient_about_95_percent_of_the_time_and_iid_ones_do_not()
    {
        // 200 replications; within-firm correlated errors and a persistent regressor make iid SEs too small.
        const int replications = 200;
        int clusterCovers = 0, iidCovers = 0;
        for (var rep = 0; rep < replications; rep++)
        {
            var data = PlantedPanels.Productivity(firms: 150, years: 4, seed: 1000 + rep);
            const string formula = "log_gva_pw ~ management_score + exporter + foreign_owned + log(investment) | year";
            var clustered = Regression.Fit(data, formula, new RegressionOptions { Vcov = VcovSpec.Cluster("employer_id") })["management_score"];
            var iid = Regression.Fit(data, formula, new RegressionOptions { Vcov = VcovSpec.Iid })["management_score"];
            if (clustered.CiLow <= PlantedPanels.Management && PlantedPanels.Management <= clustered.CiHigh) clusterCovers++;
            if (iid.CiLow <= PlantedPanels.Management && PlantedPanels.Management <= iid.CiHigh) iidCovers++;
        }

        var coverage = clusterCovers / (double)replications;
        Assert.InRange(coverage, 0.90, 0.99); // ±3 binomial SDs around 0.95
        Assert.True(iidCovers < clusterCovers, $"iid coverage {iidCovers} should fall short of clustered {clusterCovers}");
    }

    [Fact]
    public void Akm_recovers_planted_variance_components_and_the_correction_removes_limited_mobility_bias()
    {
        var truth = PlantedPanels.Akm(workers: 4000, firms: 400, years: 6, moveRate: 0.1, rho: 0.5, noiseSd: 0.3, seed: 7);
        var akm = AkmDecomposition.Fit(truth.Data, new AkmOptions { Controls = "i(year)", BiasCorrectionDraws = 40 });
        var corrected = akm.BiasCorrected!;

        Assert.Equal(1, akm.ConnectedComponents);
        Assert.Equal(24_000, akm.Observations);
        // Tolerances (stated before looking at the estimates): 10% of each planted variance,
        // 0.005 (absolute) for the covariance, 5% for the residual variance.
        Assert.InRange(corrected.VarWorker, 0.9 * truth.VarWorker, 1.1 * truth.VarWorker);
        Assert.InRange(corrected.VarFirm, 0.9 * truth.VarFirm, 1.1 * truth.VarFirm);
        Assert.InRange(corrected.CovWorkerFirm, truth.CovWorkerFirm - 0.005, truth.CovWorkerFirm + 0.005);
        Assert.InRange(akm.ResidualVariance, 0.95 * truth.VarResidual, 1.05 * truth.VarResidual);
        // Limited mobility bias: the plug-in firm variance is too large and the sorting covariance too small.
        Assert.True(akm.PlugIn.VarFirm > truth.VarFirm);
        Assert.True(Math.Abs(corrected.VarFirm - truth.VarFirm) < Math.Abs(akm.PlugIn.VarFirm - truth.VarFirm));
        Assert.True(Math.Abs(corrected.CovWorkerFirm - truth.CovWorkerFirm) < Math.Abs(akm.PlugIn.CovWorkerFirm - truth.CovWorkerFirm));
        // The year trend control (0.02 per year) is recovered.
        Assert.InRange(akm.Controls["year::2020"], 0.1 - 0.02, 0.1 + 0.02);
    }

    [Fact]
    public void Akm_restricts_to_the_largest_connected_set()
    {
        // Two worker pools that never share a firm: two components; the bigger one is kept.
        var big = PlantedPanels.Akm(workers: 600, firms: 40, years: 4, moveRate: 0.2, rho: 0, noiseSd: 0.2, seed: 3);
        var small = PlantedPanels.Akm(workers: 100, firms: 8, years: 4, moveRate: 0.2, rho: 0, noiseSd: 0.2, seed: 4);
        string?[] Prefix(string column, Data.RegressionData d, string prefix) =>
            Enumerable.Range(0, d.RowCount).Select(i => prefix + d.GetColumn(column).GetLabel(i)).ToArray();
        double[] Numbers(string column, Data.RegressionData d)
        {
            var v = new double[d.RowCount];
            d.GetColumn(column).CopyNumeric(v);
            return v;
        }

        var data = Data.RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["person_id"] = Prefix("person_id", big.Data, "A").Concat(Prefix("person_id", small.Data, "B")).ToArray(),
            ["employer_id"] = Prefix("employer_id", big.Data, "A").Concat(Prefix("employer_id", small.Data, "B")).ToArray(),
            ["year"] = Numbers("year", big.Data).Concat(Numbers("year", small.Data)).ToArray(),
            ["log_wage"] = Numbers("log_wage", big.Data).Concat(Numbers("log_wage", small.Data)).ToArray(),
        });
        var akm = AkmDecomposition.Fit(data, new AkmOptions { BiasCorrectionDraws = 0 });
        Assert.Equal(2, akm.ConnectedComponents);
        Assert.Equal(2400, akm.Observations);
        Assert.All(akm.FirmEffects.Keys, k => Assert.StartsWith("A", k, StringComparison.Ordinal));
        Assert.Null(akm.BiasCorrected);
    }
}
