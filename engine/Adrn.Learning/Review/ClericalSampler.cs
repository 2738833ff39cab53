using System.Globalization;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;

namespace Adrn.Learning.Review;

/// <summary>Chooses pairs for clerical review.</summary>
public static class ClericalSampler
{
    /// <summary>Default probability bands of a stratified sample of links: [t, 0.8), [0.8, 0.95), [0.95, 0.99), [0.99, 1].</summary>
    public static IReadOnlyList<double> DefaultBoundaries { get; } = [0.8, 0.95, 0.99];

    /// <summary>
    /// The <paramref name="n"/> pairs whose probability is nearest <paramref name="threshold"/> (ties: the order of
    /// <paramref name="pairs"/>), optionally only among pairs whose row passes <paramref name="include"/>.
    /// </summary>
    /// <param name="pairs">Scored pairs.</param>
    /// <param name="records">Their records (for ids).</param>
    /// <param name="n">Pairs wanted (fewer when fewer exist).</param>
    /// <param name="threshold">Decision threshold (usually 0.5).</param>
    /// <param name="scorer">Scorer name recorded in the sample.</param>
    /// <param name="include">Which rows may be sampled, or null for all.</param>
    /// <returns>The sample.</returns>
    public static ClericalSample Uncertain(ScoredPairBatch pairs, RecordTable records, int n, double threshold, string scorer, Func<int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var rows = Enumerable.Range(0, pairs.Count).Where(i => include is null || include(i)).ToArray();
        var distance = rows.Select(i => Math.Abs(pairs.Probability[i] - threshold)).ToArray();
        // A stable sort keeps ties in batch order, which is (source, id) order: the sample is a function of the data.
        var order = Enumerable.Range(0, rows.Length).OrderBy(i => distance[i]).Take(n).Select(i => rows[i]).ToList();
        return new ClericalSample
        {
            Strategy = ClericalSampleStrategy.Uncertain,
            Scorer = scorer,
            Threshold = threshold,
            Seed = 0,
            Strata = [],
            Pairs = order.Select(i => new ClericalSamplePair(records.Ids[pairs.Left[i]], records.Ids[pairs.Right[i]], pairs.Probability[i], -1)).ToList(),
        };
    }

    /// <summary>
    /// A stratified random sample of links: the links are cut into probability bands at <paramref name="boundaries"/>,
    /// <paramref name="n"/> is split equally over the non-empty bands (a band smaller than its share is taken whole and
    /// the rest goes to the others), and each band is sampled without replacement with a seeded shuffle.
    /// </summary>
    /// <param name="links">The links (pairs at or above the threshold after resolution).</param>
    /// <param name="records">Their records.</param>
    /// <param name="n">Total sample size.</param>
    /// <param name="threshold">The links' threshold (lower bound of the first band).</param>
    /// <param name="seed">Seed of the draw.</param>
    /// <param name="scorer">Scorer name recorded in the sample.</param>
    /// <param name="boundaries">Inner band boundaries, ascending (default <see cref="DefaultBoundaries"/>); those at or below the threshold are dropped.</param>
    /// <returns>The sample.</returns>
    public static ClericalSample Stratified(ScoredPairBatch links, RecordTable records, int n, double threshold, int seed, string scorer, IReadOnlyList<double>? boundaries = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var cuts = new List<double> { threshold };
        cuts.AddRange((boundaries ?? DefaultBoundaries).Where(b => b > threshold && b < 1).Distinct().Order());
        cuts.Add(1);
        var h = cuts.Count - 1;
        var members = new List<int>[h];
        for (var s = 0; s < h; s++) members[s] = [];
        for (var i = 0; i < links.Count; i++)
        {
            var p = links.Probability[i];
            var s = 0;
            while (s + 1 < h && p >= cuts[s + 1]) s++;
            members[s].Add(i);
        }

        // Equal allocation, capped by band size, leftover handed round to bands that still have pairs.
        var take = new int[h];
        var left = n;
        while (left > 0)
        {
            var open = Enumerable.Range(0, h).Where(s => take[s] < members[s].Count).ToList();
            if (open.Count == 0) break;
            var share = Math.Max(1, left / open.Count);
            foreach (var s in open)
            {
                var add = Math.Min(Math.Min(share, members[s].Count - take[s]), left);
                take[s] += add;
                left -= add;
                if (left == 0) break;
            }
        }

        var rng = new Random(seed);
        var pairs = new List<ClericalSamplePair>();
        var strata = new List<ProbabilityStratum>();
        for (var s = 0; s < h; s++)
        {
            var pool = members[s].ToArray();
            // Partial Fisher–Yates: the first take[s] entries are a uniform sample without replacement.
            for (var i = 0; i < take[s]; i++)
            {
                var j = rng.Next(i, pool.Length);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }

            var chosen = pool.Take(take[s]).Order().ToList();
            foreach (var i in chosen)
                pairs.Add(new ClericalSamplePair(records.Ids[links.Left[i]], records.Ids[links.Right[i]], links.Probability[i], s));
            var name = string.Create(CultureInfo.InvariantCulture, $"[{cuts[s]:0.###}, {cuts[s + 1]:0.###}{(s == h - 1 ? "]" : ")")}");
            strata.Add(new ProbabilityStratum(name, cuts[s], cuts[s + 1], members[s].Count, take[s]));
        }

        return new ClericalSample
        {
            Strategy = ClericalSampleStrategy.Stratified,
            Scorer = scorer,
            Threshold = threshold,
            Seed = seed,
            Strata = strata,
            Pairs = pairs,
        };
    }
}
