using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Scoring;

namespace Adrn.Linkage;

/// <summary>
/// Scores the candidate pairs of a partition: the pipeline's pluggable scoring stage. The Fellegi–Sunter scorer
/// (<see cref="FellegiSunterScorer"/>) is the default; the learned scorer of Adrn.Learning implements it too. A run
/// calls <see cref="Prepare"/> once where the job's records are (in process, or on the coordinator), after blocking and
/// Fellegi–Sunter training and before any partition is scored; a worker that holds only partition slices calls
/// <see cref="Open"/> to load what <see cref="Prepare"/> wrote. <see cref="Score"/> is then called for every partition,
/// possibly on several threads at once.
/// </summary>
public interface IPairScorer
{
    /// <summary>Which scorer this is (written to <c>report.json</c> as <c>scorer</c>).</summary>
    PairScorerKind Kind { get; }

    /// <summary>Trains or loads the scorer for the run's records and writes its model files into the context's folder.</summary>
    /// <param name="context">The run's prepared records, comparisons, blocking plan and output folder.</param>
    /// <returns>Files written (for example <c>learned-model.zip</c> and <c>learned-model.json</c>), by output name.</returns>
    IReadOnlyDictionary<string, IReadOnlyList<string>> Prepare(PairScoringContext context);

    /// <summary>Loads the files <see cref="Prepare"/> wrote into the context's folder (on a worker, or a coordinator resuming after training).</summary>
    /// <param name="context">The node's view of the job: at least the value tables and comparisons; the blocking plan may be null.</param>
    /// <returns>The files loaded, by output name (as <see cref="Prepare"/> returned them).</returns>
    IReadOnlyDictionary<string, IReadOnlyList<string>> Open(PairScoringContext context);

    /// <summary>Compares and scores every candidate pair of one partition, keeping those at or above <paramref name="minProbability"/>. Thread-safe.</summary>
    /// <param name="partition">A partition over the job's records or a slice of them.</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <returns>The kept pairs in any order, indexed in <see cref="BlockingPartition.Records"/>, with the gammas of every comparison.</returns>
    ScoredPairBatch Score(BlockingPartition partition, double minProbability);
}
