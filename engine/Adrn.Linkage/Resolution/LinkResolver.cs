using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;

namespace Adrn.Linkage.Resolution;

/// <summary>Stage 7: turns scored pairs into links (many-to-one, one-to-one, or all pairs above the threshold).</summary>
public static class LinkResolver
{
    /// <summary>
    /// Selects the links among pairs (which must be sorted by left then right id, as
    /// <see cref="ScoredPairBatch.Merge"/> returns them).
    /// <list type="bullet">
    /// <item><c>none</c>/<c>clusters</c>: every pair with probability &gt;= threshold.</item>
    /// <item><c>many_to_one</c>: each left record keeps its single highest-weight right record (ties: the smaller right id).</item>
    /// <item><c>one_to_one</c>: greedy — pairs in descending weight (ties: smaller left id, then smaller right id)
    /// are accepted when neither record is linked yet. This is the deterministic greedy assignment, not the
    /// Hungarian optimum; on linkage data the two rarely differ because true links dominate their rows and columns.</item>
    /// </list>
    /// When the pairs carry resolved probabilities (<see cref="ScoredPairBatch.Resolved"/>, the register posterior), the
    /// threshold applies to them, and one_to_one orders by descending resolved probability first.
    /// </summary>
    /// <param name="pairs">Scored pairs, sorted.</param>
    /// <param name="records">The records (for id ranks).</param>
    /// <param name="method">Resolution method.</param>
    /// <param name="threshold">Minimum match probability.</param>
    /// <returns>Row indices of the links, ascending (so links stay sorted by left then right id).</returns>
    public static int[] Resolve(ScoredPairBatch pairs, RecordTable records, ResolutionMethod method, double threshold)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(records);
        var rank = records.IdRank;
        var selected = new List<int>();
        switch (method)
        {
            case ResolutionMethod.ManyToOne:
                for (var i = 0; i < pairs.Count;)
                {
                    var best = -1;
                    var j = i;
                    for (; j < pairs.Count && pairs.Left[j] == pairs.Left[i]; j++)
                    {
                        if (pairs.LinkProbability(j) < threshold) continue;
                        // Rows are sorted by right id within a left record, so '>' keeps the smaller id on ties.
                        if (best < 0 || pairs.Weight[j] > pairs.Weight[best]) best = j;
                    }

                    if (best >= 0) selected.Add(best);
                    i = j;
                }

                break;
            case ResolutionMethod.OneToOne:
            {
                var candidates = new List<int>();
                for (var i = 0; i < pairs.Count; i++)
                    if (pairs.LinkProbability(i) >= threshold) candidates.Add(i);
                var resolved = pairs.Resolved;
                candidates.Sort((a, b) =>
                {
                    var c = resolved is null ? 0 : resolved[b].CompareTo(resolved[a]);
                    if (c != 0) return c;
                    c = pairs.Weight[b].CompareTo(pairs.Weight[a]);
                    if (c != 0) return c;
                    c = rank[pairs.Left[a]].CompareTo(rank[pairs.Left[b]]);
                    return c != 0 ? c : rank[pairs.Right[a]].CompareTo(rank[pairs.Right[b]]);
                });
                var used = new bool[records.Count];
                foreach (var i in candidates)
                {
                    if (used[pairs.Left[i]] || used[pairs.Right[i]]) continue;
                    used[pairs.Left[i]] = used[pairs.Right[i]] = true;
                    selected.Add(i);
                }

                selected.Sort();
                break;
            }

            default:
                for (var i = 0; i < pairs.Count; i++)
                    if (pairs.LinkProbability(i) >= threshold) selected.Add(i);
                break;
        }

        return selected.ToArray();
    }

    /// <summary>
    /// Connected components of the given pairs (union–find). Every record gets a cluster; the cluster id is the id
    /// of the component's record that sorts first by (source, id), prefixed with <c>source:</c> when the job has
    /// more than one source — stable across runs and independent of pair order.
    /// </summary>
    /// <param name="pairs">Scored pairs.</param>
    /// <param name="rows">Rows of <paramref name="pairs"/> that join records (e.g. from <see cref="Resolve"/>).</param>
    /// <param name="records">The records.</param>
    /// <returns>Cluster id per record index.</returns>
    public static string[] Cluster(ScoredPairBatch pairs, IReadOnlyList<int> rows, RecordTable records)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(records);
        var uf = new UnionFind(records.Count);
        foreach (var r in rows) uf.Union(pairs.Left[r], pairs.Right[r]);
        var rank = records.IdRank;
        var bestOfRoot = new int[records.Count];
        Array.Fill(bestOfRoot, -1);
        for (var i = 0; i < records.Count; i++)
        {
            var root = uf.Find(i);
            if (bestOfRoot[root] < 0 || rank[i] < rank[bestOfRoot[root]]) bestOfRoot[root] = i;
        }

        var multi = records.SourceNames.Count > 1;
        var result = new string[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var rep = bestOfRoot[uf.Find(i)];
            result[i] = multi ? records.SourceNames[records.SourceOf(rep)] + ":" + records.Ids[rep] : records.Ids[rep];
        }

        return result;
    }
}
