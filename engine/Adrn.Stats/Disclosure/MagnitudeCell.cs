namespace Adrn.Stats.Disclosure;

/// <summary>
/// One cell of a magnitude table (a total such as turnover), with the contribution of every unit,
/// which the dominance and p-ratio rules need.
/// </summary>
/// <param name="Key">The cell label.</param>
/// <param name="Contributions">The value each contributing unit adds to the cell (one per unit, non-negative).</param>
public sealed record MagnitudeCell(string Key, IReadOnlyList<double> Contributions)
{
    /// <summary>The published value: the sum of the contributions.</summary>
    public double Total => Contributions.Sum();
}
