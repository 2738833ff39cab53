using Adrn.Linkage.Training;

namespace Adrn.Linkage.Tests.Training;

public sealed class ExpectationMaximisationTests
{
    [Fact]
    public void Em_recovers_known_m_u_and_lambda_from_simulated_comparison_vectors_within_0_01()
    {
        // Known parameters (chosen by hand); gamma vectors simulated with System.Random (independent of our PRNG).
        const double lambda = 0.25;
        double[][] m = [[0.05, 0.15, 0.80], [0.10, 0.90], [0.02, 0.08, 0.20, 0.70], [0.15, 0.25, 0.60]];
        double[][] u = [[0.85, 0.10, 0.05], [0.70, 0.30], [0.80, 0.12, 0.05, 0.03], [0.90, 0.07, 0.03]];
        const double nullRate = 0.05;
        var rng = new Random(20240611);
        var counts = new AgreementPatternCounts(m.Length);
        var gammas = new sbyte[m.Length];
        for (var i = 0; i < 400_000; i++)
        {
            var match = rng.NextDouble() < lambda;
            for (var c = 0; c < m.Length; c++)
            {
                if (rng.NextDouble() < nullRate) { gammas[c] = -1; continue; }
                var p = match ? m[c] : u[c];
                var x = rng.NextDouble();
                var g = 0;
                for (var acc = p[0]; x >= acc && g < p.Length - 1; acc += p[++g]) { }
                gammas[c] = (sbyte)g;
            }

            counts.Add(gammas);
        }

        // Perturbed start: flattened towards uniform, lambda far from the truth.
        var m0 = m.Select(a => a.Select(v => 0.5 * v + 0.5 / a.Length).ToArray()).ToArray();
        var u0 = u.Select(a => a.Select(v => 0.6 * v + 0.4 / a.Length).ToArray()).ToArray();
        var active = Enumerable.Repeat(true, m.Length).ToArray();
        var result = ExpectationMaximisation.Run(counts, 0.5, m0, u0, active, estimateU: true, maxIterations: 2000, tolerance: 1e-8);

        Assert.True(result.Converged);
        Assert.InRange(result.Lambda, lambda - 0.01, lambda + 0.01);
        for (var c = 0; c < m.Length; c++)
        {
            for (var g = 0; g < m[c].Length; g++)
            {
                Assert.InRange(result.M[c][g], m[c][g] - 0.01, m[c][g] + 0.01);
                Assert.InRange(result.U[c][g], u[c][g] - 0.01, u[c][g] + 0.01);
            }
        }
    }

    [Fact]
    public void Em_leaves_inactive_comparisons_and_fixed_u_untouched()
    {
        var counts = new AgreementPatternCounts(2);
        counts.Add([1, 1], 100);
        counts.Add([0, 0], 900);
        counts.Add([1, 0], 50);
        double[][] m = [[0.2, 0.8], [0.3, 0.7]];
        double[][] u = [[0.9, 0.1], [0.8, 0.2]];
        var result = ExpectationMaximisation.Run(counts, 0.1, m, u, [true, false], estimateU: false);
        Assert.Equal(m[1], result.M[1]);
        Assert.Equal(u[0], result.U[0]);
        Assert.NotEqual(m[0][1], result.M[0][1]);
    }

    [Fact]
    public void Pattern_counts_merge_by_addition_whatever_the_order()
    {
        var a = new AgreementPatternCounts(3);
        var b = new AgreementPatternCounts(3);
        a.Add([1, -1, 2], 3);
        b.Add([1, -1, 2], 4);
        b.Add([0, 0, 0], 1);
        var ab = new AgreementPatternCounts(3);
        ab.Merge(a);
        ab.Merge(b);
        var ba = new AgreementPatternCounts(3);
        ba.Merge(b);
        ba.Merge(a);
        Assert.Equal(8, ab.TotalPairs);
        Assert.Equal(7, ab.Counts[AgreementPatternCounts.Pack([1, -1, 2])]);
        Assert.Equal(ab.Counts.OrderBy(x => x.Key), ba.Counts.OrderBy(x => x.Key));
        Assert.Equal(-1, AgreementPatternCounts.GammaOf(AgreementPatternCounts.Pack([1, -1, 2]), 1));
    }
}
