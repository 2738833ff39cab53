namespace Adrn.Learning.Training;

/// <summary>What <c>learned-model.json</c> records beside <c>learned-model.zip</c>: features, labels and training settings.</summary>
public sealed record LearnedModelMetadata
{
    /// <summary>Format version of this file.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The job the model was trained for.</summary>
    public required string Job { get; init; }

    /// <summary>ML.NET trainer (<c>FastTree</c>: gradient-boosted regression trees, binary log-loss).</summary>
    public string Trainer { get; init; } = "FastTree";

    /// <summary>The job's comparisons in gamma-vector order (a saved model only fits a job with the same list).</summary>
    public required IReadOnlyList<string> Comparisons { get; init; }

    /// <summary>Comparisons left out of the features.</summary>
    public required IReadOnlyList<string> ExcludedComparisons { get; init; }

    /// <summary>Feature names in vector order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Comparisons of the identifier rule (empty when no rule labelled pairs).</summary>
    public required IReadOnlyList<string> IdentifierRule { get; init; }

    /// <summary>Rule-labelled matches.</summary>
    public required long RuleMatches { get; init; }

    /// <summary>Rule-labelled non-matches.</summary>
    public required long RuleNonMatches { get; init; }

    /// <summary>Labels from files and clerical review used (they override rule labels of the same pair).</summary>
    public required long ClericalLabels { get; init; }

    /// <summary>Labels not used because their left record is in the held-out fold.</summary>
    public required long LabelsOnHeldOutRecords { get; init; }

    /// <summary>Labelled pairs used to fit the trees (after any subsampling).</summary>
    public required long TrainingPairs { get; init; }

    /// <summary>Of those, matches.</summary>
    public required long TrainingMatches { get; init; }

    /// <summary>Labelled pairs used to fit the calibration.</summary>
    public required long CalibrationPairs { get; init; }

    /// <summary>How the probabilities are calibrated.</summary>
    public required string Calibration { get; init; }

    /// <summary>Platt slope A in P = 1 / (1 + exp(A·score + B)).</summary>
    public required double PlattA { get; init; }

    /// <summary>Platt offset B.</summary>
    public required double PlattB { get; init; }

    /// <summary>Mean log-loss (natural log) of the calibrated probabilities on the calibration fold.</summary>
    public required double CalibrationLogLoss { get; init; }

    /// <summary>Boosted trees.</summary>
    public required int Trees { get; init; }

    /// <summary>Leaves per tree.</summary>
    public required int Leaves { get; init; }

    /// <summary>Learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Seed of the splits and of ML.NET.</summary>
    public required int Seed { get; init; }

    /// <summary>Share of left records held out from training.</summary>
    public required double HoldoutShare { get; init; }

    /// <summary>Share of the other left records the rule labelled.</summary>
    public required double RuleShare { get; init; }

    /// <summary>Seconds spent training (features, trees, calibration).</summary>
    public required double Seconds { get; init; }

    /// <summary>UTC time of training (ISO 8601).</summary>
    public required string TrainedUtc { get; init; }
}
