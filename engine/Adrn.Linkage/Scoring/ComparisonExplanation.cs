namespace Adrn.Linkage.Scoring;

/// <summary>One comparison's contribution to a pair's match weight.</summary>
/// <param name="Comparison">Comparison name.</param>
/// <param name="Gamma">Level reached (-1 null, 0 else ...).</param>
/// <param name="Label">Level label.</param>
/// <param name="LeftValue">Standardised left value.</param>
/// <param name="RightValue">Standardised right value.</param>
/// <param name="Weight">log2(m/u) of the level (0 for null).</param>
/// <param name="TermFrequencyAdjustment">Term-frequency adjustment added (0 when none applies).</param>
public sealed record ComparisonExplanation(string Comparison, int Gamma, string Label, string? LeftValue, string? RightValue, double Weight, double TermFrequencyAdjustment);
