namespace Adrn.Stats.Disclosure;

/// <summary>
/// Thresholds of the output checks. Defaults are the UK secure research service rules of thumb:
/// residual degrees of freedom at least 10; at least 10 units per table cell; dominance (N=2, K=90%);
/// p-ratio (p=10%).
/// </summary>
public sealed record DisclosureRules
{
    /// <summary>The default rules.</summary>
    public static DisclosureRules Default { get; } = new();

    /// <summary>Minimum residual degrees of freedom of a regression (default 10).</summary>
    public int MinimumResidualDf { get; init; } = 10;

    /// <summary>Minimum number of units (count, or contributors of a magnitude cell) per cell (default 10).</summary>
    public int MinimumCellCount { get; init; } = 10;

    /// <summary>Minimum number of firms behind a firm-level estimate (AKM firm effects, a production function, TFP; default 10).</summary>
    public int MinimumFirms { get; init; } = 10;

    /// <summary>Number of largest contributors in the dominance rule (default 2).</summary>
    public int DominanceContributors { get; init; } = 2;

    /// <summary>Dominance share: fail if the largest contributors make up at least this share of the cell total (default 0.90).</summary>
    public double DominanceShare { get; init; } = 0.90;

    /// <summary>p-ratio: fail if the total minus the two largest contributions is below this share of the largest (default 0.10).</summary>
    public double PRatio { get; init; } = 0.10;
}
