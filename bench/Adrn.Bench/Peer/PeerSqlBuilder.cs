using System.Globalization;
using System.Text;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;

namespace Adrn.Bench.Peer;

/// <summary>
/// Writes the DuckDB SQL equivalent of a job's compare+score stage, in the manner of Splink: one SELECT per
/// blocking rule, each excluding the pairs an earlier rule already produced, UNION ALL; each comparison a
/// <c>CASE WHEN</c> over its levels in priority order; the match weight the prior plus the log2 Bayes factor
/// of each comparison's level (and the term-frequency adjustment of exact levels that carry one).
/// </summary>
/// <remarks>
/// The records table <c>rec</c> (see <see cref="PeerRecordTable"/>) holds the engine's already standardised
/// values, so only comparing and scoring is measured on the peer. Level kinds SQL cannot express exactly
/// (weighted token_set, Bloom-filter dice) are refused rather than approximated.
/// </remarks>
public static class PeerSqlBuilder
{
    /// <summary>Whether a level kind has an exact SQL translation here.</summary>
    /// <param name="kind">The level kind.</param>
    /// <returns>True when <see cref="Build"/> supports it.</returns>
    public static bool IsExpressible(ComparisonLevelKind kind) =>
        kind is not (ComparisonLevelKind.TokenSet or ComparisonLevelKind.Dice or ComparisonLevelKind.SoftTfidf or ComparisonLevelKind.MongeElkan);

    /// <summary>Builds the SELECT returning <c>li, ri, g0..gK-1, weight</c> for every candidate pair at or above a weight.</summary>
    /// <param name="config">The job (blocking rules and comparisons).</param>
    /// <param name="model">The trained model whose m/u values give the weights.</param>
    /// <param name="leftCount">Number of left records (records are numbered as in the engine's record table).</param>
    /// <param name="minWeight">Pairs below this weight are dropped (negative infinity keeps all).</param>
    /// <returns>The SQL text.</returns>
    /// <exception cref="NotSupportedException">A comparison uses a level kind SQL cannot express exactly.</exception>
    public static string Build(LinkageJobConfig config, MatchModel model, int leftCount, double minWeight)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        foreach (var c in config.Comparisons)
        {
            foreach (var l in c.Levels)
            {
                if (!IsExpressible(l.Kind))
                    throw new NotSupportedException($"comparison '{c.Name}': level kind {l.Kind} has no exact SQL translation; use a job without it (see docs/benchmarks.md)");
            }
        }

        if (model.Comparisons.Count != config.Comparisons.Count)
            throw new ArgumentException($"the model has {model.Comparisons.Count} comparisons, the job has {config.Comparisons.Count}", nameof(model));

        var sb = new StringBuilder();
        sb.Append("WITH ");
        // A multi-key rule's (record, key) rows: the equi-join on a shared key (the engine's key groups).
        for (var rule = 0; rule < config.BlockingRules.Count; rule++)
        {
            if (config.BlockingRules[rule].Kind == BlockingRuleKind.Keys && config.BlockingRules[rule].IsMultiKey
                && !BlockingKeySet.IsBandedRule(config.BlockingRules[rule]))
                sb.Append("keys").Append(rule).Append(" AS (SELECT idx, unnest(k").Append(rule).Append(") AS key FROM rec),\n");
        }

