using Adrn.Linkage.Scoring;

namespace Adrn.Linkage.Reporting;

/// <summary>One pair drawn for the report's waterfalls: the probability band it was drawn from and its explanation.</summary>
/// <param name="Band">The band, for example <c>0.80–0.95</c>.</param>
/// <param name="Explanation">Why the pair scored what it did (the report shows level labels and weights, never values or ids).</param>
public sealed record WaterfallSample(string Band, MatchWeightExplanation Explanation);
