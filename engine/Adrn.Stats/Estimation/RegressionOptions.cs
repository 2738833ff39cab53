using Adrn.Stats.Disclosure;

namespace Adrn.Stats.Estimation;

/// <summary>Options of <see cref="Regression.Fit(Data.IRegressionData, string, RegressionOptions?)"/>; every property has a fixest-like default.</summary>
public sealed record RegressionOptions
{
    /// <summary>The standard errors (default <see cref="VcovSpec.Default"/>: iid, or clustered by the first fixed effect).</summary>
    public VcovSpec Vcov { get; init; } = VcovSpec.Default;

    /// <summary>Name of a column of non-negative observation weights (rows with weight 0 or missing are dropped); null for none.</summary>
    public string? Weights { get; init; }

    /// <summary>Iteratively remove observations alone in a fixed-effect level (they carry no information; default true).</summary>
    public bool RemoveSingletons { get; init; } = true;

    /// <summary>Convergence tolerance of the fixed-effect projections (fixest's criterion; default 1e-8).</summary>
    public double FixedEffectTolerance { get; init; } = 1e-8;

    /// <summary>Iteration cap of the fixed-effect projections (default 10 000).</summary>
    public int FixedEffectMaxIterations { get; init; } = 10_000;

    /// <summary>A regressor is dropped as collinear when its squared norm, after projection on the earlier ones, is below this share of its own (default 1e-10).</summary>
    public double CollinearityTolerance { get; init; } = 1e-10;

    /// <summary>Confidence level of the intervals (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Identifier for the output check and log (default: generated from the formula).</summary>
    public string? OutputId { get; init; }

    /// <summary>The disclosure rules for the output check (default <see cref="DisclosureRules.Default"/>).</summary>
    public DisclosureRules DisclosureRules { get; init; } = DisclosureRules.Default;
}
