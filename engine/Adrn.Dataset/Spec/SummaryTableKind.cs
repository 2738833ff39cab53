namespace Adrn.Dataset.Spec;

/// <summary>Kind of summary table.</summary>
public enum SummaryTableKind
{
    /// <summary>Counts of panel rows per cell (threshold rule).</summary>
    Frequency,

    /// <summary>Totals of a variable per cell (threshold, dominance and p-ratio rules).</summary>
    Magnitude,
}
