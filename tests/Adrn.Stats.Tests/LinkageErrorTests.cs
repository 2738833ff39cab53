using System.Collections.Concurrent;
using System.Globalization;
using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using Adrn.Stats.LinkageError;
using Adrn.Synthetic;
using Adrn.Synthetic.LinkageError;
using Xunit.Abstractions;

namespace Adrn.Stats.Tests;

/// <summary>
/// Inference on probabilistically linked data, on the planted linkage-error scenario of Adrn.Synthetic
/// (y = 10 + 0.5 x + e across two files, candidate pairs with calibrated probabilities, best-link precision
/// about 0.95): the truth is the planted slope, not our output.
/// </summary>
public sealed class LinkageErrorTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static LinkedRegression Linked(LinkageErrorPopulation pop, LinkedRegressionOptions? options = null) => LinkedRegression.Create(
        RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = pop.LeftId, ["x"] = pop.LeftX }),
        RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = pop.RightId, ["y"] = pop.RightY }),
        CandidateLinks.FromArrays(pop.PairLeft, pop.PairRight, pop.PairProbability), options);

    [Fact]
    public void Over_200_replications_naive_intervals_miss_the_planted_slope_and_multiply_imputed_ones_cover_it_90_to_99_percent()
    {
        const int replications = 200;
        var scenario = new LinkageErrorScenario { LeftRecords = 2_000, ExtraRightRecords = 2_000 };
        var results = new ConcurrentDictionary<int, (CoefficientEstimate[] Fits, double Precision)>();
        Parallel.For(0, replications, rep =>
        {
            var pop = SyntheticLinkageError.Simulate((ulong)(9000 + rep), scenario);
            var linked = Linked(pop, new LinkedRegressionOptions { Imputations = 10, BurnIn = 10, Seed = rep });
            results[rep] = ([linked.FitBestLinks("y ~ x")["x"], linked.FitWeighted("y ~ x")["x"], linked.FitMultipleImputation("y ~ x")["x"], linked.FitLahiriLarsen("y ~ x")["x"]],
                pop.BestLinkPrecision);
        });

        var slope = scenario.Slope;
        string[] names = ["naive (best links)", "weighted by link probability", "multiple imputation (M = 10)", "Lahiri-Larsen"];
        var coverage = new double[4];
        output.WriteLine(string.Create(Inv, $"{replications} replications, {scenario.LeftRecords} left records, mean best-link precision {results.Values.Average(r => r.Precision):F3}; planted slope {slope}:"));
        for (var j = 0; j < 4; j++)
        {
            coverage[j] = results.Values.Count(r => r.Fits[j].CiLow <= slope && slope <= r.Fits[j].CiHigh) / (double)replications;
            output.WriteLine(string.Create(Inv, $"  {names[j]}: mean estimate {results.Values.Average(r => r.Fits[j].Estimate):F4}, mean SE {results.Values.Average(r => r.Fits[j].StdError):F4}, 95% CI coverage {coverage[j]:P1}"));
        }

        Assert.InRange(results.Values.Average(r => r.Precision), 0.93, 0.97);
        Assert.True(coverage[0] < 0.8, $"naive coverage {coverage[0]:P1} should be markedly below 95%");
        Assert.InRange(coverage[2], 0.90, 0.99);
        // The Lahiri–Larsen correction removes the attenuation: its mean is closer to the truth than the naive one.
        var naiveBias = Math.Abs(results.Values.Average(r => r.Fits[0].Estimate) - slope);
        var correctedBias = Math.Abs(results.Values.Average(r => r.Fits[3].Estimate) - slope);
        Assert.True(correctedBias < naiveBias / 4, $"Lahiri-Larsen bias {correctedBias} vs naive {naiveBias}");
    }

    [Fact]
    public void With_certain_links_every_estimator_is_the_complete_data_regression()
    {
        var pop = SyntheticLinkageError.Simulate(5, new LinkageErrorScenario { LeftRecords = 300, ExtraRightRecords = 100 });
        var truePairs = Enumerable.Range(0, pop.PairLeft.Length).Where(j => pop.PairIsTrue[j]).ToArray();
        var linked = LinkedRegression.Create(
            RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = pop.LeftId, ["x"] = pop.LeftX }),
            RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = pop.RightId, ["y"] = pop.RightY }),
            CandidateLinks.FromArrays(truePairs.Select(j => pop.PairLeft[j]).ToList(), truePairs.Select(j => pop.PairRight[j]).ToList(), truePairs.Select(_ => 1.0).ToList()),
            new LinkedRegressionOptions { Imputations = 5, BurnIn = 2 });
        var best = linked.FitBestLinks("y ~ x")["x"];
        Assert.Equal(best.Estimate, linked.FitWeighted("y ~ x")["x"].Estimate, 12);
        Assert.Equal(best.Estimate, linked.FitLahiriLarsen("y ~ x")["x"].Estimate, 12);
        var mi = linked.FitMultipleImputation("y ~ x");
        Assert.Equal(best.Estimate, mi["x"].Estimate, 12);
        Assert.Equal(best.StdError, mi["x"].StdError, 12); // no between-imputation variance
        Assert.True(mi.BetweenImputationShare["x"] < 1e-20);
    }

    [Fact]
    public void Rubins_rules_combine_as_in_Barnard_and_Rubin_1999()
    {
        // Reference computed by hand from Rubin (1987) and Barnard & Rubin (1999, eq. 3 and 5).
        double[] q = [1.00, 1.20, 0.90, 1.10];
        double[] se = [0.10, 0.12, 0.11, 0.10];
        const double nuCom = 50;
        var m = 4.0;
        var mean = 1.05;
        var within = ((0.01) + (0.0144) + (0.0121) + (0.01)) / 4;              // 0.011625
        var between = (0.0025 + 0.0225 + 0.0225 + 0.0025) / 3;                 // 0.0166667
        var total = within + ((1 + (1 / m)) * between);                        // 0.0324583
        var lambda = (1 + (1 / m)) * between / total;
        var nuOld = (m - 1) / (lambda * lambda);
        var nuObs = (nuCom + 1) / (nuCom + 3) * nuCom * (1 - lambda);
        var nu = 1 / ((1 / nuOld) + (1 / nuObs));
        var (estimate, share, df) = RubinsRules.Combine("x", q, se, nuCom);
        Assert.Equal(mean, estimate.Estimate, 12);
        Assert.Equal(Math.Sqrt(total), estimate.StdError, 12);
        Assert.Equal(lambda, share, 12);
        Assert.Equal(nu, df, 10);
        Assert.InRange(df, 5.11, 5.13); // by hand: λ = 0.6418, ν_m = 7.282, ν_obs = 17.232, ν = 5.119
    }

    [Fact]
    public void A_probability_outside_0_1_is_an_error_naming_row_column_and_value()
    {
        var table = RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["id_l"] = new string?[] { "a", "b" }, ["id_r"] = new string?[] { "x", "y" }, ["match_probability"] = new[] { 0.5, 1.5 },
        });
        var error = Assert.Throws<ArgumentException>(() => CandidateLinks.FromTable(table));
        Assert.Contains("Row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("match_probability", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_naming_records_that_are_not_in_the_tables_are_an_error_not_dropped()
    {
        var left = RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = new string?[] { "a" }, ["x"] = new[] { 1.0 } });
        var right = RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = new string?[] { "p" }, ["y"] = new[] { 2.0 } });
        var error = Assert.Throws<ArgumentException>(() => LinkedRegression.Create(left, right, CandidateLinks.FromArrays(["a", "zz"], ["p", "p"], [0.9, 0.4])));
        Assert.Contains("left 'zz'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lahiri_Larsen_refuses_a_regressor_that_comes_through_the_link()
    {
        var pop = SyntheticLinkageError.Simulate(1, new LinkageErrorScenario { LeftRecords = 50, ExtraRightRecords = 10 });
        var error = Assert.Throws<ArgumentException>(() => Linked(pop).FitLahiriLarsen("x ~ y"));
        Assert.Contains("right table", error.Message, StringComparison.Ordinal);
    }
}
