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
    /// <param name="count">Number of pairs.</param>
    public ScoredPairBatch(int comparisonCount, int[] left, int[] right, double[] weight, double[] probability, sbyte[] gammas, int count)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(probability);
        ArgumentNullException.ThrowIfNull(gammas);
        ComparisonCount = comparisonCount;
        Left = left;
        Right = right;
        Weight = weight;
        Probability = probability;
        Gammas = gammas;
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
        return new ScoredPairBatch(ComparisonCount, Left, Right, Weight, Probability, Gammas, Count) { Resolved = resolved };
    }

    /// <summary>An empty batch.</summary>
    /// <param name="comparisonCount">Gamma vector length.</param>
    /// <returns>The batch.</returns>
    public static ScoredPairBatch Empty(int comparisonCount) => new(comparisonCount, [], [], [], [], [], 0);

    /// <summary>
    /// Concatenates batches and sorts the pairs by (left rank, right rank) — ranks from
    /// <see cref="Preparation.RecordTable.IdRank"/>, i.e. by (source, id) — so the result is the same whatever the
    /// number or order of partitions.
    /// </summary>
    /// <param name="batches">Batches to merge.</param>
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
        var left = new int[n];
        var right = new int[n];
        var weight = new double[n];
        var prob = new double[n];
        var gammas = new sbyte[(long)n * comparisonCount];
        for (i = 0; i < n; i++)
        {
            var b = batches[(int)(where[i] >> 32)];
            var j = (int)(where[i] & 0xFFFFFFFF);
            left[i] = b.Left[j];
            right[i] = b.Right[j];
            weight[i] = b.Weight[j];
            prob[i] = b.Probability[j];
            Array.Copy(b.Gammas, (long)j * comparisonCount, gammas, (long)i * comparisonCount, comparisonCount);
        }

        return new ScoredPairBatch(comparisonCount, left, right, weight, prob, gammas, n);
    }

    /// <summary>A batch holding the selected pairs, in the given order.</summary>
    /// <param name="rows">Row indices to keep.</param>
    /// <returns>The new batch.</returns>
    public ScoredPairBatch Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var n = rows.Count;
        var k = ComparisonCount;
        var left = new int[n];
        var right = new int[n];
        var weight = new double[n];
        var prob = new double[n];
        var gammas = new sbyte[(long)n * k];
        var resolved = Resolved is null ? null : new double[n];
        for (var i = 0; i < n; i++)
        {
            var j = rows[i];
            left[i] = Left[j];
            right[i] = Right[j];
            weight[i] = Weight[j];
            prob[i] = Probability[j];
            if (resolved is not null) resolved[i] = Resolved![j];
            Array.Copy(Gammas, (long)j * k, gammas, (long)i * k, k);
        }

        return new ScoredPairBatch(k, left, right, weight, prob, gammas, n) { Resolved = resolved };
    }
}
