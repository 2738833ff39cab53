using System.Runtime.CompilerServices;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Scoring;

/// <summary>
/// Scored pairs in columnar form (one array per output column), as produced per partition and merged. Gammas
/// are stored row-major: pair i's gamma for comparison c is <c>Gammas[i * ComparisonCount + c]</c>.
/// </summary>
public sealed class ScoredPairBatch
{
    /// <summary>Creates a batch from arrays (the first <paramref name="count"/> entries are used).</summary>
    /// <param name="comparisonCount">Gamma vector length.</param>
    /// <param name="left">Left record indices.</param>
    /// <param name="right">Right record indices.</param>
    /// <param name="weight">Match weights.</param>
    /// <param name="probability">Match probabilities.</param>
    /// <param name="gammas">Gammas, row-major.</param>
    /// <param name="rules">Per pair: index of the blocking rule that first produced it (the <c>match_key</c>), or -1 when unknown.</param>
    /// <param name="count">Number of pairs.</param>
    public ScoredPairBatch(int comparisonCount, int[] left, int[] right, double[] weight, double[] probability, sbyte[] gammas, sbyte[] rules, int count)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(probability);
        ArgumentNullException.ThrowIfNull(gammas);
        ArgumentNullException.ThrowIfNull(rules);
        ComparisonCount = comparisonCount;
        Left = left;
        Right = right;
        Weight = weight;
        Probability = probability;
        Gammas = gammas;
        Rules = rules;
        Count = count;
    }

    /// <summary>Gamma vector length.</summary>
    public int ComparisonCount { get; }

    /// <summary>Number of pairs.</summary>
    public int Count { get; }

    /// <summary>Left record index per pair.</summary>
    public int[] Left { get; }

    /// <summary>Right record index per pair.</summary>
    public int[] Right { get; }

    /// <summary>Match weight per pair.</summary>
    public double[] Weight { get; }

    /// <summary>Match probability per pair.</summary>
    public double[] Probability { get; }

    /// <summary>Gammas, row-major.</summary>
    public sbyte[] Gammas { get; }

    /// <summary>Per pair: index of the blocking rule that first produced it (written as <c>match_key</c>), -1 when unknown.</summary>
    public sbyte[] Rules { get; }

    /// <summary>
    /// Per pair: the resolved (register-aware posterior) probability when <c>resolution.register_posterior</c> is on
    /// (see <see cref="Resolution.RegisterPosterior"/>), else null. Written as <c>resolved_probability</c> in links.
    /// </summary>
    public double[]? Resolved { get; private init; }

    /// <summary>The probability a link of this pair is judged by: the resolved probability when there is one, else the pairwise one.</summary>
    /// <param name="pair">Pair index.</param>
    /// <returns>The probability.</returns>
    public double LinkProbability(int pair) => Resolved is { } resolved ? resolved[pair] : Probability[pair];

    /// <summary>The same pairs with resolved probabilities attached (arrays are shared, not copied).</summary>
    /// <param name="resolved">One probability per pair.</param>
    /// <returns>The batch.</returns>
    public ScoredPairBatch WithResolved(double[] resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        if (resolved.Length < Count) throw new ArgumentException($"{resolved.Length} resolved probabilities for {Count} pairs", nameof(resolved));
        return new ScoredPairBatch(ComparisonCount, Left, Right, Weight, Probability, Gammas, Rules, Count) { Resolved = resolved };
    }

    /// <summary>An empty batch.</summary>
    /// <param name="comparisonCount">Gamma vector length.</param>
    /// <returns>The batch.</returns>
    public static ScoredPairBatch Empty(int comparisonCount) => new(comparisonCount, [], [], [], [], [], [], 0);

    /// <summary>
    /// Concatenates batches and sorts the pairs by (left rank, right rank) — ranks from
    /// <see cref="RecordTable.IdRank"/>, i.e. by (source, id) — so the result is the same whatever the
    /// number or order of partitions.
    /// </summary>
    /// <param name="batches">Batches to merge (record indices of the job's table).</param>
    /// <param name="idRank">Per record: its rank in (source, id) order.</param>
    /// <param name="comparisonCount">Gamma vector length.</param>
    /// <returns>The merged, sorted batch.</returns>
    public static ScoredPairBatch Merge(IReadOnlyList<ScoredPairBatch> batches, int[] idRank, int comparisonCount)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(idRank);
        long total = 0;
        foreach (var b in batches) total += b.Count;
        var n = checked((int)total);
        var keys = new ulong[n];
        var where = new long[n];
        var i = 0;
        for (var bi = 0; bi < batches.Count; bi++)
        {
            var b = batches[bi];
            for (var j = 0; j < b.Count; j++)
            {
                keys[i] = ((ulong)(uint)idRank[b.Left[j]] << 32) | (uint)idRank[b.Right[j]];
                where[i++] = ((long)bi << 32) | (uint)j;
            }
        }

        Array.Sort(keys, where);
        var merged = new ScoredPairBatchBuilder(comparisonCount, n);
        for (i = 0; i < n; i++)
        {
            var b = batches[(int)(where[i] >> 32)];
            merged.AddRow(b, (int)(where[i] & 0xFFFFFFFF));
        }

        return merged.Build();
    }

    /// <summary>
    /// This batch in the order the finish stage merges partitions by: sorted by the (source, id) ranks of left then
    /// right record, with record indices of the job's table (a slice's local indices are mapped through
    /// <see cref="RecordTable.GlobalIndex"/>).
    /// </summary>
    /// <param name="records">The records the batch's indices refer to.</param>
    /// <returns>The sorted batch (this batch when it is already sorted and indexes the job's table).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ScoredPairBatch ToMergeOrder(RecordTable records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rank = records.IdRank;
        var keys = new ulong[Count];
        var order = new int[Count];
        var sorted = true;
        for (var i = 0; i < Count; i++)
        {
            keys[i] = ((ulong)(uint)rank[Left[i]] << 32) | (uint)rank[Right[i]];
            order[i] = i;
            if (i > 0 && keys[i] < keys[i - 1]) sorted = false;
        }

        if (sorted && !records.IsSlice) return this;
        if (!sorted) Blocking.KeySort.Sort(keys, order);
        var result = new ScoredPairBatchBuilder(ComparisonCount, Count);
        foreach (var row in order) result.AddRow(this, row);
        var batch = result.Build();
        if (records.GlobalIndex is { } global)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                batch.Left[i] = global[batch.Left[i]];
                batch.Right[i] = global[batch.Right[i]];
            }
        }

        return batch;
    }

    /// <summary>A batch holding the selected pairs, in the given order.</summary>
    /// <param name="rows">Row indices to keep.</param>
    /// <returns>The new batch.</returns>
    public ScoredPairBatch Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new ScoredPairBatchBuilder(ComparisonCount, rows.Count);
        for (var i = 0; i < rows.Count; i++) result.AddRow(this, rows[i]);
        var batch = result.Build();
        if (Resolved is not { } resolved) return batch;
        var selected = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++) selected[i] = resolved[rows[i]];
        return batch.WithResolved(selected);
    }
}
