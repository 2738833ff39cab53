using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Scoring;

/// <summary>
/// The default scoring stage: the Fellegi–Sunter model's match weight of every candidate pair. Thread-safe: each
/// call borrows a <see cref="PairComparer"/> from a pool and gives it back, so a thread's value-pair caches are
/// reused from partition to partition without being shared between threads.
/// </summary>
public sealed class FellegiSunterScorer : IPairScorer
{
    private readonly PairComparerPool _comparers;

    /// <summary>Creates the scorer for a bound model.</summary>
    /// <param name="model">The model bound to the job's comparisons.</param>
    /// <param name="comparers">Comparers of the model's comparison set to borrow from (shared with other work of the run), or null for a pool of its own.</param>
    public FellegiSunterScorer(ScoringModel model, PairComparerPool? comparers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (comparers is not null && !ReferenceEquals(comparers.Comparisons, model.Comparisons))
            throw new ArgumentException("the comparer pool belongs to a different comparison set than the model", nameof(comparers));
        Model = model;
        _comparers = comparers ?? new PairComparerPool(model.Comparisons);
    }

    /// <summary>The bound model.</summary>
    public ScoringModel Model { get; }

    /// <inheritdoc />
    public PairScorerKind Kind => PairScorerKind.FellegiSunter;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Prepare(PairScoringContext context) => new Dictionary<string, IReadOnlyList<string>>();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Open(PairScoringContext context) => new Dictionary<string, IReadOnlyList<string>>();

    /// <inheritdoc />
    public ScoredPairBatch Score(BlockingPartition partition, double minProbability)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return _comparers.With(comparer => PartitionScorer.Score(partition, Model, minProbability, comparer));
    }
}
