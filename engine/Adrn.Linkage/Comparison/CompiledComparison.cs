using System.Runtime.CompilerServices;
using Adrn.Linkage.Comparison.Metrics;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Comparison;

/// <summary>A comparison with its levels resolved to arrays of the prepared column (read-only, thread-safe).</summary>
internal sealed class CompiledComparison
{
    public CompiledComparison(ComparisonConfig config, RecordTable records)
    {
        Config = config;
        Column = records.Column(config.Column);
        LevelCount = config.Levels.Count;
        Kinds = new ComparisonLevelKind[LevelCount];
        Thresholds = new double[LevelCount];
        TokenThresholds = new double[LevelCount];
        Others = new ColumnData?[LevelCount];
        ToOther = new int[]?[LevelCount];
        RecordDependent = new bool[LevelCount];
        var expensive = false;
        for (var k = 0; k < LevelCount; k++)
        {
            var level = config.Levels[k];
            Kinds[k] = level.Kind;
            Thresholds[k] = level.Threshold;
            if (level.OtherColumn is not null && level.Kind is ComparisonLevelKind.Swapped or ComparisonLevelKind.Exact)
            {
                var other = records.Column(level.OtherColumn);
                Others[k] = other;
                // Columns intern separately, so map this column's value ids to the other column's ids of the same text.
                var index = new Dictionary<string, int>(other.Values.Length, StringComparer.Ordinal);
                for (var v = 0; v < other.Values.Length; v++) index[other.Values[v]] = v;
                var map = new int[Column.Values.Length];
                for (var v = 0; v < map.Length; v++) map[v] = index.GetValueOrDefault(Column.Values[v], -1);
                ToOther[k] = map;
                // Such a level reads the records' other column, not only this column's value pair: it is evaluated per
                // pair, after the cached value-pair levels (see Refine).
                RecordDependent[k] = true;
                HasRecordDependentLevels = true;
            }

            TokenThresholds[k] = level.TokenThreshold;
            expensive |= level.Kind is ComparisonLevelKind.JaroWinkler or ComparisonLevelKind.Jaro or ComparisonLevelKind.Levenshtein
                or ComparisonLevelKind.DamerauLevenshtein or ComparisonLevelKind.TokenSet or ComparisonLevelKind.Dice
                or ComparisonLevelKind.SoftTfidf or ComparisonLevelKind.MongeElkan;
            if (level.Kind is ComparisonLevelKind.SoftTfidf or ComparisonLevelKind.MongeElkan && SegmentedTokens is null)
            {
                // Per distinct value, once: tokens re-cut for glued/split words, and the token texts for Jaro-Winkler.
                SegmentedTokens = TokenResegmentation.Resegment(Column);
                var table = Column.TokenFrequencies!;
                TokenText = new string[table.DistinctTokenCount];
                for (var t = 0; t < TokenText.Length; t++) TokenText[t] = table.TokenAt(t);
            }

            if (level.Kind == ComparisonLevelKind.PayeReference && PayeReferenceIds is null)
            {
                var ids = new Dictionary<string, int>(StringComparer.Ordinal);
                PayeReferenceIds = new int[Column.Values.Length];
                for (var v = 0; v < PayeReferenceIds.Length; v++)
                {
                    var reference = Standardisation.PayeReference.Split(Column.Values[v]).Reference;
                    if (reference is null) { PayeReferenceIds[v] = -1; continue; }
                    if (!ids.TryGetValue(reference, out var id)) ids[reference] = id = ids.Count;
                    PayeReferenceIds[v] = id;
                }
            }
        }

        UsesCache = expensive;
        if (Column.DayNumbers is { } days)
        {
            Ymd = new int[days.Length];
            for (var i = 0; i < days.Length; i++)
            {
                var d = DateOnly.FromDayNumber(days[i]);
                Ymd[i] = d.Year * 10000 + d.Month * 100 + d.Day;
            }
        }
    }

    public ComparisonConfig Config { get; }

    public ColumnData Column { get; }

    public int LevelCount { get; }

    public ComparisonLevelKind[] Kinds { get; }

    public double[] Thresholds { get; }

    /// <summary>Per level: the token threshold of a soft_tfidf level.</summary>
    public double[] TokenThresholds { get; }

    /// <summary>Per value (soft_tfidf / monge_elkan levels): token ids re-cut for glued and split words.</summary>
    public int[][]? SegmentedTokens { get; }

    /// <summary>Per token id (soft_tfidf / monge_elkan levels): its text.</summary>
    public string[]? TokenText { get; }

    /// <summary>Per value (paye_reference levels): interned id of the PAYE reference part, -1 when it has none.</summary>
    public int[]? PayeReferenceIds { get; }

    public ColumnData?[] Others { get; }

    /// <summary>Per level: whether it reads another column of the two records (swapped, exact against <c>other_column</c>).</summary>
    public bool[] RecordDependent { get; }

