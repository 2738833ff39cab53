namespace Adrn.Stats.Disclosure;

/// <summary>The check of a frequency or magnitude table: an overall verdict plus one per cell.</summary>
/// <param name="Check">The overall verdict (fail if any cell fails).</param>
/// <param name="Cells">Cell verdicts in input order.</param>
public sealed record TableCheck(OutputCheck Check, IReadOnlyList<CheckedCell> Cells)
{
    /// <summary>
    /// Suppresses every failing cell (its published value becomes null). The table then no longer
    /// fails, but is marked <see cref="OutputStatus.Review"/>: suppressed cells can sometimes be
    /// recovered from margins (secondary suppression), which a person must rule out.
    /// </summary>
    public TableCheck Suppress()
    {
        var cells = Cells.Select(c => c.Status == OutputStatus.Fail ? c with { Suppressed = true } : c).ToList();
        var suppressed = cells.Count(c => c.Suppressed);
        if (suppressed == 0) return this;
        var reasons = new List<string>
        {
            $"{suppressed} cell(s) suppressed ({string.Join(", ", cells.Where(c => c.Suppressed).Select(c => c.Key))}); check margins and totals for secondary disclosure",
        };
        reasons.AddRange(cells.Where(c => c.Status == OutputStatus.Review).SelectMany(c => c.Reasons.Select(r => $"{c.Key}: {r}")));
        return new TableCheck(Check with { Status = OutputStatus.Review, Reasons = reasons }, cells);
    }
}
