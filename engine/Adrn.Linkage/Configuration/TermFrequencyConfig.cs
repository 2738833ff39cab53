namespace Adrn.Linkage.Configuration;

/// <summary>Term-frequency adjustment settings, applied on exact levels marked <c>term_frequency</c>.</summary>
public sealed record TermFrequencyConfig
{
    /// <summary>Lower bound on a value's term frequency (Splink's <c>tf_minimum_u_value</c>, default 0 = none).</summary>
    public double MinimumU { get; init; }

    /// <summary>Multiplier of the adjustment (Splink's <c>tf_adjustment_weight</c>, default 1).</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>
    /// Source whose records define a value's term frequency (<c>source</c> in the job file), or null for all sources.
    /// For a link into a register, the register: the frequency is then the chance that a random register entry holds
    /// the value, not how many payroll rows (employees) repeat it.
    /// </summary>
    public string? Source { get; init; }
}
