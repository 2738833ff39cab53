using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Training;

/// <summary>
/// A histogram of gamma vectors (agreement patterns) over a set of pairs: the sufficient statistic for EM
/// (fastLink's approach). Partitions count separately and the histograms are merged by addition, so the result
/// does not depend on partition order. A pattern is packed into 64 bits, 4 bits per comparison (gamma + 1).
/// </summary>
public sealed class AgreementPatternCounts
{
    private readonly Dictionary<ulong, long> _counts = [];

    /// <summary>Creates an empty histogram.</summary>
    /// <param name="comparisonCount">Length of the gamma vectors (at most 16).</param>
    public AgreementPatternCounts(int comparisonCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(comparisonCount, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(comparisonCount);
        ComparisonCount = comparisonCount;
    }

    /// <summary>Length of the gamma vectors.</summary>
    public int ComparisonCount { get; }

    /// <summary>Number of distinct patterns.</summary>
    public int PatternCount => _counts.Count;

    /// <summary>Total pairs counted.</summary>
    public long TotalPairs { get; private set; }

    /// <summary>Packed pattern -> count.</summary>
    public IReadOnlyDictionary<ulong, long> Counts => _counts;

    /// <summary>Packs a gamma vector (each gamma in -1..14).</summary>
    /// <param name="gammas">The vector.</param>
    /// <returns>The packed pattern.</returns>
    public static ulong Pack(ReadOnlySpan<sbyte> gammas)
    {
        ulong key = 0;
        for (var i = 0; i < gammas.Length; i++) key |= (ulong)(gammas[i] + 1) << (4 * i);
        return key;
    }

    /// <summary>Gamma of comparison <paramref name="comparison"/> in a packed pattern.</summary>
    /// <param name="pattern">Packed pattern.</param>
    /// <param name="comparison">Comparison index.</param>
    /// <returns>The gamma (-1 = null).</returns>
    public static sbyte GammaOf(ulong pattern, int comparison) => (sbyte)((int)((pattern >> (4 * comparison)) & 0xF) - 1);

    /// <summary>Adds pairs with a pattern.</summary>
    /// <param name="gammas">The gamma vector.</param>
    /// <param name="count">Number of pairs.</param>
    public void Add(ReadOnlySpan<sbyte> gammas, long count = 1) => AddPacked(Pack(gammas), count);

    /// <summary>Adds pairs with a packed pattern (allocation-free once the pattern has been seen).</summary>
    /// <param name="pattern">Packed pattern.</param>
    /// <param name="count">Number of pairs.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddPacked(ulong pattern, long count = 1)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, pattern, out _) += count;
        TotalPairs += count;
    }

    /// <summary>Adds another histogram into this one.</summary>
    /// <param name="other">Histogram over the same comparisons.</param>
    public void Merge(AgreementPatternCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ComparisonCount != ComparisonCount)
            throw new ArgumentException($"cannot merge patterns of {other.ComparisonCount} comparisons into {ComparisonCount}", nameof(other));
        foreach (var (k, v) in other._counts) AddPacked(k, v);
    }
}
