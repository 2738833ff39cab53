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
}
