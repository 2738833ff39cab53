using Adrn.Linkage.Comparison.Metrics;

namespace Adrn.Linkage.Tests.Metrics;

/// <summary>The comparison hot loop calls these kernels per candidate pair: they must not allocate.</summary>
public sealed class StringMetricsAllocationTests
{
    [Fact]
    public void Kernels_allocate_nothing_on_name_length_or_long_strings()
    {
        string[] left = ["jonathan", "catherine", "o brien", "harrow precision engineering", new string('a', 400) + "b"];
        string[] right = ["johnathan", "kathryn", "obrien", "harrow precision eng", "b" + new string('a', 400)];
        int[] tokensA = [1, 2, 3];
        int[] tokensB = [2, 3, 4];
        double[] weights = [1, 1, 1, 1, 1];

        double sink = 0;
        // Warm up: JIT tiers and the ArrayPool's per-thread buckets for the long strings.
        for (int round = 0; round < 3; round++)
        {
            sink += RunAll(left, right, tokensA, tokensB, weights);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 100; round++)
        {
            sink += RunAll(left, right, tokensA, tokensB, weights);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sink > 0);
    }

    private static double RunAll(string[] left, string[] right, int[] tokensA, int[] tokensB, double[] weights)
    {
        double sum = 0;
        for (int i = 0; i < left.Length; i++)
        {
            sum += StringMetrics.Jaro(left[i], right[i]);
            sum += StringMetrics.JaroWinkler(left[i], right[i]);
            sum += StringMetrics.Levenshtein(left[i], right[i]);
            sum += StringMetrics.OptimalStringAlignment(left[i], right[i]);
            sum += StringMetrics.DamerauLevenshtein(left[i], right[i]);
        }

        sum += TokenSetSimilarity.Weighted(tokensA, tokensB, weights);
        sum += StringMetrics.JaccardTokens(tokensA, tokensB);
        return sum;
    }
}