        sb.Append("g AS (\n");
        var side = config.LinkType == LinkType.LinkOnly
            ? string.Create(CultureInfo.InvariantCulture, $"l.idx < {leftCount} AND r.idx >= {leftCount}")
            : "l.idx < r.idx";
        var selects = 0;
        for (var rule = 0; rule < config.BlockingRules.Count; rule++)
        {
            var blocking = config.BlockingRules[rule];
            var k = "k" + rule.ToString(CultureInfo.InvariantCulture);
            // A MinHash rule is one SELECT per band, each excluding the earlier bands (Splink users write LSH this way).
            var bands = BlockingKeySet.IsBandedRule(blocking) ? BandsOf(blocking) : 1;
            for (var band = 0; band < bands; band++)
            {
                if (selects++ > 0) sb.Append("UNION ALL\n");
                sb.Append("SELECT l.idx AS li, r.idx AS ri");
                for (var c = 0; c < config.Comparisons.Count; c++)
                {
                    sb.Append(",\n  ").Append(GammaExpression(config.Comparisons[c], c)).Append(" AS g").Append(c);
                    if (TfGamma(config.Comparisons[c]) is not null) sb.Append(", l.tf").Append(c).Append(" AS tf").Append(c);
                }

                if (blocking.Kind == BlockingRuleKind.SortedNeighbourhood)
                {
                    // Ranks of the sorted distinct sort keys: a range join, records fewer than `window` ranks apart.
                    var reach = (blocking.Window - 1).ToString(CultureInfo.InvariantCulture);
                    sb.Append("\nFROM rec l JOIN rec r ON r.").Append(k).Append(" BETWEEN l.").Append(k).Append(" - ").Append(reach)
                        .Append(" AND l.").Append(k).Append(" + ").Append(reach).Append("\nWHERE ").Append(side);
                }
                else if (bands > 1 || BlockingKeySet.IsBandedRule(blocking))
                {
                    var column = k + "_" + band.ToString(CultureInfo.InvariantCulture);
                    sb.Append("\nFROM rec l JOIN rec r ON l.").Append(column).Append(" = r.").Append(column).Append("\nWHERE ").Append(side);
                    for (var earlier = 0; earlier < band; earlier++)
                    {
                        var e = k + "_" + earlier.ToString(CultureInfo.InvariantCulture);
                        sb.Append(" AND NOT coalesce(l.").Append(e).Append(" = r.").Append(e).Append(", false)");
                    }
                }
                else if (blocking.IsMultiKey)
                {
                    // Records sharing any key; a pair sharing several is kept in the group of the smallest (as the engine does).
                    sb.Append("\nFROM keys").Append(rule).Append(" lk JOIN keys").Append(rule).Append(" rk ON lk.key = rk.key")
                        .Append(" JOIN rec l ON l.idx = lk.idx JOIN rec r ON r.idx = rk.idx\nWHERE ").Append(side)
                        .Append(" AND lk.key = list_min(list_intersect(l.").Append(k).Append(", r.").Append(k).Append("))");
                }
                else
                {
                    sb.Append("\nFROM rec l JOIN rec r ON l.").Append(k).Append(" = r.").Append(k).Append("\nWHERE ").Append(side);
                }

                // Splink's exclusion: a pair an earlier rule produced is not produced again (keys are NULL when absent).
                for (var q = 0; q < rule; q++) sb.Append(" AND NOT coalesce(").Append(Covers(config.BlockingRules[q], q)).Append(", false)");
                sb.Append('\n');
            }
        }

