namespace Adrn.Linkage.Evaluation;

/// <summary>Pairwise quality at one threshold.</summary>
/// <param name="Threshold">Match probability threshold.</param>
/// <param name="Predicted">Pairs at or above the threshold.</param>
/// <param name="TruePositives">Of those, true pairs.</param>
/// <param name="Precision">TP / predicted (1 when nothing is predicted).</param>
/// <param name="Recall">TP / true pairs.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
public sealed record ThresholdMetrics(double Threshold, long Predicted, long TruePositives, double Precision, double Recall, double F1)
{
    /// <summary>Computes the metrics from counts.</summary>
    /// <param name="threshold">Threshold.</param>
    /// <param name="predicted">Predicted pairs.</param>
    /// <param name="truePositives">True positives.</param>
    /// <param name="truthPairs">All true pairs.</param>
    /// <returns>The metrics.</returns>
    public static ThresholdMetrics From(double threshold, long predicted, long truePositives, long truthPairs)
    {
        var p = predicted == 0 ? 1.0 : (double)truePositives / predicted;
        var r = truthPairs == 0 ? 1.0 : (double)truePositives / truthPairs;
        var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new ThresholdMetrics(threshold, predicted, truePositives, p, r, f);
    }
}
