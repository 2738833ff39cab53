namespace Adrn.Linkage.Configuration;

/// <summary>
/// <c>resolution.register_posterior</c>: turn each left record's candidate Bayes factors into a posterior over "which
/// right (register) record, or none" before resolving (many_to_one and one_to_one). See docs/methodology.md.
/// </summary>
public sealed record RegisterPosteriorConfig
{
    /// <summary>Prior probability that a left record has a match among the right records; null = estimated from the data.</summary>
    public double? Prior { get; init; }

    /// <summary>Most fixed-point iterations when the prior is estimated (default 200).</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>The estimate stops when the prior changes by less than this (default 1e-7).</summary>
    public double Tolerance { get; init; } = 1e-7;
}
