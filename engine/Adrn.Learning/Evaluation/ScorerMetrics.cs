namespace Adrn.Learning.Evaluation;

/// <summary>Pairwise quality of one scorer's resolved links on the held-out left records.</summary>
/// <param name="Scorer">Scorer name (<c>fellegi-sunter</c>, <c>learned</c>, ...).</param>
/// <param name="Threshold">Match-probability threshold of the links.</param>
/// <param name="Links">Links whose left record is held out.</param>
/// <param name="TruePositives">Of those, true pairs.</param>
/// <param name="TruthPairs">True pairs whose left record is held out.</param>
/// <param name="Precision">TP / links (1 when there are no links).</param>
/// <param name="Recall">TP / true pairs (1 when there are none).</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
public sealed record ScorerMetrics(string Scorer, double Threshold, long Links, long TruePositives, long TruthPairs, double Precision, double Recall, double F1)
{
    /// <summary>Metrics from counts.</summary>
    /// <param name="scorer">Scorer name.</param>
    /// <param name="threshold">Threshold.</param>
    /// <param name="links">Links.</param>
    /// <param name="truePositives">True links.</param>
    /// <param name="truthPairs">True pairs.</param>
    /// <returns>The metrics.</returns>
    public static ScorerMetrics From(string scorer, double threshold, long links, long truePositives, long truthPairs)
    {
        var p = links == 0 ? 1.0 : (double)truePositives / links;
        var r = truthPairs == 0 ? 1.0 : (double)truePositives / truthPairs;
        return new ScorerMetrics(scorer, threshold, links, truePositives, truthPairs, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
