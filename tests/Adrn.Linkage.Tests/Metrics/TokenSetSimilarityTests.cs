using Adrn.Linkage.Comparison.Metrics;

namespace Adrn.Linkage.Tests.Metrics;

/// <summary>Worked examples of the weighted Jaccard definition Σ w(A∩B) / Σ w(A∪B).</summary>
public sealed class TokenSetSimilarityTests
{
    private static readonly double[] Weights = [1.0, 2.0, 3.0, 4.0];

    [Fact]
    public void Weighted_is_shared_weight_over_union_weight()
    {
        // A = {0, 1}, B = {1, 2}: shared 2, union 1 + 2 + 3 = 6.
        Assert.Equal(2.0 / 6.0, TokenSetSimilarity.Weighted([0, 1], [1, 2], Weights), 15);
        // Order and repeats do not matter.
        Assert.Equal(2.0 / 6.0, TokenSetSimilarity.Weighted([1, 0, 0, 1], [2, 1, 2], Weights), 15);
    }

    [Fact]
    public void Weighted_is_one_for_equal_sets_and_zero_for_disjoint_sets()
    {
        Assert.Equal(1.0, TokenSetSimilarity.Weighted([3, 1], [1, 3], Weights));
        Assert.Equal(0.0, TokenSetSimilarity.Weighted([0, 1], [2, 3], Weights));
        Assert.Equal(1.0, TokenSetSimilarity.Weighted([], [], Weights));
        Assert.Equal(0.0, TokenSetSimilarity.Weighted([0], [], Weights));
    }

    [Fact]
    public void Weighted_rejects_a_token_without_a_weight()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenSetSimilarity.Weighted([0, 7], [1], Weights));
    }

    [Fact]
    public void JaccardTokens_counts_distinct_tokens()
    {
        // {1,2,3} and {2,3,4}: 2 shared of 4 distinct.
        Assert.Equal(0.5, StringMetrics.JaccardTokens([1, 2, 3, 3], [2, 3, 4]));
        Assert.Equal(1.0, StringMetrics.JaccardTokens([], []));
        Assert.Equal(0.0, StringMetrics.JaccardTokens([1], []));
    }
}
