namespace Adrn.Dataset.Spec;

/// <summary>
/// A summary table a release carries, checked for disclosure risk before it is written: a frequency table (rows per cell)
/// or a magnitude table (the total of a variable per cell, with every contributor's share for the dominance rules).
/// </summary>
public sealed record SummaryTableSpec
{
    /// <summary>File name under <c>tables/</c> (without <c>.csv</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the table shows.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>Frequency or magnitude.</summary>
    public required SummaryTableKind Kind { get; init; }

    /// <summary>Panel variables (or <c>wave</c>) whose combinations make the cells.</summary>
    public required IReadOnlyList<string> By { get; init; }

    /// <summary>The variable totalled (magnitude tables).</summary>
    public string? Value { get; init; }

    /// <summary>The spine whose entities are the contributors of a magnitude cell (their values are summed first).</summary>
    public string? Unit { get; init; }
}
