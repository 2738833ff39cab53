using Adrn.Linkage.Scoring;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage;

/// <summary>
/// A replacement for the Fellegi–Sunter scoring of <see cref="LinkageJob.Run"/> (set
/// <see cref="LinkageRunOptions.PairScorer"/>): the learned scorer of Adrn.Learning implements it. The run calls
/// <see cref="Prepare"/> once, after blocking and Fellegi–Sunter training and before any partition is scored, then
/// <see cref="Score"/> for every partition, possibly in parallel.
/// </summary>
public interface IPairScorer
{
    /// <summary>Which scorer this is (written to <c>report.json</c> as <c>scorer</c>).</summary>
    PairScorerKind Kind { get; }

    /// <summary>Trains or loads the scorer for this run's records and writes its model files.</summary>
    /// <param name="context">The run's prepared records, comparisons, blocking plan and output folder.</param>
    /// <returns>Files written (for example <c>learned-model.zip</c> and <c>learned-model.json</c>), by output name.</returns>
    IReadOnlyDictionary<string, IReadOnlyList<string>> Prepare(PairScoringContext context);

    /// <summary>Compares and scores every candidate pair of one partition, keeping those at or above <paramref name="minProbability"/>.</summary>
    /// <param name="prepared">The prepared records given to <see cref="Prepare"/>.</param>
    /// <param name="partition">A partition of the plan given to <see cref="Prepare"/>.</param>
    /// <param name="minProbability">Pairs below this probability are dropped (0 keeps all).</param>
    /// <returns>The kept pairs in enumeration order, with the gammas of every comparison.</returns>
    ScoredPairBatch Score(PreparedLinkage prepared, BlockingPartition partition, double minProbability);
}
