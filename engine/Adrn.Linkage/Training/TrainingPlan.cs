using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Training;

/// <summary>
/// The training of a job as units of work: the EM rounds, each cut into blocking partitions ("counting units").
/// Count each unit anywhere with <see cref="CountUnit(int)"/> (the histograms are small), merge the histograms of each
/// round by addition in any order, then call <see cref="ModelTrainer.Finish"/> on one machine: it samples u,
/// estimates lambda and runs EM. The model does not depend on where or in which order the units were counted
/// (merging is exact integer addition and EM visits patterns in sorted order).
/// </summary>
public sealed class TrainingPlan
{
    private readonly Lazy<Task<TrainingPrior>> _prior;

    private TrainingPlan(PreparedLinkage prepared, ComparisonSet comparisons, int partitions, IReadOnlyList<TrainingRound> rounds, long? deterministicRulePairs)
    {
        DeterministicRulePairs = deterministicRulePairs;
        _prior = new Lazy<Task<TrainingPrior>>(() => Task.Run(() => ModelTrainer.EstimatePrior(this)), LazyThreadSafetyMode.ExecutionAndPublication);
        Prepared = prepared;
        Comparisons = comparisons;
        Partitions = partitions;
        Rounds = rounds;
        CountingUnitCount = rounds.Sum(r => r.PartitionCount);
    }

    /// <summary>The prepared records.</summary>
    public PreparedLinkage Prepared { get; }

    /// <summary>The comparisons.</summary>
    public ComparisonSet Comparisons { get; }

    /// <summary>Blocking partitions per EM round, i.e. counting units per round (and partitions for lambda counting).</summary>
    public int Partitions { get; }

    /// <summary>The EM rounds that estimate at least one m, in config order.</summary>
    public IReadOnlyList<TrainingRound> Rounds { get; }

    /// <summary>
    /// The number of pairs agreeing on <c>training.deterministic_rules</c> (lambda's numerator) when the job's blocking
    /// already counted them, because those rules are the first of <c>blocking_rules</c>, in order: then lambda needs no
    /// blocking of its own. Null otherwise (the rules are blocked when lambda is estimated, or an EM round's plan of the
    /// same single rule is counted).
    /// </summary>
    public long? DeterministicRulePairs { get; }

    /// <summary>Total counting units: the sum of the rounds' partitions (0 when every m is hand-set).</summary>
    public int CountingUnitCount { get; }

    /// <summary>
    /// Plans the training of a job. Cheap: the rounds' blocking plans are built on first use. Each EM round is cut into
    /// <see cref="CountingPartitions"/>(<paramref name="partitions"/>) counting units: an EM round's pairs are fewer than
    /// the job's and counting them is cheap, so a unit per scoring partition would spend more on tasks (a journal event,
    /// a result file, a slice for a remote worker each) than on counting.
    /// </summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="comparisons">Comparisons.</param>
    /// <param name="partitions">The job's blocking partitions (at least 1).</param>
    /// <param name="blocking">The job's blocking report, when the job has been blocked: its per-rule counts may give
    /// lambda's pair count (<see cref="DeterministicRulePairs"/>).</param>
    /// <returns>The plan.</returns>
    public static TrainingPlan Create(PreparedLinkage prepared, ComparisonSet comparisons, int partitions = 64, BlockingReport? blocking = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        partitions = CountingPartitions(partitions);
        var cfg = comparisons.Configs;
        var k = cfg.Count;
        var rounds = new List<TrainingRound>();
        var number = 0;
        var firstUnit = 0;
        foreach (var round in prepared.Config.Training.EmRounds)
        {
            number++;
            var active = new bool[k];
            var ruleColumns = round.BlockingRule.Parts.Select(p => p.Column).ToHashSet(StringComparer.Ordinal);
            for (var c = 0; c < k; c++)
                active[c] = cfg[c].FixedM is null && !ruleColumns.Contains(cfg[c].Column) &&
                            !cfg[c].Levels.Any(l => l.OtherColumn is not null && ruleColumns.Contains(l.OtherColumn));
            if (!active.Any(a => a)) continue;
            var rule = round.BlockingRule;
            rounds.Add(new TrainingRound(number, round, active, firstUnit, partitions, () => BlockingPlan.Build(prepared, [rule], partitions)));
            firstUnit += partitions;
        }

        return new TrainingPlan(prepared, comparisons, partitions, rounds, DeterministicPairsOf(prepared.Config, blocking));
    }

