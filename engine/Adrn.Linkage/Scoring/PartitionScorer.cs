using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Scoring;

/// <summary>Stage 6: compares and scores every candidate pair of one blocking partition.</summary>
public static class PartitionScorer
{
    /// <summary>
    /// Scores the partition's pairs and keeps those with probability at or above <paramref name="minProbability"/>.
    /// </summary>
    /// <param name="prepared">Prepared records (must be those the model was bound to).</param>
    /// <param name="partition">The partition.</param>
    /// <param name="model">The bound model.</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <returns>The kept pairs, in enumeration order.</returns>
    public static ScoredPairBatch Score(PreparedLinkage prepared, BlockingPartition partition, ScoringModel model, double minProbability)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(model);
        return Score(prepared, partition, model, minProbability, model.Comparisons.CreateComparer(partition.PairUpperBound));
    }

    /// <summary>
    /// Scores the partition's pairs with a comparer the caller keeps across partitions (one per thread: a comparer
    /// is not thread-safe). Its value-pair caches are keyed by value ids, so they stay valid from one partition to
    /// the next and are neither reallocated nor cleared.
    /// </summary>
    /// <param name="prepared">Prepared records (must be those the model was bound to).</param>
    /// <param name="partition">The partition.</param>
    /// <param name="model">The bound model.</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <param name="comparer">A comparer of the model's comparison set, used by this thread only.</param>
    /// <returns>The kept pairs, in enumeration order.</returns>
    public static ScoredPairBatch Score(PreparedLinkage prepared, BlockingPartition partition, ScoringModel model, double minProbability, PairComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(comparer);
        if (!ReferenceEquals(prepared, model.Prepared))
            throw new ArgumentException("the model is bound to different prepared records", nameof(model));
        if (!ReferenceEquals(comparer.Set, model.Comparisons))
            throw new ArgumentException("the comparer belongs to a different comparison set than the model", nameof(comparer));
        // Probability >= p  <=>  weight >= log2(p / (1 - p)); comparing weights avoids a pow per pair.
        var minWeight = minProbability <= 0 ? double.NegativeInfinity : minProbability >= 1 ? double.PositiveInfinity : Math.Log2(minProbability / (1 - minProbability));
        var visitor = new Visitor(model, comparer, minWeight);
        partition.ForEachPair(ref visitor);
        return visitor.ToBatch();
    }

    /// <summary>
    /// Scores every partition of the plan in parallel, one comparer per Parallel.For worker task kept across the partitions it takes (as
    /// <see cref="LinkageJob.Run(Configuration.LinkageJobConfig, string, LinkageRunOptions, IProgress{LinkageProgress}?, CancellationToken)"/> does).
    /// </summary>
    /// <param name="prepared">Prepared records (must be those the model was bound to).</param>
    /// <param name="plan">The blocking plan.</param>
    /// <param name="model">The bound model.</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <param name="maxDegreeOfParallelism">Threads; -1 for one per core.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>One batch per partition, in partition order.</returns>
    public static ScoredPairBatch[] ScoreAll(PreparedLinkage prepared, BlockingPlan plan, ScoringModel model, double minProbability,
        int maxDegreeOfParallelism = -1, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        var threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var batches = new ScoredPairBatch[plan.Partitions.Count];
        var pairsPerThread = plan.Partitions.Sum(x => x.PairUpperBound) / threads;
        Parallel.For(0, plan.Partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct },
            () => model.Comparisons.CreateComparer(pairsPerThread),
            (p, _, comparer) =>
            {
                batches[p] = Score(prepared, plan.Partitions[p], model, minProbability, comparer);
                return comparer;
            },
            _ => { });
        return batches;
    }

    /// <summary>Scores pairs into growable column arrays: amortised growth, nothing allocated per pair.</summary>
    private struct Visitor : IPairVisitor
    {
        private readonly ScoringModel _model;
        private readonly PairComparer _comparer;
        private readonly double _minWeight;
        private readonly sbyte[] _gammas;
        private readonly int _k;
        private int[] _left;
        private int[] _right;
        private double[] _weight;
        private sbyte[] _allGammas;
        private int _count;

        public Visitor(ScoringModel model, PairComparer comparer, double minWeight)
        {
            _model = model;
            _comparer = comparer;
            _minWeight = minWeight;
            _k = comparer.Count;
            _gammas = new sbyte[_k];
            _left = new int[256];
            _right = new int[256];
            _weight = new double[256];
            _allGammas = new sbyte[256 * _k];
            _count = 0;
        }

        public void Visit(int left, int right, int rule)
        {
            var g = _gammas.AsSpan();
            _comparer.Compare(left, right, g);
            var w = _model.MatchWeight(left, right, g);
            if (w < _minWeight) return;
            if (_count == _left.Length) Grow();
            _left[_count] = left;
            _right[_count] = right;
            _weight[_count] = w;
            g.CopyTo(_allGammas.AsSpan(_count * _k, _k));
            _count++;
        }

        private void Grow()
        {
            var n = _left.Length * 2;
            Array.Resize(ref _left, n);
            Array.Resize(ref _right, n);
            Array.Resize(ref _weight, n);
            Array.Resize(ref _allGammas, n * _k);
        }

        public readonly ScoredPairBatch ToBatch()
        {
            var prob = new double[_count];
            for (var i = 0; i < _count; i++) prob[i] = ScoringModel.Probability(_weight[i]);
            return new ScoredPairBatch(_k, _left, _right, _weight, prob, _allGammas, _count);
        }
    }
}
