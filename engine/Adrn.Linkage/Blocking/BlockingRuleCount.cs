namespace Adrn.Linkage.Blocking;

/// <summary>Comparison counts of one blocking rule.</summary>
public sealed record BlockingRuleCount
{
    /// <summary>Rule name.</summary>
    public required string Rule { get; init; }

    /// <summary>Pairs the rule's key groups produce on their own (from group sizes).</summary>
    public required long ComparisonsAlone { get; init; }

    /// <summary>Pairs the rule adds, excluding pairs an earlier rule produces (-1 when not computed because a cap was exceeded).</summary>
    public required long ComparisonsAdded { get; init; }

    /// <summary>Running total of <see cref="ComparisonsAdded"/> up to and including this rule (-1 when not computed).</summary>
    public required long Cumulative { get; init; }

    /// <summary>Number of key groups with at least one pair.</summary>
    public required long Groups { get; init; }

    /// <summary>The largest key groups by pair count, largest first.</summary>
    public required IReadOnlyList<BlockSize> LargestBlocks { get; init; }

    /// <summary>With truth: true pairs the rule produces on its own (null without truth).</summary>
    public long? TruthPairsAlone { get; init; }

    /// <summary>With truth: true pairs the rule adds (no earlier rule produces them); their share of all true pairs is its marginal recall.</summary>
    public long? TruthPairsAdded { get; init; }

    /// <summary>With truth: true pairs no other rule produces (lost if the rule were dropped).</summary>
    public long? TruthPairsOnly { get; init; }

    /// <summary>With truth: share of all true pairs produced by this rule and the earlier ones.</summary>
    public double? CumulativeRecall { get; init; }
}
