namespace Adrn.Linkage.Evaluation;

/// <summary>Pairwise evaluation of links against ground truth, plus the model's own error estimates.</summary>
public sealed record EvaluationReport
{
    /// <summary>Threshold of the headline figures.</summary>
    public required double Threshold { get; init; }

    /// <summary>True pairs in the ground truth (null when no truth was given).</summary>
    public long? TruthPairs { get; init; }

    /// <summary>Links predicted at the threshold.</summary>
    public required long PredictedLinks { get; init; }

    /// <summary>Predicted links that are true (null without truth).</summary>
    public long? TruePositives { get; init; }

    /// <summary>Predicted links that are false (null without truth).</summary>
    public long? FalsePositives { get; init; }

    /// <summary>True pairs not predicted (null without truth).</summary>
    public long? FalseNegatives { get; init; }

    /// <summary>TP / predicted (null without truth).</summary>
    public double? Precision { get; init; }

    /// <summary>TP / true pairs (null without truth).</summary>
    public double? Recall { get; init; }

    /// <summary>F1 (null without truth).</summary>
    public double? F1 { get; init; }

    /// <summary>Model estimate of false links: sum over links of (1 - probability).</summary>
    public required double ExpectedFalseLinks { get; init; }

    /// <summary>Model estimate of missed matches among scored pairs: sum of probability over scored pairs not linked (null when unknown).</summary>
    public double? ExpectedMissedMatches { get; init; }

    /// <summary>Precision and recall across thresholds (over all scored pairs kept before resolution).</summary>
    public IReadOnlyList<ThresholdMetrics> PrecisionRecall { get; init; } = [];
}
