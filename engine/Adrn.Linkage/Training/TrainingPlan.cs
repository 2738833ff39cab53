using Adrn.Linkage.Comparison;
using Adrn.Linkage.Blocking;
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
    private TrainingPlan(PreparedLinkage prepared, ComparisonSet comparisons, int partitions, IReadOnlyList<TrainingRound> rounds)
    {
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

    /// <summary>Blocking partitions per EM round (and for lambda counting).</summary>
    public int Partitions { get; }

    /// <summary>The EM rounds that estimate at least one m, in config order.</summary>
    public IReadOnlyList<TrainingRound> Rounds { get; }

    /// <summary>Total counting units: the sum of the rounds' partitions (0 when every m is hand-set).</summary>
    public int CountingUnitCount { get; }

    /// <summary>Plans the training of a job. Cheap: the rounds' blocking plans are built on first use.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="comparisons">Comparisons.</param>
    /// <param name="partitions">Blocking partitions per EM round (at least 1).</param>
    /// <returns>The plan.</returns>
    public static TrainingPlan Create(PreparedLinkage prepared, ComparisonSet comparisons, int partitions = 64)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
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

        return new TrainingPlan(prepared, comparisons, partitions, rounds);
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
