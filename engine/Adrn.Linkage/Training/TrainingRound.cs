using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Training;

/// <summary>
/// One EM round of a <see cref="TrainingPlan"/>: the round's blocking rule cut into partitions, and which
/// comparisons it estimates (those on the rule's own columns are left out, since blocking forces them to agree).
/// </summary>
public sealed class TrainingRound
{
    private readonly Lazy<BlockingPlan> _plan;
    private readonly bool[] _active;

    internal TrainingRound(int number, EmRoundConfig config, bool[] active, int firstUnit, int partitionCount, Func<BlockingPlan> buildPlan)
    {
        Number = number;
        Config = config;
        _active = active;
        FirstUnit = firstUnit;
        PartitionCount = partitionCount;
        // Built on first use: a node that only scores (the model is already trained) never pays for it.
        _plan = new Lazy<BlockingPlan>(buildPlan, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>1-based position of the round in <c>training.em_rounds</c> (rounds that estimate nothing are not in the plan).</summary>
    public int Number { get; }

    /// <summary>The round's configuration (blocking rule, iteration limit, tolerance).</summary>
    public EmRoundConfig Config { get; }

    /// <summary>Per comparison: true when this round estimates its m.</summary>
    public IReadOnlyList<bool> Active => _active;

    /// <summary>Index of the round's first counting unit in the plan; its units are <c>FirstUnit</c> to <c>FirstUnit + PartitionCount - 1</c>.</summary>
    public int FirstUnit { get; }

    /// <summary>Number of blocking partitions (counting units) of the round.</summary>
    public int PartitionCount { get; }

    /// <summary>The round's blocking plan (built on first use, then cached; thread-safe).</summary>
    public BlockingPlan Plan => _plan.Value;

    internal bool[] ActiveMask => _active;
}
