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
        Others = new ColumnData?[LevelCount];
        ToOther = new int[]?[LevelCount];
        var cacheable = true;
        var expensive = false;
        for (var k = 0; k < LevelCount; k++)
        {
            var level = config.Levels[k];
            Kinds[k] = level.Kind;
            Thresholds[k] = level.Threshold;
            if (level.Kind == ComparisonLevelKind.Swapped)
            {
                var other = records.Column(level.OtherColumn!);
                Others[k] = other;
                // Columns intern separately, so map this column's value ids to the other column's ids of the same text.
                var index = new Dictionary<string, int>(other.Values.Length, StringComparer.Ordinal);
                for (var v = 0; v < other.Values.Length; v++) index[other.Values[v]] = v;
                var map = new int[Column.Values.Length];
                for (var v = 0; v < map.Length; v++) map[v] = index.GetValueOrDefault(Column.Values[v], -1);
                ToOther[k] = map;
                cacheable = false;
            }

            expensive |= level.Kind is ComparisonLevelKind.JaroWinkler or ComparisonLevelKind.Jaro or ComparisonLevelKind.Levenshtein
                or ComparisonLevelKind.DamerauLevenshtein or ComparisonLevelKind.TokenSet or ComparisonLevelKind.Dice;
        }

        UsesCache = cacheable && expensive;
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

    public ColumnData?[] Others { get; }

    /// <summary>Per swapped level: this column's value id -> the other column's id of the same text (-1 = absent).</summary>
    public int[]?[] ToOther { get; }

    /// <summary>Per date value: yyyymmdd as an int (for the one-character and day/month-swap levels).</summary>
    public int[]? Ymd { get; }

    /// <summary>Whether gamma depends only on the value pair and is costly enough to cache.</summary>
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

    /// <summary>Metric values computed so far for the current pair (NaN / -1 = not yet).</summary>
    private struct MetricMemo
    {
        public double JaroWinkler;
        public double Jaro;
        public double TokenSet;
        public double Dice;
        public bool Started;

        public void Start()
        {
            if (Started) return;
            JaroWinkler = Jaro = TokenSet = Dice = double.NaN;
            Started = true;
        }
    }

    private bool Holds(int k, int a, int b, int left, int right, int[]?[] others, ref MetricMemo memo)
    {
        var c = Column;
        var t = Thresholds[k];
        switch (Kinds[k])
        {
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
