using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Evaluation;

/// <summary>
/// The true pairs of a job as keys of record-index pairs, so a million-pair evaluation costs one hash lookup per
/// pair. Built from a truth pairs file (ids looked up in every source) or from the job's
/// <c>truth.cluster_column</c> (every pair of records sharing a true entity); either way only pairs the job could
/// produce are counted (two different records; across sources for link_only).
/// </summary>
public sealed class TruthIndex
{
    private readonly HashSet<long> _pairs;

    private TruthIndex(HashSet<long> pairs, long count, string source)
    {
        _pairs = pairs;
        Count = count;
        Source = source;
    }

    /// <summary>Number of true pairs.</summary>
    public long Count { get; }

    /// <summary>Where the truth came from (a file path or <c>cluster column 'name'</c>).</summary>
    public string Source { get; }

    /// <summary>Whether records <paramref name="a"/> and <paramref name="b"/> are a true pair.</summary>
    /// <param name="a">A record index.</param>
    /// <param name="b">Another record index.</param>
    /// <returns>True for a true pair.</returns>
    public bool Contains(int a, int b) => _pairs.Contains(PairKey(a, b));

    /// <summary>The true pairs the job could produce as record indices (smaller first), in ascending order (for blocking recall).</summary>
    /// <returns>The pairs.</returns>
    public IReadOnlyList<(int A, int B)> RecordPairs()
    {
        var keys = _pairs.ToArray();
        Array.Sort(keys);
        var pairs = new (int A, int B)[keys.Length];
        for (var i = 0; i < keys.Length; i++) pairs[i] = ((int)(keys[i] >> 32), (int)(uint)keys[i]);
        return pairs;
    }

    /// <summary>The job's truth: the pairs file when given, else the cluster column when configured, else none.</summary>
    /// <param name="prepared">The job's prepared records.</param>
    /// <param name="truthPairsPath">A truth pairs CSV, or null.</param>
    /// <returns>The index, or null when the job has no truth.</returns>
    public static TruthIndex? For(PreparedLinkage prepared, string? truthPairsPath)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var records = prepared.Records;
        var cross = prepared.IsCrossSourceOnly;
        bool Allowed(int a, int b) => a != b && (!cross || records.SourceOf(a) != records.SourceOf(b));
        if (truthPairsPath is not null)
        {
            var set = TruthPairSet.Load(truthPairsPath);
            var pairs = new HashSet<long>(set.Count);
            var sources = records.SourceNames.Count;
            foreach (var (x, y) in set.Pairs)
                for (var sx = 0; sx < sources; sx++)
                {
                    var i = records.Find(sx, x);
                    if (i < 0) continue;
                    for (var sy = 0; sy < sources; sy++)
                    {
                        var j = records.Find(sy, y);
                        if (j >= 0 && Allowed(i, j)) pairs.Add(PairKey(i, j));
                    }
                }

            return new TruthIndex(pairs, set.Count, truthPairsPath);
        }

        if (prepared.TruthClusters is not { } clusters) return null;
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Length; i++)
        {
            if (clusters[i] is not { } c) continue;
            if (!groups.TryGetValue(c, out var list)) groups[c] = list = [];
            list.Add(i);
        }

        var truth = new HashSet<long>();
        foreach (var list in groups.Values)
            for (var a = 0; a < list.Count; a++)
                for (var b = a + 1; b < list.Count; b++)
                    if (Allowed(list[a], list[b])) truth.Add(PairKey(list[a], list[b]));
        return new TruthIndex(truth, truth.Count, $"cluster column '{prepared.Config.Truth?.ClusterColumn}'");
    }

    /// <summary>Unordered key of a record-index pair.</summary>
    internal static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
