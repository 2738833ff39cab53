using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Comparison;

/// <summary>
/// Computes the gamma vector of a record pair. One per thread: it owns a direct-mapped cache per comparison
/// keyed by the (smaller, larger) value-id pair, so repeated value pairs (common first names, employer names
/// seen in thousands of payroll rows) cost one table probe instead of a string metric.
/// </summary>
/// <remarks>
/// NOTE: the hot loop allocates nothing: values are interned ints, per-value data is in arrays, and the cache is
/// a fixed-size array overwritten on collision (a miss only costs a recomputation, never a wrong answer,
/// because the full key is stored).
/// </remarks>
public sealed class PairComparer
{
    private const int MaxCacheBits = 15;
    private const int MinCacheBits = 6;
    private readonly int _cacheBits;
    private readonly CompiledComparison[] _comparisons;
    private readonly ulong[][] _cacheKeys;
    private readonly sbyte[][] _cacheValues;
    private readonly int[][] _valueIds;
    private readonly int[]?[][] _otherValueIds;

    internal PairComparer(ComparisonSet set, long expectedPairs)
    {
        // NOTE: a partition with a few hundred pairs needs no 32k-slot cache: allocating and zeroing one per
        // partition and comparison cost more than the comparisons themselves on small jobs (bench/results).
        // The cache is sized to the work, up to 2^15 slots (about 288 KB per cached comparison).
        var needed = expectedPairs <= 1 ? 1 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(expectedPairs - 1));
        _cacheBits = Math.Clamp(needed, MinCacheBits, MaxCacheBits);
        Set = set;
        _comparisons = set.Compiled;
        _cacheKeys = new ulong[_comparisons.Length][];
        _cacheValues = new sbyte[_comparisons.Length][];
        _valueIds = new int[_comparisons.Length][];
        _otherValueIds = new int[]?[_comparisons.Length][];
        for (var c = 0; c < _comparisons.Length; c++)
        {
            if (!_comparisons[c].UsesCache) continue;
            _cacheKeys[c] = new ulong[1 << _cacheBits];
            _cacheValues[c] = new sbyte[1 << _cacheBits];
        }

        Bind(set.Records);
    }

    /// <summary>The records whose indices <see cref="Compare"/> and <see cref="Gamma(int, int, int)"/> take (see <see cref="Bind"/>).</summary>
    public Preparation.RecordTable Records { get; private set; } = null!;

    /// <summary>
    /// Makes record indices refer to <paramref name="records"/>: the job's records (the default) or a partition slice
    /// whose columns share the job's value tables. The value-pair caches stay valid (they are keyed by value ids,
    /// which mean the same in both), so a thread keeps one comparer across the partitions it scores.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <exception cref="ArgumentException">A column of <paramref name="records"/> does not share the comparison set's value table.</exception>
    public void Bind(Preparation.RecordTable records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (ReferenceEquals(records, Records)) return;
        for (var c = 0; c < _comparisons.Length; c++)
        {
            var column = records.Column(_comparisons[c].Column.Name);
            if (!column.SharesValuesWith(_comparisons[c].Column))
                throw new ArgumentException($"column '{column.Name}' of the records does not share the comparisons' value table (records of another job?)", nameof(records));
            _valueIds[c] = column.ValueIds;
            _otherValueIds[c] = _comparisons[c].OtherValueIds(records);
        }

        Records = records;
    }

    /// <summary>Value id of a record's value in comparison <paramref name="comparison"/>'s column (-1 when missing).</summary>
    /// <param name="comparison">Comparison index.</param>
    /// <param name="record">Record index in the bound records.</param>
    /// <returns>The value id.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ValueId(int comparison, int record) => _valueIds[comparison][record];

    /// <summary>Number of comparisons.</summary>
    public int Count => _comparisons.Length;

    /// <summary>The comparison set this comparer computes (its caches are keyed by that set's value ids).</summary>
    public ComparisonSet Set { get; }

    /// <summary>Writes the pair's gamma per comparison (-1 null, 0 else, up to the number of levels).</summary>
    /// <param name="left">Left record index.</param>
    /// <param name="right">Right record index.</param>
    /// <param name="gammas">Destination, at least <see cref="Count"/> long.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compare(int left, int right, Span<sbyte> gammas)
    {
        for (var c = 0; c < _comparisons.Length; c++) gammas[c] = Gamma(c, left, right);
    }

    /// <summary>
    /// Gamma of one comparison for a pair, computed without the value-pair cache: for pairs whose value pairs rarely
    /// repeat (random pairs, when u is sampled), where probing and overwriting the cache costs and saves nothing.
    /// Always equal to <see cref="Gamma(int, int, int)"/>.
    /// </summary>
    /// <param name="comparison">Comparison index.</param>
    /// <param name="left">Left record index.</param>
    /// <param name="right">Right record index.</param>
    /// <returns>The gamma.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte GammaUncached(int comparison, int left, int right) => Gamma(comparison, left, right, cached: false);

    /// <summary>Gamma of one comparison for a pair.</summary>
    /// <param name="comparison">Comparison index.</param>
    /// <param name="left">Left record index.</param>
    /// <param name="right">Right record index.</param>
    /// <returns>The gamma.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte Gamma(int comparison, int left, int right) => Gamma(comparison, left, right, cached: true);

    // Inlined with a constant `cached`, so each caller gets the loop it asks for.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private sbyte Gamma(int comparison, int left, int right, bool cached)
    {
        var cmp = _comparisons[comparison];
        var ids = _valueIds[comparison];
        var a = ids[left];
        var b = ids[right];
        if (a < 0 || b < 0) return -1;
        if (!cmp.UsesCache) return cmp.GammaOfValues(a, b, left, right, _otherValueIds[comparison]);
        var lo = (uint)Math.Min(a, b);
        var hi = (uint)Math.Max(a, b);
        if (!cached)
        {
            var pure = cmp.PureGamma((int)lo, (int)hi);
            return cmp.HasRecordDependentLevels ? cmp.Refine(a, b, left, right, pure, _otherValueIds[comparison]) : pure;
        }

        var key = (((ulong)lo << 32) | hi) + 1; // +1 so that 0 marks an empty slot
        var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - _cacheBits));
        var keys = _cacheKeys[comparison];
        sbyte g;
        if (keys[slot] == key)
        {
            g = _cacheValues[comparison][slot];
        }
        else
        {
            // The cache holds the levels that depend on the value pair only (symmetric, so (lo, hi) serves both orders);
            // levels reading the records' other columns (swapped, exact against other_column) are checked per pair below.
            g = cmp.PureGamma((int)lo, (int)hi);
            keys[slot] = key;
            _cacheValues[comparison][slot] = g;
        }

        return cmp.HasRecordDependentLevels ? cmp.Refine(a, b, left, right, g, _otherValueIds[comparison]) : g;
    }
}
