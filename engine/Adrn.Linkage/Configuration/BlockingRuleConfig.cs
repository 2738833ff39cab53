namespace Adrn.Linkage.Configuration;

/// <summary>
/// A blocking rule. <see cref="BlockingRuleKind.Keys"/>: a pair is a candidate when every part agrees (and no part is
/// null; a multi-key part agrees when any of its keys does). <see cref="BlockingRuleKind.SortedNeighbourhood"/>: the
/// parts form a sort key and records whose key values are fewer than <see cref="Window"/> places apart are candidates.
/// </summary>
public sealed record BlockingRuleConfig
{
    /// <summary>Name used in reports and error messages (default: the parts joined by <c> &amp; </c>).</summary>
    public required string Name { get; init; }

    /// <summary>The AND-ed key parts (at least one); for sorted neighbourhood, the parts of the sort key in order.</summary>
    public required IReadOnlyList<BlockingKeyPartConfig> Parts { get; init; }

    /// <summary>How keys become pairs (default <see cref="BlockingRuleKind.Keys"/>).</summary>
    public BlockingRuleKind Kind { get; init; } = BlockingRuleKind.Keys;

    /// <summary>Sorted neighbourhood: window over the sorted distinct key values (2..1000); 0 for key rules.</summary>
    public int Window { get; init; }

    /// <summary>Whether some part gives a record several keys.</summary>
    public bool IsMultiKey
    {
        get
        {
            foreach (var p in Parts)
                if (p.IsMultiKey) return true;
            return false;
        }
    }

    /// <summary>Whether <paramref name="other"/> makes exactly the same candidate pairs (same kind, window and parts; names aside).</summary>
    /// <param name="other">Another rule.</param>
    /// <returns>True when the two rules are the same rule.</returns>
    public bool SamePairsAs(BlockingRuleConfig other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Window == other.Window && Parts.SequenceEqual(other.Parts);
    }
}
