using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using Adrn.Stats.Tests.Reference;

namespace Adrn.Stats.Tests;

/// <summary>
/// Coefficients and standard errors against statsmodels 0.13.5 (tests/reference/make_reference.py,
/// values pinned in Reference/StatsmodelsReference.cs). Fixed-effect models: the reference fits
/// explicit dummies (FWL gives identical slopes) and applies fixest's documented ssc() rules
/// (adj, fixef.K = "nested", cluster.adj, cluster.df = "min") in the script, because R/fixest
/// cannot be installed here.
/// </summary>
public sealed class ReferenceRegressionTests
{
    private const double Relative = 1e-6;
    private static readonly Lazy<RegressionData> Data = new(() =>
        RegressionData.ReadCsv(Path.Combine(AppContext.BaseDirectory, "Reference", "reference_data.csv")));

    private static RegressionOptions Options(VcovSpec vcov) => new() { Vcov = vcov, FixedEffectTolerance = 1e-13 };

    private static void AssertClose(double expected, double actual, string what)
    {
        var error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-12);
        Assert.True(error < Relative, $"{what}: expected {expected:R}, got {actual:R} (relative error {error:E2})");
    }

    private static void AssertAll(IReadOnlyList<string> terms, double[] expected, Func<CoefficientEstimate, double> value, RegressionResult fit, string what)
    {
        Assert.Equal(terms.Count, expected.Length);
        for (var j = 0; j < terms.Count; j++) AssertClose(expected[j], value(fit[terms[j]]), $"{what} {terms[j]}");
    }

    private const string OlsFormula = "y ~ x1 + x2 + log(x3) + i(region)";

    [Fact]
    public void Ols_with_log_and_factor_matches_statsmodels_coefficients_and_iid_errors()
    {
        var fit = Regression.Fit(Data.Value, OlsFormula, Options(VcovSpec.Iid));
        Assert.Equal(StatsmodelsReference.OlsTerms, fit.Coefficients.Select(c => c.Term));
        AssertAll(StatsmodelsReference.OlsTerms, StatsmodelsReference.OlsCoefficients, c => c.Estimate, fit, "coefficient");
        AssertAll(StatsmodelsReference.OlsTerms, StatsmodelsReference.OlsSeIid, c => c.StdError, fit, "iid SE");
        AssertClose(StatsmodelsReference.OlsFit[0], fit.R2, "R2");
        AssertClose(StatsmodelsReference.OlsFit[1], fit.AdjustedR2, "adjusted R2");
        AssertClose(StatsmodelsReference.OlsFit[2], fit.FStat, "F");
        Assert.Equal((int)StatsmodelsReference.OlsFit[3], fit.N);
        Assert.Equal((int)StatsmodelsReference.OlsFit[4], fit.ResidualDf);
    }

    [Theory]
    [InlineData("hc0")]
    [InlineData("hc1")]
    [InlineData("hc2")]
    [InlineData("hc3")]
    [InlineData("cluster:firm")]
    public void Ols_robust_and_cluster_errors_match_statsmodels(string vcov)
    {
        var expected = vcov switch
        {
            "hc0" => StatsmodelsReference.OlsSeHc0,
            "hc1" => StatsmodelsReference.OlsSeHc1,
            "hc2" => StatsmodelsReference.OlsSeHc2,
            "hc3" => StatsmodelsReference.OlsSeHc3,
            _ => StatsmodelsReference.OlsSeClusterFirm,
        };
        var fit = Regression.Fit(Data.Value, OlsFormula, Options(VcovSpec.Parse(vcov)));
        AssertAll(StatsmodelsReference.OlsTerms, expected, c => c.StdError, fit, vcov);
    }

    [Fact]
    public void Star_interaction_expands_to_main_effects_and_product_as_statsmodels()
    {
        var fit = Regression.Fit(Data.Value, "y ~ x1*x2", Options(VcovSpec.Iid));
        string[] terms = ["(Intercept)", "x1", "x2", "x1:x2"];
        AssertAll(terms, StatsmodelsReference.InteractionCoefficients, c => c.Estimate, fit, "coefficient");
        AssertAll(terms, StatsmodelsReference.InteractionSeIid, c => c.StdError, fit, "iid SE");
    }

    [Fact]
    public void Weighted_regression_with_hc1_matches_statsmodels_wls()
    {
        var fit = Regression.Fit(Data.Value, "y ~ x1 + x2", Options(VcovSpec.Hc1) with { Weights = "w" });
        string[] terms = ["(Intercept)", "x1", "x2"];
        AssertAll(terms, StatsmodelsReference.WlsCoefficients, c => c.Estimate, fit, "coefficient");
        AssertAll(terms, StatsmodelsReference.WlsSeHc1, c => c.StdError, fit, "HC1 SE");
    }

    [Fact]
    public void Two_way_clustering_uses_the_smallest_cluster_count_as_fixest()
    {
        var fit = Regression.Fit(Data.Value, "y ~ x1 + x2", Options(VcovSpec.Cluster("firm", "year")));
        AssertAll(["(Intercept)", "x1", "x2"], StatsmodelsReference.TwoWaySe, c => c.StdError, fit, "two-way SE");
        Assert.Equal(6 - 1, fit.TDistributionDf); // fixest t.df = "min": smallest G - 1 (6 years)
    }

    [Fact]
    public void Absorbed_fixed_effects_match_dummy_regression_with_fixest_small_sample_rules()
    {
        string[] terms = ["x1", "x2"];
        var iid = Regression.Fit(Data.Value, "y ~ x1 + x2 | firm + year", Options(VcovSpec.Iid));
        Assert.Equal((int)StatsmodelsReference.FeSample[0], iid.RemovedSingletons);
        AssertAll(terms, StatsmodelsReference.FeCoefficients, c => c.Estimate, iid, "coefficient");
        AssertAll(terms, StatsmodelsReference.FeSeIid, c => c.StdError, iid, "iid SE");
        AssertClose(StatsmodelsReference.FeFit[0], iid.R2, "R2");
        AssertClose(StatsmodelsReference.FeFit[1], iid.WithinR2, "within R2");
        Assert.Equal((int)StatsmodelsReference.FeFit[2], iid.N);
        Assert.Equal((int)StatsmodelsReference.FeFit[3], iid.ResidualDf);

        var hetero = Regression.Fit(Data.Value, "y ~ x1 + x2 | firm + year", Options(VcovSpec.Hc1));
        AssertAll(terms, StatsmodelsReference.FeSeHc1, c => c.StdError, hetero, "HC1 SE");

        var cluster = Regression.Fit(Data.Value, "y ~ x1 + x2 | firm + year", Options(VcovSpec.Cluster("firm")));
        AssertAll(terms, StatsmodelsReference.FeSeClusterFirm, c => c.StdError, cluster, "cluster SE");
        Assert.True(cluster.FixedEffects.Single(f => f.Name == "firm").NestedInCluster);
        Assert.False(cluster.FixedEffects.Single(f => f.Name == "year").NestedInCluster);

        var twoWay = Regression.Fit(Data.Value, "y ~ x1 + x2 | firm + year", Options(VcovSpec.Cluster("firm", "year")));
        AssertAll(terms, StatsmodelsReference.FeSeTwoWay, c => c.StdError, twoWay, "two-way SE");
    }

    [Fact]
    public void Weighted_fixed_effects_with_cluster_errors_match_weighted_dummy_regression()
    {
        var fit = Regression.Fit(Data.Value, "y ~ x1 + x2 | firm + year", Options(VcovSpec.Cluster("firm")) with { Weights = "w" });
        AssertAll(["x1", "x2"], StatsmodelsReference.FeWeightedCoefficients, c => c.Estimate, fit, "weighted coefficient");
        AssertAll(["x1", "x2"], StatsmodelsReference.FeWeightedSeClusterFirm, c => c.StdError, fit, "weighted cluster SE");
    }

    [Fact]
    public void Default_fixed_effect_tolerance_is_accurate_to_1e_minus_6_relative()
    {
        var fit = Regression.Fit(Data.Value, "y ~ x1 + x2 | firm + year", new RegressionOptions { Vcov = VcovSpec.Cluster("firm") });
        AssertAll(["x1", "x2"], StatsmodelsReference.FeCoefficients, c => c.Estimate, fit, "coefficient");
        AssertAll(["x1", "x2"], StatsmodelsReference.FeSeClusterFirm, c => c.StdError, fit, "cluster SE");
    }

    [Fact]
    public void Default_vcov_with_fixed_effects_clusters_by_the_first_one_as_fixest()
    {
        var fit = Regression.Fit(Data.Value, "y ~ x1 + x2 | firm + year", new RegressionOptions { FixedEffectTolerance = 1e-13 });
        Assert.Equal(VcovSpec.Cluster("firm"), fit.Vcov);
        AssertAll(["x1", "x2"], StatsmodelsReference.FeSeClusterFirm, c => c.StdError, fit, "cluster SE");
    }

    [Fact]
    public void Instrumental_variables_match_statsmodels_2sls()
    {
        var fit = Regression.Fit(Data.Value, "y ~ x1 | d ~ z", Options(VcovSpec.Iid));
        string[] terms = ["(Intercept)", "x1", "d"];
        AssertAll(terms, StatsmodelsReference.IvCoefficients, c => c.Estimate, fit, "coefficient");
        AssertAll(terms, StatsmodelsReference.IvSeIid, c => c.StdError, fit, "iid SE");

        var fe = Regression.Fit(Data.Value, "y ~ x1 | firm | d ~ z", Options(VcovSpec.Iid));
        AssertAll(["x1", "d"], StatsmodelsReference.FeIvCoefficients, c => c.Estimate, fe, "FE-IV coefficient");
        AssertAll(["x1", "d"], StatsmodelsReference.FeIvSeIid, c => c.StdError, fe, "FE-IV iid SE");
    }
}