    /// <summary>Whether some level reads another column of the records.</summary>
    public bool HasRecordDependentLevels { get; }

    /// <summary>Per swapped / other-column level: this column's value id -> the other column's id of the same text (-1 = absent).</summary>
    public int[]?[] ToOther { get; }

    /// <summary>Per date value: yyyymmdd as an int (for the one-character and day/month-swap levels).</summary>
    public int[]? Ymd { get; }

    /// <summary>
    /// Whether the comparison is costly enough to cache: the levels that depend only on the value pair are then cached by
    /// value pair (<see cref="PureGamma"/>) and the levels reading other columns evaluated per pair (<see cref="Refine"/>).
    /// </summary>
    public bool UsesCache { get; }

    /// <summary>Per level: the other column's record value ids of the swapped level over <paramref name="records"/> (null for other levels).</summary>
    /// <param name="records">The records a comparer is bound to.</param>
    /// <returns>One entry per level.</returns>
    public int[]?[] OtherValueIds(Preparation.RecordTable records)
    {
        var ids = new int[]?[LevelCount];
        for (var k = 0; k < LevelCount; k++)
            if (Others[k] is { } other) ids[k] = records.Column(other.Name).ValueIds;
        return ids;
    }

    /// <summary>
    /// Gamma of two non-null value ids (levels that need the records, i.e. swapped, use <paramref name="left"/>/<paramref name="right"/>
    /// and the bound records' other-column value ids <paramref name="others"/>, see <see cref="OtherValueIds"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public sbyte GammaOfValues(int a, int b, int left, int right, int[]?[] others)
    {
        // Levels of one comparison often apply the same metric at several thresholds (Jaro-Winkler >= 0.9,
        // >= 0.8): each metric is computed at most once per pair and reused by later levels.
        var memo = new MetricMemo();
        for (var k = 0; k < Kinds.Length; k++)
        {
            if (Holds(k, a, b, left, right, others, ref memo)) return (sbyte)(LevelCount - k);
        }

        return 0;
    }

    // Record-dependent levels are skipped by PureGamma, so it reads no other column.
    private static readonly int[]?[] NoRecords = [];

    /// <summary>Gamma from the levels that depend only on the value pair (record-dependent levels count as not holding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public sbyte PureGamma(int a, int b)
    {
        var memo = new MetricMemo();
        for (var k = 0; k < Kinds.Length; k++)
        {
            if (RecordDependent[k]) continue;
            if (Holds(k, a, b, -1, -1, NoRecords, ref memo)) return (sbyte)(LevelCount - k);
        }

        return 0;
    }

    /// <summary>
    /// The gamma of a pair given its value-pair gamma <paramref name="pure"/>: a record-dependent level ranked above it
    /// that holds wins (levels are best first, so the first such level is the best).
    /// </summary>
    /// <param name="a">Left record's value id.</param>
    /// <param name="b">Right record's value id.</param>
    /// <param name="left">Left record.</param>
    /// <param name="right">Right record.</param>
    /// <param name="pure">The gamma of the value-pair levels.</param>
    /// <param name="others">The bound records' other-column value ids (<see cref="OtherValueIds"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public sbyte Refine(int a, int b, int left, int right, sbyte pure, int[]?[] others)
    {
        var memo = new MetricMemo();
        for (var k = 0; k < Kinds.Length && LevelCount - k > pure; k++)
        {
            if (RecordDependent[k] && Holds(k, a, b, left, right, others, ref memo)) return (sbyte)(LevelCount - k);
        }

        return pure;
    }

    /// <summary>Metric values computed so far for the current pair (NaN = not yet).</summary>
    private struct MetricMemo
    {
        public double JaroWinkler;
        public double Jaro;
        public double TokenSet;
        public double Dice;
        public double SoftTfidf;
        public double SoftTfidfTokenThreshold;
        public double MongeElkan;
        public bool Started;

