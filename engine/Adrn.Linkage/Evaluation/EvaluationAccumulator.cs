namespace Adrn.Linkage.Evaluation;

/// <summary>
/// Builds a run's <see cref="EvaluationReport"/> while the scored pairs stream past (no pair is kept): the
/// precision–recall table over all kept pairs before resolution, then the headline figures over the resolved links.
/// </summary>
/// <param name="truth">The job's truth, or null for the model's own estimates only.</param>
/// <param name="threshold">Match probability threshold of the headline figures.</param>
public sealed class EvaluationAccumulator(TruthIndex? truth, double threshold)
{
    private readonly double[] _thresholds = [.. LinkEvaluation.DefaultThresholds];
    private readonly long[] _predicted = new long[LinkEvaluation.DefaultThresholds.Count];
    private readonly long[] _hits = new long[LinkEvaluation.DefaultThresholds.Count];
    private double _sumPairProbability;
    private double _sumLinkProbability;
    private double _expectedFalse;
    private long _links;
    private long _truePositives;

    /// <summary>Counts one kept scored pair (before resolution).</summary>
    /// <param name="left">Left record.</param>
    /// <param name="right">Right record.</param>
    /// <param name="probability">Its match probability.</param>
    public void AddPair(int left, int right, double probability)
    {
        _sumPairProbability += probability;
        if (truth is null) return;
        var hit = truth.Contains(left, right);
        for (var t = 0; t < _thresholds.Length && probability >= _thresholds[t]; t++)
        {
            _predicted[t]++;
            if (hit) _hits[t]++;
        }
    }

    /// <summary>Counts one resolved link.</summary>
    /// <param name="left">Left record.</param>
    /// <param name="right">Right record.</param>
    /// <param name="probability">Its match probability.</param>
    public void AddLink(int left, int right, double probability)
    {
        _links++;
        _expectedFalse += 1 - probability;
        _sumLinkProbability += probability;
        if (truth is not null && truth.Contains(left, right)) _truePositives++;
    }

    /// <summary>The report of the pairs and links counted.</summary>
    /// <returns>The report.</returns>
    public EvaluationReport ToReport()
    {
        // Links are a subset of the kept pairs, so the probability mass of kept pairs left unlinked is the difference.
        var missed = Math.Max(0, _sumPairProbability - _sumLinkProbability);
        if (truth is null)
        {
            return new EvaluationReport
            {
                Threshold = threshold,
                PredictedLinks = _links,
                ExpectedFalseLinks = _expectedFalse,
                ExpectedMissedMatches = missed,
            };
        }

        var head = ThresholdMetrics.From(threshold, _links, _truePositives, truth.Count);
        return new EvaluationReport
        {
            Threshold = threshold,
            TruthPairs = truth.Count,
            PredictedLinks = _links,
            TruePositives = _truePositives,
            FalsePositives = _links - _truePositives,
            FalseNegatives = truth.Count - _truePositives,
            Precision = head.Precision,
            Recall = head.Recall,
            F1 = head.F1,
            ExpectedFalseLinks = _expectedFalse,
            ExpectedMissedMatches = missed,
            PrecisionRecall = _thresholds.Select((t, i) => ThresholdMetrics.From(t, _predicted[i], _hits[i], truth.Count)).ToList(),
        };
    }
}