    private static long? DeterministicPairsOf(LinkageJobConfig config, BlockingReport? blocking)
    {
        var rules = config.Training.DeterministicRules;
        if (blocking is null || rules.Count == 0 || rules.Count > config.BlockingRules.Count || blocking.Rules.Count != config.BlockingRules.Count) return null;
        long pairs = 0;
        for (var r = 0; r < rules.Count; r++)
        {
            // The union of the first rules' pairs is the sum of what each added to the ones before it.
            if (!rules[r].SamePairsAs(config.BlockingRules[r]) || blocking.Rules[r].ComparisonsAdded < 0) return null;
            pairs += blocking.Rules[r].ComparisonsAdded;
        }

        return pairs;
    }

    /// <summary>An EM round's blocking plan for <paramref name="rules"/> when they are one rule of a round (null otherwise).</summary>
    /// <param name="rules">Blocking rules.</param>
    /// <returns>The round's plan (built now if it was not yet), or null.</returns>
    internal BlockingPlan? RoundPlanOf(IReadOnlyList<BlockingRuleConfig> rules) =>
        rules.Count == 1 && Rounds.FirstOrDefault(r => r.Config.BlockingRule.SamePairsAs(rules[0])) is { } round ? round.Plan : null;

    /// <summary>
    /// Starts sampling u and estimating lambda in the background, if not started yet: they need the prepared records,
    /// not the counts, so a driver starts them when counting starts and <see cref="ModelTrainer.Finish"/> waits for them
    /// (starting them itself when no driver did). The estimate is seeded, so when it runs does not change it.
    /// </summary>
    public void StartPrior() => _ = _prior.Value;

    /// <summary>The u and lambda estimate (<see cref="StartPrior"/>), waited for.</summary>
    internal TrainingPrior Prior(CancellationToken ct) => _prior.Value.WaitAsync(ct).GetAwaiter().GetResult();

    /// <summary>Counting units per EM round for a job of <paramref name="partitions"/> blocking partitions: a quarter as many, at least 1.</summary>
    /// <param name="partitions">The job's blocking partitions (at least 1).</param>
    /// <returns>The units per round.</returns>
    public static int CountingPartitions(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return (partitions + 3) / 4;
    }

    /// <summary>The round a counting unit belongs to, and the unit's partition within the round.</summary>
    /// <param name="unit">Counting unit, 0 to <see cref="CountingUnitCount"/> - 1.</param>
    /// <returns>Index into <see cref="Rounds"/> and the partition index.</returns>
    public (int Round, int Partition) Locate(int unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, CountingUnitCount);
        for (var r = 0; r < Rounds.Count; r++)
            if (unit < Rounds[r].FirstUnit + Rounds[r].PartitionCount)
                return (r, unit - Rounds[r].FirstUnit);
        throw new InvalidOperationException("unreachable: the units cover every round");
    }

    /// <summary>Counts the agreement patterns of one counting unit (one partition of one EM round).</summary>
    /// <param name="unit">Counting unit, 0 to <see cref="CountingUnitCount"/> - 1.</param>
    /// <returns>The unit's histogram; add the histograms of a round's units to get the round's counts.</returns>
    public AgreementPatternCounts CountUnit(int unit)
    {
        var (round, partition) = Locate(unit);
        return AgreementPatternCounter.Count(Rounds[round].Plan.Partitions[partition], Comparisons);
    }

    /// <summary>The blocking partition a counting unit compares (of its round's plan).</summary>
    /// <param name="unit">Counting unit, 0 to <see cref="CountingUnitCount"/> - 1.</param>
    /// <returns>The partition.</returns>
    public Blocking.BlockingPartition UnitPartition(int unit)
    {
        var (round, partition) = Locate(unit);
        return Rounds[round].Plan.Partitions[partition];
    }

    /// <summary>Counts one unit with a comparer of <see cref="Comparisons"/> that the calling thread keeps across units.</summary>
    /// <param name="unit">Counting unit, 0 to <see cref="CountingUnitCount"/> - 1.</param>
    /// <param name="comparer">A comparer of <see cref="Comparisons"/>, used by this thread only.</param>
    /// <returns>The unit's histogram.</returns>
    public AgreementPatternCounts CountUnit(int unit, PairComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        if (!ReferenceEquals(comparer.Set, Comparisons))
            throw new ArgumentException("the comparer belongs to a different comparison set than the plan", nameof(comparer));
        var (round, partition) = Locate(unit);
        return AgreementPatternCounter.Count(Rounds[round].Plan.Partitions[partition], comparer);
    }
}