        sb.Append(")\nSELECT li, ri");
        for (var c = 0; c < config.Comparisons.Count; c++) sb.Append(", g").Append(c);
        sb.Append(",\n  ").Append(WeightExpression(config, model)).Append(" AS weight\nFROM g");
        var body = sb.ToString();
        if (double.IsNegativeInfinity(minWeight)) return body;
        return "SELECT * FROM (\n" + body + "\n) WHERE weight >= " + Literal(minWeight);
    }

    /// <summary>Whether earlier rule <paramref name="q"/> produces the pair (l, r), as BlockingKeySet.Covers decides it.</summary>
    private static string Covers(BlockingRuleConfig rule, int q)
    {
        var k = "k" + q.ToString(CultureInfo.InvariantCulture);
        if (rule.Kind == BlockingRuleKind.SortedNeighbourhood)
            return $"abs(l.{k} - r.{k}) < {rule.Window.ToString(CultureInfo.InvariantCulture)}";
        if (BlockingKeySet.IsBandedRule(rule))
            return "(" + string.Join(" OR ", Enumerable.Range(0, BandsOf(rule)).Select(b => $"l.{k}_{b} = r.{k}_{b}")) + ")";
        return rule.IsMultiKey ? $"list_has_any(l.{k}, r.{k})" : $"l.{k} = r.{k}";
    }

    /// <summary>Bands of a MinHash rule (its MinHash part's bands).</summary>
    private static int BandsOf(BlockingRuleConfig rule) => rule.Parts.First(p => p.Method == BlockingKeyMethod.Minhash).Bands;

    /// <summary>The reference part of a PAYE reference, as <c>PayeReference.Split</c> takes it (whitespace dropped, upper case).</summary>
    private static string PayeReferencePart(string column) =>
        $"nullif(CASE WHEN strpos(upper(regexp_replace({column}, '\\s', '', 'g')), '/') > 0 " +
        $"THEN substr(upper(regexp_replace({column}, '\\s', '', 'g')), strpos(upper(regexp_replace({column}, '\\s', '', 'g')), '/') + 1) " +
        $"ELSE regexp_replace(upper(regexp_replace({column}, '\\s', '', 'g')), '^[0-9]+', '') END, '')";

    /// <summary>Gamma of the exact level that carries a term-frequency adjustment, or null.</summary>
    private static int? TfGamma(ComparisonConfig comparison)
    {
        for (var i = 0; i < comparison.Levels.Count; i++)
        {
            var level = comparison.Levels[i];
            if (level.TermFrequency && level.Kind == ComparisonLevelKind.Exact) return comparison.Levels.Count - i;
        }

        return null;
    }

    private static string GammaExpression(ComparisonConfig comparison, int c)
    {
        var v = "v" + c.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("CASE WHEN l.").Append(v).Append(" IS NULL OR r.").Append(v).Append(" IS NULL THEN -1");
        var n = comparison.Levels.Count;
        for (var k = 0; k < n; k++)
        {
            sb.Append(" WHEN ").Append(LevelCondition(comparison.Levels[k], c, k)).Append(" THEN ").Append(n - k);
        }

        sb.Append(" ELSE 0 END");
        return sb.ToString();
    }

    /// <summary>The SQL condition of one level, with the engine's semantics (CompiledComparison.Holds).</summary>
    private static string LevelCondition(ComparisonLevelConfig level, int c, int k)
    {
        var i = c.ToString(CultureInfo.InvariantCulture);
        var lv = "l.v" + i;
        var rv = "r.v" + i;
        var t = Literal(level.Threshold);
        return level.Kind switch
        {
            // Against other_column: this column of one record equals the other column of the other, either way round.
            ComparisonLevelKind.Exact when level.OtherColumn is not null => $"(coalesce({lv} = r.o{i}_{k}, false) OR coalesce({rv} = l.o{i}_{k}, false))",
            ComparisonLevelKind.Exact => $"{lv} = {rv}",
            // The engine treats equal values as agreeing without computing the metric; DuckDB's functions
            // return 1 / 0 for equal strings anyway, the explicit test keeps the semantics identical.
            ComparisonLevelKind.JaroWinkler => $"({lv} = {rv} OR jaro_winkler_similarity({lv}, {rv}) >= {t})",
            ComparisonLevelKind.Jaro => $"({lv} = {rv} OR jaro_similarity({lv}, {rv}) >= {t})",
            ComparisonLevelKind.Levenshtein => $"({lv} = {rv} OR levenshtein({lv}, {rv}) <= {t})",
            ComparisonLevelKind.DamerauLevenshtein => $"({lv} = {rv} OR damerau_levenshtein({lv}, {rv}) <= {t})",
            ComparisonLevelKind.DateWithinDays => $"abs(l.d{i} - r.d{i}) <= {t}",
            ComparisonLevelKind.DateDayMonthSwap =>
                $"(l.ymd{i} <> r.ymd{i} AND l.ymd{i} // 10000 = r.ymd{i} // 10000 AND (l.ymd{i} // 100) % 100 = r.ymd{i} % 100 AND l.ymd{i} % 100 = (r.ymd{i} // 100) % 100)",
            ComparisonLevelKind.DateOneCharacter => "(" + string.Join(" + ", Enumerable.Range(0, 8).Select(p =>
            {
                var pow = ((long)Math.Pow(10, p)).ToString(CultureInfo.InvariantCulture);
                return $"CAST((l.ymd{i} // {pow}) % 10 <> (r.ymd{i} // {pow}) % 10 AS INTEGER)";
            })) + ") = 1",
            // Standardised postcodes are the canonical unit "OUT IN"; parts by string functions, and a value
            // that is not a valid unit (the engine gives it a part id of its own) never agrees.
            ComparisonLevelKind.PostcodeSector => $"({ValidPostcode(lv)} AND {ValidPostcode(rv)} AND left({lv}, length({lv}) - 2) = left({rv}, length({rv}) - 2))",
            ComparisonLevelKind.PostcodeDistrict => $"({ValidPostcode(lv)} AND {ValidPostcode(rv)} AND split_part({lv}, ' ', 1) = split_part({rv}, ' ', 1))",
            ComparisonLevelKind.PostcodeArea => $"({ValidPostcode(lv)} AND {ValidPostcode(rv)} AND regexp_extract({lv}, '^[A-Z]+') = regexp_extract({rv}, '^[A-Z]+'))",
            ComparisonLevelKind.NumericAbsolute => $"abs(l.n{i} - r.n{i}) <= {t}",
            ComparisonLevelKind.NumericRelative => $"(greatest(abs(l.n{i}), abs(r.n{i})) = 0 OR abs(l.n{i} - r.n{i}) / greatest(abs(l.n{i}), abs(r.n{i})) <= {t})",
            ComparisonLevelKind.Swapped => $"({lv} = r.o{i}_{k} AND {rv} = l.o{i}_{k})",
            ComparisonLevelKind.PayeReference => $"coalesce({PayeReferencePart(lv)} = {PayeReferencePart(rv)}, false)",
            _ => throw new NotSupportedException($"level kind {level.Kind} has no exact SQL translation"),
        };
    }

    private static string ValidPostcode(string column) => $"regexp_full_match({column}, '[A-Z]{{1,2}}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{{2}}')";

    private static string WeightExpression(LinkageJobConfig config, MatchModel model)
    {
        // Same terms in the same order as ScoringModel.MatchWeight (prior, then per comparison the level's
        // weight and any TF adjustment), so rounding matches too.
        var sb = new StringBuilder();
        sb.Append(Literal(model.PriorMatchWeight));
        for (var c = 0; c < config.Comparisons.Count; c++)
        {
            var cfg = config.Comparisons[c];
            var mc = model.Comparisons[c];
            if (mc.Name != cfg.Name || mc.GammaCount != cfg.Levels.Count + 1)
                throw new ArgumentException($"model comparison {c} is '{mc.Name}', the job has '{cfg.Name}'", nameof(model));
            sb.Append("\n  + CASE g").Append(c).Append(" WHEN -1 THEN 0");
            for (var g = 0; g <= cfg.Levels.Count; g++)
            {
                var l = mc.Level(g);
                sb.Append(" WHEN ").Append(g).Append(" THEN log2(greatest(").Append(Literal(l.M ?? 1)).Append(", 1e-6::DOUBLE) / greatest(")
                    .Append(Literal(l.U ?? 1)).Append(", 1e-6::DOUBLE))");
            }

            sb.Append(" END");
            if (TfGamma(cfg) is { } tg)
            {
                // Splink's TF adjustment: u of an exact match replaced by the value's frequency, bounded below.
                var uExact = mc.Level(tg).U ?? 1;
                var floor = Math.Max(model.TfMinimumU, 1e-12);
                sb.Append("\n  + CASE WHEN g").Append(c).Append(" = ").Append(tg).Append(" THEN ").Append(Literal(model.TfWeight))
                    .Append(" * log2(").Append(Literal(uExact)).Append(" / greatest(tf").Append(c).Append(", ").Append(Literal(floor)).Append(")) ELSE 0 END");
            }
        }

        return sb.ToString();
    }

    /// <summary>A double as an exact DuckDB DOUBLE literal (round-trip text cast, never a DECIMAL).</summary>
    private static string Literal(double value) =>
        "'" + value.ToString("R", CultureInfo.InvariantCulture) + "'::DOUBLE";
}
