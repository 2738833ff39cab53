namespace Adrn.Linkage.Training;

/// <summary>The outcome of <see cref="UEstimator.EstimateUUsingRandomSampling"/>.</summary>
/// <param name="U">u by comparison then gamma (0 = else).</param>
/// <param name="Counts">Pairs by comparison then gamma + 1 (index 0 = null).</param>
/// <param name="Pairs">Pairs compared.</param>
/// <param name="Exhaustive">True when every possible pair was compared (fewer than the sample size exist).</param>
public sealed record UEstimate(double[][] U, long[][] Counts, long Pairs, bool Exhaustive);
