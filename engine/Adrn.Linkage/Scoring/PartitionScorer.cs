using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;

namespace Adrn.Linkage.Scoring;

/// <summary>Stage 6: compares and scores every candidate pair of one blocking partition with the Fellegi–Sunter model.</summary>
public static class PartitionScorer
{
    /// <summary>
    /// Scores the partition's pairs and keeps those with probability at or above <paramref name="minProbability"/>,
    /// with a comparer of its own (for one-off calls; a scoring loop keeps one comparer per thread instead).
    /// </summary>
    /// <param name="partition">The partition (over the job's records or a slice of them).</param>
    /// <param name="model">The model bound to the job's comparisons.</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <returns>The kept pairs, in enumeration order, indexed in <see cref="BlockingPartition.Records"/>.</returns>
    public static ScoredPairBatch Score(BlockingPartition partition, ScoringModel model, double minProbability)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(model);
        return Score(partition, model, minProbability, model.Comparisons.CreateComparer(partition.PairUpperBound));
    }

    /// <summary>
    /// Scores the partition's pairs with a comparer the caller keeps across partitions (one per thread: a comparer
    /// is not thread-safe). The comparer is bound to the partition's records; its value-pair caches are keyed by
    /// value ids, so they stay valid from one partition (or slice) to the next and are neither reallocated nor cleared.
    /// </summary>
    /// <param name="partition">The partition (over the job's records or a slice of them).</param>
    /// <param name="model">The model bound to the job's comparisons.</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <param name="comparer">A comparer of the model's comparison set, used by this thread only.</param>
    /// <returns>The kept pairs, in enumeration order, indexed in <see cref="BlockingPartition.Records"/>.</returns>
    public static ScoredPairBatch Score(BlockingPartition partition, ScoringModel model, double minProbability, PairComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(comparer);
        if (!ReferenceEquals(comparer.Set, model.Comparisons))
            throw new ArgumentException("the comparer belongs to a different comparison set than the model", nameof(comparer));
        comparer.Bind(partition.Records);
        // Probability >= p  <=>  weight >= log2(p / (1 - p)); comparing weights avoids a pow per pair.
        var minWeight = MinimumWeight(minProbability);
        var visitor = new Visitor(model, comparer, minWeight, (int)Math.Min(partition.PairUpperBound, 1 << 16));
        partition.ForEachPair(ref visitor);
        return visitor.Pairs.Build();
    }

    /// <summary>The match weight that a probability threshold corresponds to (log2 odds).</summary>
    /// <param name="minProbability">Probability threshold; 0 keeps everything.</param>
    /// <returns>The weight threshold.</returns>
    public static double MinimumWeight(double minProbability) =>
        minProbability <= 0 ? double.NegativeInfinity : minProbability >= 1 ? double.PositiveInfinity : Math.Log2(minProbability / (1 - minProbability));

    /// <summary>Scores pairs into growable column arrays: amortised growth, nothing allocated per pair.</summary>
    private readonly struct Visitor(ScoringModel model, PairComparer comparer, double minWeight, int capacity) : IPairVisitor
    {
        private readonly sbyte[] _gammas = new sbyte[comparer.Count];

        public ScoredPairBatchBuilder Pairs { get; } = new(comparer.Count, capacity);

        public void Visit(int left, int right, int rule)
        {
            var g = _gammas.AsSpan();
            comparer.Compare(left, right, g);
            var w = model.MatchWeight(comparer, left, g);
            if (w < minWeight) return;
            Pairs.Add(left, right, w, ScoringModel.Probability(w), g, rule);
        }
    }
}
