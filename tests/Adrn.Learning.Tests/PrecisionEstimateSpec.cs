using Adrn.Learning.Evaluation;
using Adrn.Learning.Labels;
using Adrn.Learning.Review;
using Xunit.Abstractions;

namespace Adrn.Learning.Tests;

[Collection(SyntheticJobsCollection.Name)]
public sealed class PrecisionEstimateSpec(SyntheticJobs jobs, ITestOutputHelper output)
{
    [Theory]
    [InlineData("employee-employer", 1)]
    [InlineData("employee-employer", 2)]
    [InlineData("cohort-employee", 1)]
    [InlineData("cohort-employee", 2)]
    public void Stratified_clerical_sample_interval_covers_the_true_precision(string job, int seed)
    {
        var ws = job == "cohort-employee" ? jobs.CohortEmployee : jobs.EmployeeEmployer;
        var truth = TruthPairs.Load(job == "cohort-employee" ? jobs.CohortEmployeeTruth : jobs.EmployeeEmployerTruth);
        // Population: every candidate pair the Fellegi–Sunter model scores at 1e-6 or more, so the low bands hold
        // non-matches and the precision is not trivially 1 (the resolved links alone are almost all true here).
        var pairs = ws.ScoreFellegiSunter(1e-6);
        var ids = ws.Prepared.Records.Ids;
        long trueCount = 0;
        for (var i = 0; i < pairs.Count; i++)
            if (truth.Contains(ids[pairs.Left[i]], ids[pairs.Right[i]])) trueCount++;
        var truePrecision = (double)trueCount / pairs.Count;

        var sample = ClericalSampler.Stratified(pairs, ws.Prepared.Records, 200, 1e-6, seed, "fellegi-sunter", [0.01, 0.5, 0.99]);
        var labels = sample.Pairs
            .Select(p => new PairLabel(ws.Lookup.FindLeft(p.IdLeft), ws.Lookup.FindRight(p.IdRight), truth.Contains(p.IdLeft, p.IdRight)))
            .ToList();
        var estimate = PrecisionEstimate.FromSample(sample, labels, ws.Lookup);
        output.WriteLine($"true precision {truePrecision:F4} over {pairs.Count} pairs");
        output.WriteLine(estimate.ToText());

        Assert.Equal(200, sample.Pairs.Count);
        Assert.Equal(pairs.Count, estimate.Population);
        Assert.True(trueCount < pairs.Count, "the population must hold non-matches for the coverage check to mean anything");
        Assert.InRange(truePrecision, estimate.Lower, estimate.Upper);
        Assert.True(estimate.Upper - estimate.Lower < 0.2, $"interval {estimate.Lower:F4} .. {estimate.Upper:F4} is too wide to be useful");
    }

    [Fact]
    public void Stated_95_percent_intervals_cover_the_population_precision_in_at_least_93_percent_of_repeated_samples()
    {
        // Known populations (the reference): three bands of links with fixed numbers of true links; 2,000 stratified
        // samples of 60 per band drawn without replacement. 93% leaves room for Monte Carlo error (SE ~0.5%).
        (long N, int True)[] strata = [(6000, 5940), (900, 720), (300, 120)];
        var truePrecision = strata.Sum(s => (double)s.True) / strata.Sum(s => (double)s.N);
        var rng = new Random(99);
        var covered = 0;
        const int repetitions = 2000;
        for (var rep = 0; rep < repetitions; rep++)
        {
            var counts = new List<(string, long, int, int)>();
            foreach (var (n, t) in strata)
            {
                // Hypergeometric draw: 60 links without replacement from n of which t are true.
                int matches = 0, trueLeft = t;
                long left = n;
                for (var k = 0; k < 60; k++, left--)
                {
                    if (rng.NextDouble() < (double)trueLeft / left)
                    {
                        matches++;
                        trueLeft--;
                    }
                }

                counts.Add(($"N={n}", n, 60, matches));
            }

            var e = PrecisionEstimate.FromCounts(counts);
            if (truePrecision >= e.Lower && truePrecision <= e.Upper) covered++;
        }

        output.WriteLine($"coverage {covered / (double)repetitions:P1} of true precision {truePrecision:F4}");
        Assert.True(covered >= 0.93 * repetitions, $"coverage {covered / (double)repetitions:P1}");
    }

    [Theory]
    // Wilson score intervals from Python statsmodels 0.13.5: proportion_confint(x, n, alpha=0.05, method='wilson').
    [InlineData(45, 50, 0.786397685625, 0.956524235068)]
    [InlineData(50, 50, 0.928652400867, 1.000000000000)]
    [InlineData(12, 40, 0.180748452297, 0.454300188181)]
    [InlineData(0, 30, 0.000000000000, 0.113513393174)]
    public void One_large_stratum_gives_the_Wilson_interval(int matches, int reviewed, double lower, double upper)
    {
        // A population so large that the finite-population correction is 1 to 9 digits.
        var estimate = PrecisionEstimate.FromCounts([("all", 1_000_000_000_000, reviewed, matches)]);

        Assert.Equal((double)matches / reviewed, estimate.Precision, 12);
        Assert.Equal(lower, estimate.Lower, 6);
        Assert.Equal(upper, estimate.Upper, 6);
    }

    [Fact]
    public void Point_estimate_weights_strata_by_their_population()
    {
        // 900 links at 48/50 true and 100 links at 10/20 true: 0.9 * 0.96 + 0.1 * 0.5 = 0.914 (hand arithmetic).
        var estimate = PrecisionEstimate.FromCounts([("high", 900, 50, 48), ("low", 100, 20, 10)]);

        Assert.Equal(0.914, estimate.Precision, 12);
        Assert.True(estimate.Lower < 0.914 && estimate.Upper > 0.914);
    }

    [Fact]
    public void A_stratum_reviewed_in_full_is_known_exactly()
    {
        var estimate = PrecisionEstimate.FromCounts([("small", 20, 20, 17)]);

        Assert.Equal(0.85, estimate.Precision, 12);
        Assert.Equal(0.85, estimate.Lower, 12);
        Assert.Equal(0.85, estimate.Upper, 12);
    }

    [Fact]
    public void A_non_empty_stratum_without_reviewed_pairs_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => PrecisionEstimate.FromCounts([("reviewed", 100, 10, 9), ("forgotten", 50, 0, 0)]));

        Assert.Contains("forgotten", ex.Message, StringComparison.Ordinal);
    }
}
