namespace Adrn.Linkage.Configuration;

/// <summary>How a blocking rule turns keys into candidate pairs.</summary>
public enum BlockingRuleKind
{
    /// <summary>Records sharing a non-null key are candidates (the default; Splink's blocking rules).</summary>
    Keys,

    /// <summary>
    /// Sorted neighbourhood: the distinct values of the sort key are sorted, and records whose values are fewer than
    /// <c>window</c> places apart in that order are candidates (equal values included).
    /// </summary>
    SortedNeighbourhood,
}
