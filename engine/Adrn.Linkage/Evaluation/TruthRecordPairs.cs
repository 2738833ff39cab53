using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Evaluation;

/// <summary>
/// Ground truth as pairs of record indices of a prepared job: from a truth pairs file (ids looked up in every source)
/// or from the job's <c>truth.cluster_column</c>. Only pairs the job could produce are kept (distinct records, and
/// across sources for link_only).
/// </summary>
public static class TruthRecordPairs
{
    /// <summary>Loads the truth of a prepared job as record-index pairs (smaller index first).</summary>
    /// <param name="prepared">The prepared job.</param>
    /// <param name="truthPath">A truth pairs file, or null to use the job's cluster column (if any).</param>
    /// <returns>The pairs, or null when the job has no truth.</returns>
    public static IReadOnlyList<(int A, int B)>? Load(PreparedLinkage prepared, string? truthPath)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var records = prepared.Records;
        var cross = prepared.IsCrossSourceOnly;
        bool Allowed(int a, int b) => a != b && (!cross || records.SourceOf(a) != records.SourceOf(b));
        var seen = new HashSet<long>();
        var result = new List<(int, int)>();
        void Add(int a, int b)
        {
            if (!Allowed(a, b)) return;
            if (seen.Add(LinkEvaluation.PairKey(a, b))) result.Add(a < b ? (a, b) : (b, a));
        }

        if (truthPath is not null)
        {
            var set = TruthPairSet.Load(truthPath);
            var sources = records.SourceNames.Count;
            foreach (var (x, y) in set.Pairs)
                for (var sx = 0; sx < sources; sx++)
                {
                    var i = records.Find(sx, x);
                    if (i < 0) continue;
                    for (var sy = 0; sy < sources; sy++)
                    {
                        var j = records.Find(sy, y);
                        if (j >= 0) Add(i, j);
                    }
                }

            return result;
        }

        if (prepared.TruthClusters is not { } clusters) return null;
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Length; i++)
        {
            if (clusters[i] is not { } c) continue;
            if (!groups.TryGetValue(c, out var list)) groups[c] = list = [];
            list.Add(i);
        }

        foreach (var list in groups.Values)
            for (var a = 0; a < list.Count; a++)
                for (var b = a + 1; b < list.Count; b++) Add(list[a], list[b]);
        return result;
    }
}
