namespace Adrn.Stats.Estimation;

/// <summary>An absorbed fixed effect as estimated.</summary>
/// <param name="Name">As written in the formula, e.g. <c>sic2^year</c>.</param>
/// <param name="Levels">Number of levels in the estimation sample.</param>
/// <param name="NestedInCluster">True when every level lies within one cluster, so it is not counted in K for the cluster small-sample factor (fixest "nested").</param>
public sealed record FixedEffectSummary(string Name, int Levels, bool NestedInCluster);
