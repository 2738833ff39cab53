using System.Runtime.CompilerServices;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Training;

/// <summary>
/// Estimates u = P(level | non-match) from random record pairs: almost all random pairs are non-matches, so the
/// share of sampled pairs at each level estimates u (Splink's <c>estimate_u_using_random_sampling</c>).
/// </summary>
public static class UEstimator
{
    private const int ChunkPairs = 1 << 16;

    /// <summary>
    /// Compares <paramref name="maxPairs"/> uniformly random pairs (with replacement; every possible pair when
    /// there are fewer) and returns u per level among non-null comparisons. A level never seen gets u = 0.5 /
    /// (non-null pairs), half a count, so its weight stays finite.
    /// </summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="comparisons">Comparisons.</param>
    /// <param name="maxPairs">Sample size.</param>
    /// <param name="seed">PRNG seed: the same seed gives the same estimate on any machine and thread count.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The estimate.</returns>
    public static UEstimate EstimateUUsingRandomSampling(PreparedLinkage prepared, ComparisonSet comparisons, long maxPairs, ulong seed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPairs, 1);
        if (prepared.TotalPossiblePairs < 1)
            throw new InvalidOperationException(
                $"no record pairs are possible ({string.Join(", ", prepared.Sources.Select(x => $"source '{x.Name}' has {x.RowsUsed} usable rows"))}), so u cannot be estimated");
        var k = comparisons.Count;
        var levels = comparisons.Configs.Select(c => c.Levels.Count + 2).ToArray();
        var totals = levels.Select(n => new long[n]).ToArray();
        var gate = new object();
        var records = prepared.Records;
        var cross = prepared.IsCrossSourceOnly;
        var nLeft = cross ? records.SourceStart[1] : records.Count;
        var nRight = cross ? records.Count - nLeft : records.Count;
        var exhaustive = prepared.TotalPossiblePairs <= maxPairs;
        long pairs = 0;

        void Merge(long[][] local, long n)
        {
            lock (gate)
            {
                for (var c = 0; c < k; c++)
                    for (var g = 0; g < local[c].Length; g++) totals[c][g] += local[c][g];
                pairs += n;
            }
        }

        var options = new ParallelOptions { CancellationToken = ct };
        if (exhaustive)
        {
            Parallel.For(0, nLeft, options, () => (levels.Select(n => new long[n]).ToArray(), comparisons.CreateComparer(), 0L),
                (i, _, state) =>
                {
                    var (local, comparer, n) = state;
                    var from = cross ? nLeft : i + 1;
                    var to = cross ? nLeft + nRight : records.Count;
                    for (var j = from; j < to; j++)
                    {
                        for (var c = 0; c < k; c++) local[c][comparer.Gamma(c, i, j) + 1]++;
                        n++;
                    }

                    return (local, comparer, n);
                },
                state => Merge(state.Item1, state.Item3));
        }
        else
        {
            var chunks = (int)((maxPairs + ChunkPairs - 1) / ChunkPairs);
            Parallel.For(0, chunks, options, () => (levels.Select(n => new long[n]).ToArray(), comparisons.CreateComparer(), 0L, new ulong[ChunkPairs]),
                [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, _, state) =>
                {
                    var (local, comparer, n, sample) = state;
                    // Each chunk has its own stream derived from (seed, chunk): the sample does not depend on
                    // how chunks are spread over threads.
                    var rng = new SplitMix64(seed ^ (0xA0761D6478BD642FUL * (ulong)(chunk + 1)));
                    var count = (int)Math.Min(ChunkPairs, maxPairs - (long)chunk * ChunkPairs);
                    for (var s = 0; s < count; s++)
                    {
                        int i, j;
                        if (cross)
                        {
                            i = rng.NextInt(nLeft);
                            j = nLeft + rng.NextInt(nRight);
                        }
                        else
                        {
                            i = rng.NextInt(nLeft);
                            j = rng.NextInt(nLeft - 1);
                            if (j >= i) j++;
                        }

                        sample[s] = ((ulong)(uint)i << 32) | (uint)j;
                    }

                    // NOTE: the counts are sums over the sample, so its order is free: compared in record order, the
                    // records' columns are read front to back instead of at random (measured at 1M x 100k records, one
                    // thread: about 20 % less CPU).
                    var pairsOfChunk = sample.AsSpan(0, count);
                    pairsOfChunk.Sort();
                    // NOTE: one comparison at a time over the chunk rather than every comparison per pair: the pass reads
                    // one comparison's values (its column's, and any other column a level reads), which stay in cache,
                    // where a pair-by-pair loop reads every comparison's at random
                    // (1M pairs at 1M x 100k records: 25 % less CPU; u needs each comparison's level counts, not patterns).
                    for (var c = 0; c < k; c++)
                    {
                        var counts = local[c];
                        // Random pairs rarely repeat a value pair: the comparer's value-pair cache is skipped (11 % less CPU at 1M rows).
                        foreach (var pair in pairsOfChunk) counts[comparer.GammaUncached(c, (int)(pair >> 32), (int)(uint)pair) + 1]++;
                    }

                    n += pairsOfChunk.Length;

                    return (local, comparer, n, sample);
                },
                state => Merge(state.Item1, state.Item3));
        }

        var u = new double[k][];
        for (var c = 0; c < k; c++)
        {
            var nonNull = 0L;
            for (var g = 1; g < totals[c].Length; g++) nonNull += totals[c][g];
            u[c] = new double[totals[c].Length - 1];
            for (var g = 0; g < u[c].Length; g++)
            {
                var count = totals[c][g + 1];
                u[c][g] = nonNull == 0 ? 1.0 / u[c].Length : Math.Max(count, 0.5) / nonNull;
            }
        }

        return new UEstimate(u, totals, pairs, exhaustive);
    }
}