        public void Start()
        {
            if (Started) return;
            JaroWinkler = Jaro = TokenSet = Dice = SoftTfidf = MongeElkan = SoftTfidfTokenThreshold = double.NaN;
            Started = true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Holds(int k, int a, int b, int left, int right, int[]?[] others, ref MetricMemo memo)
    {
        var c = Column;
        var t = Thresholds[k];
        switch (Kinds[k])
        {
            case ComparisonLevelKind.Exact when Others[k] is not null:
            {
                // This column of one record equals the other column of the other, either way round.
                var o = others[k]!;
                var map = ToOther[k]!;
                var ol = o[left];
                var or = o[right];
                return (or >= 0 && map[a] == or) || (ol >= 0 && map[b] == ol);
            }

            case ComparisonLevelKind.Exact:
                return a == b;
            case ComparisonLevelKind.JaroWinkler:
                if (a == b) return true;
                memo.Start();
                // Jaro–Winkler is Jaro plus a prefix boost: the Jaro part is computed once per pair and shared with Jaro levels.
                if (double.IsNaN(memo.Jaro)) memo.Jaro = StringMetrics.Jaro(c.Values[a], c.Values[b]);
                if (double.IsNaN(memo.JaroWinkler)) memo.JaroWinkler = StringMetrics.JaroWinklerFromJaro(c.Values[a], c.Values[b], memo.Jaro);
                return memo.JaroWinkler >= t;
            case ComparisonLevelKind.Jaro:
                if (a == b) return true;
                memo.Start();
                if (double.IsNaN(memo.Jaro)) memo.Jaro = StringMetrics.Jaro(c.Values[a], c.Values[b]);
                return memo.Jaro >= t;
            case ComparisonLevelKind.Levenshtein:
                // NOTE: a bounded test per level (a band of diagonals that stops early) rather than the full distance:
                // most pairs that reach this level are far apart, and the answer is the same.
                return a == b || StringMetrics.LevenshteinWithin(c.Values[a], c.Values[b], (int)Math.Floor(t));
            case ComparisonLevelKind.DamerauLevenshtein:
                return a == b || StringMetrics.DamerauLevenshteinWithin(c.Values[a], c.Values[b], (int)Math.Floor(t));

            case ComparisonLevelKind.TokenSet:
                if (a == b) return true;
                memo.Start();
                if (double.IsNaN(memo.TokenSet)) memo.TokenSet = TokenSetSimilarity.Weighted(c.Tokens![a], c.Tokens[b], c.TokenWeights);
                return memo.TokenSet >= t;
            case ComparisonLevelKind.Dice:
                if (a == b) return true;
                memo.Start();
                if (double.IsNaN(memo.Dice)) memo.Dice = Privacy.DiceCoefficient.Compute(c.BloomFilters![a], c.BloomFilters[b]);
                return memo.Dice >= t;
            case ComparisonLevelKind.SoftTfidf:
            {
                if (a == b) return true;
                memo.Start();
                // Levels may differ in token threshold; the memo holds the value for one threshold.
                var theta = TokenThresholds[k];
                if (double.IsNaN(memo.SoftTfidf) || memo.SoftTfidfTokenThreshold != theta)
                {
                    memo.SoftTfidf = SoftTfidf.Similarity(SegmentedTokens![a], SegmentedTokens[b], c.TokenWeights, TokenText!, theta);
                    memo.SoftTfidfTokenThreshold = theta;
                }

                return memo.SoftTfidf >= t;
            }

            case ComparisonLevelKind.MongeElkan:
                if (a == b) return true;
                memo.Start();
                if (double.IsNaN(memo.MongeElkan)) memo.MongeElkan = MongeElkan.Similarity(SegmentedTokens![a], SegmentedTokens[b], c.TokenWeights, TokenText!);
                return memo.MongeElkan >= t;
            case ComparisonLevelKind.PayeReference:
            {
                var x = PayeReferenceIds![a];
                return x >= 0 && x == PayeReferenceIds[b];
            }

            case ComparisonLevelKind.DateOneCharacter:
            {
                var x = Ymd![a];
                var y = Ymd[b];
                var diff = 0;
                for (var i = 0; i < 8; i++)
                {
                    if (x % 10 != y % 10) diff++;
                    x /= 10;
                    y /= 10;
                }

                return diff == 1;
            }

            case ComparisonLevelKind.DateDayMonthSwap:
            {
                var x = Ymd![a];
                var y = Ymd[b];
                return x != y && x / 10000 == y / 10000 && x / 100 % 100 == y % 100 && x % 100 == y / 100 % 100;
            }

            case ComparisonLevelKind.DateWithinDays:
                return Math.Abs(c.DayNumbers![a] - c.DayNumbers[b]) <= t;
            case ComparisonLevelKind.PostcodeSector:
                return c.PostcodeSectors![a] == c.PostcodeSectors[b];
            case ComparisonLevelKind.PostcodeDistrict:
                return c.PostcodeDistricts![a] == c.PostcodeDistricts[b];
            case ComparisonLevelKind.PostcodeArea:
                return c.PostcodeAreas![a] == c.PostcodeAreas[b];
            case ComparisonLevelKind.NumericAbsolute:
                return Math.Abs(c.Numbers![a] - c.Numbers[b]) <= t;
            case ComparisonLevelKind.NumericRelative:
            {
                var x = c.Numbers![a];
                var y = c.Numbers[b];
                var scale = Math.Max(Math.Abs(x), Math.Abs(y));
                return scale == 0 || Math.Abs(x - y) / scale <= t;
            }

            case ComparisonLevelKind.Swapped:
            {
                var o = others[k]!;
                var map = ToOther[k]!;
                var ol = o[left];
                var or = o[right];
                return ol >= 0 && or >= 0 && map[a] == or && map[b] == ol;
            }

            default:
                return false;
        }
    }
}
