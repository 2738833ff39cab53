namespace Adrn.Stats.Disclosure;

/// <summary>The verdict for one table cell.</summary>
/// <param name="Key">The cell label.</param>
/// <param name="Value">The cell value (count or total).</param>
/// <param name="Units">The number of units behind the cell.</param>
/// <param name="Status">Pass, fail or review.</param>
/// <param name="Reasons">The rules the cell failed, with the figures (e.g. "count 3 &lt; 10").</param>
/// <param name="Suppressed">True once the cell has been suppressed by <see cref="TableCheck.Suppress"/>.</param>
public sealed record CheckedCell(string Key, double Value, long Units, OutputStatus Status, IReadOnlyList<string> Reasons, bool Suppressed = false)
{
    /// <summary>The value to publish: null when suppressed.</summary>
    public double? PublishedValue => Suppressed ? null : Value;
}
