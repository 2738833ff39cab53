using Adrn.Linkage.Comparison;
using Adrn.Linkage.Comparison.Metrics;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Learning.Features;

/// <summary>
/// Writes a pair's gamma vector and feature vector (see <see cref="PairFeatureLayout"/>). One per thread: it owns a
/// <see cref="PairComparer"/> and a direct-mapped similarity cache per comparison keyed by the value-id pair.
/// </summary>
/// <remarks>
/// NOTE: this is the per-pair loop of learned scoring, so it allocates nothing: values are interned ids, per-value
/// data (tokens, day numbers, term frequencies) are arrays of the prepared columns, and the expensive string
/// similarities of value pairs that repeat (an employer's name against thousands of payroll rows) are cached.
/// </remarks>
public sealed class PairFeatureWriter
{
    private const int CacheBits = 14;
    private readonly PairFeatureLayout _layout;
    private readonly PairComparer _comparer;
    private readonly ColumnData[] _columns;
    private readonly int[][] _valueIds;
    private readonly ulong[][] _cacheKeys;
    private readonly float[][] _cacheValues;

    internal PairFeatureWriter(PairFeatureLayout layout)
    {
        _layout = layout;
        _comparer = layout.Comparisons.CreateComparer();
        var n = layout.Included.Count;
        _columns = new ColumnData[n];
        _valueIds = new int[n][];
        _cacheKeys = new ulong[n][];
        _cacheValues = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var cfg = layout.Comparisons.Configs[layout.Included[i]];
            _columns[i] = layout.Prepared.Records.Column(cfg.Column);
            _valueIds[i] = _columns[i].ValueIds;
            _cacheKeys[i] = new ulong[1 << CacheBits];
            _cacheValues[i] = new float[1 << CacheBits];
        }
    }

    /// <summary>
    /// Makes record indices refer to <paramref name="records"/> (the job's records by default, or a partition slice
    /// sharing their value tables); the similarity caches stay valid, being keyed by value ids.
    /// </summary>
    /// <param name="records">The records.</param>
    public void Bind(RecordTable records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _comparer.Bind(records);
        for (var i = 0; i < _columns.Length; i++) _valueIds[i] = records.Column(_columns[i].Name).ValueIds;
    }

    /// <summary>Length of the gamma vector (all comparisons, excluded ones too).</summary>
    public int ComparisonCount => _comparer.Count;

    /// <summary>Length of the feature vector.</summary>
    public int FeatureCount => _layout.Count;

    /// <summary>Writes the pair's gammas (every comparison) and features.</summary>
    /// <param name="left">Left record index.</param>
    /// <param name="right">Right record index.</param>
    /// <param name="gammas">Destination of the gamma vector (<see cref="ComparisonCount"/> long).</param>
    /// <param name="features">Destination of the features (<see cref="FeatureCount"/> long).</param>
    public void Write(int left, int right, Span<sbyte> gammas, Span<float> features)
    {
        _comparer.Compare(left, right, gammas);
        features.Clear();
        var included = _layout.Included;
        var offsets = _layout.Offsets;
        for (var i = 0; i < offsets.Length; i++)
        {
            var column = _columns[i];
            var levels = _layout.Comparisons.Configs[included[i]].Levels.Count;
            var o = offsets[i];
            var g = gammas[included[i]];
            features[o] = g;
            // One-hot: slot 0 = null, 1 = else, 1 + g = level g.
            features[o + 2 + g] = 1f;
            var tail = o + 3 + levels;
            var a = _valueIds[i][left];
            var b = _valueIds[i][right];
            if (a >= 0 && b >= 0) features[tail] = Similarity(i, column, a, b);
            if (a >= 0) features[tail + 1] = Rarity(column.TermFrequency[a]);
            if (b >= 0) features[tail + 2] = Rarity(column.TermFrequency[b]);
            features[tail + 3] = a < 0 ? 1f : 0f;
            features[tail + 4] = b < 0 ? 1f : 0f;
        }
    }

    private static float Rarity(double tf) => (float)-Math.Log10(Math.Max(tf, 1e-9));

    private float Similarity(int i, ColumnData column, int a, int b)
    {
        if (a == b) return 1f;
        switch (_layout.ColumnTypes[i])
        {
            case ColumnType.Date when column.DayNumbers is { } days:
                return (float)Math.Exp(-Math.Abs(days[a] - days[b]) / 365.0);
            case ColumnType.Postcode when column.PostcodeSectors is { } sectors:
                if (sectors[a] == sectors[b]) return 0.75f;
                if (column.PostcodeDistricts![a] == column.PostcodeDistricts[b]) return 0.5f;
                return column.PostcodeAreas![a] == column.PostcodeAreas[b] ? 0.25f : 0f;
            case ColumnType.Number when column.Numbers is { } numbers:
            {
                var scale = Math.Max(Math.Abs(numbers[a]), Math.Abs(numbers[b]));
                return scale == 0 ? 1f : (float)Math.Max(0, 1 - Math.Abs(numbers[a] - numbers[b]) / scale);
            }
        }

        // String similarities are the costly part: cache them by the unordered value-id pair (full key stored,
        // so a collision only costs a recomputation).
        var lo = (uint)Math.Min(a, b);
        var hi = (uint)Math.Max(a, b);
        var key = (((ulong)lo << 32) | hi) + 1;
        var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - CacheBits));
        var keys = _cacheKeys[i];
        if (keys[slot] == key) return _cacheValues[i][slot];
        float s;
        if (column.Tokens is { } tokens && column.TokenWeights is { } weights)
            s = (float)TokenSetSimilarity.Weighted(tokens[a], tokens[b], weights);
        else if (column.BloomFilters is { } filters)
            s = (float)Adrn.Linkage.Privacy.DiceCoefficient.Compute(filters[a], filters[b]);
        else
            s = (float)StringMetrics.JaroWinkler(column.Values[a], column.Values[b]);
        keys[slot] = key;
        _cacheValues[i][slot] = s;
        return s;
    }
}
