using System.Text.Json;
using System.Text.Json.Serialization;

namespace Adrn.Learning.Configuration;

/// <summary>
/// How the learned scorer is chosen and trained. Read from a <c>learning.json</c> file (snake_case fields,
/// documented in <c>docs/learned-scoring.md</c>) until the job file itself gains a <c>scorer</c> field.
/// </summary>
public sealed record LearnedScoringOptions
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Scorer used for links: <c>fellegi-sunter</c> (default) or <c>learned</c>.</summary>
    public ScorerKind Scorer { get; init; } = ScorerKind.FellegiSunter;

    /// <summary>
    /// Comparisons that must reach their best level (exact agreement) for a candidate pair to be labelled a match by the
    /// identifier rule; a pair where any of them is non-null and below its best level is labelled a non-match, a pair
    /// where one is null is left unlabelled. Empty = no rule (labels must come from a file or clerical review).
    /// </summary>
    public IReadOnlyList<string> IdentifierRule { get; init; } = [];

    /// <summary>
    /// Comparisons left out of the features (default: the identifier rule's comparisons, so the model learns from the
    /// other fields instead of re-learning the rule).
    /// </summary>
    public IReadOnlyList<string>? ExcludeComparisons { get; init; }

    /// <summary>A labels file (<c>id_l,id_r,label</c> CSV) added to the training labels; it overrides rule labels.</summary>
    public string? LabelsPath { get; init; }

    /// <summary>
    /// Share (0..1] of the left records, chosen by a seeded hash of their ids, whose candidate pairs the identifier rule
    /// labels (default 1). A small share gives a model trained on a small subset.
    /// </summary>
    public double RuleShare { get; init; } = 1.0;

    /// <summary>
    /// Share [0..1) of the left records, chosen by a seeded hash of their ids, held out from every training label so that
    /// both scorers can be compared on them (default 0.5).
    /// </summary>
    public double HoldoutShare { get; init; } = 0.5;

    /// <summary>
    /// Random partners drawn per rule-subset record and labelled by the rule like candidate pairs (default 5): they show
    /// the model what non-matches look like outside the blocks, which the identifier's own blocking rule would
    /// otherwise hide.
    /// </summary>
    public int RandomPairsPerRecord { get; init; } = 5;

    /// <summary>Share (0..1) of the labelled pairs (by left record) kept out of tree fitting to fit the Platt calibration (default 0.25).</summary>
    public double CalibrationShare { get; init; } = 0.25;

    /// <summary>
    /// Example weight of a label from a file or clerical review relative to a rule label (default 5): a person's
    /// decision is trusted more than the identifier rule, whose labels are noisy where the identifier is mis-keyed.
    /// </summary>
    public double ClericalLabelWeight { get; init; } = 5;

    /// <summary>Boosted trees (default 100).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>
    /// Leaves per tree (default 8). Small trees with many pairs per leaf keep the model from memorising the rule's
    /// label noise (true matches whose identifier was mis-keyed are labelled non-matches) through rarity features that
    /// single out individual values.
    /// </summary>
    public int Leaves { get; init; } = 8;

    /// <summary>Minimum labelled pairs per leaf (default 50); see <see cref="Leaves"/>.</summary>
    public int MinimumPairsPerLeaf { get; init; } = 50;

    /// <summary>Learning rate of the boosting (default 0.2).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Most labelled pairs used to fit the trees; larger sets are subsampled (non-matches first) with the seed (default 200,000).</summary>
    public int MaxTrainingPairs { get; init; } = 200_000;

    /// <summary>Seed of every split, subsample and of ML.NET (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Comparisons excluded from the features: <see cref="ExcludeComparisons"/>, else the identifier rule's.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ExcludedComparisons => ExcludeComparisons ?? IdentifierRule;

    /// <summary>Every problem with the values, at once (empty when valid).</summary>
    /// <returns>Problems, each naming the field.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RuleShare is <= 0 or > 1) problems.Add($"rule_share must be in (0, 1] (got {RuleShare})");
        if (HoldoutShare is < 0 or >= 1) problems.Add($"holdout_share must be in [0, 1) (got {HoldoutShare})");
        if (CalibrationShare is <= 0 or >= 1) problems.Add($"calibration_share must be in (0, 1) (got {CalibrationShare})");
        if (ClericalLabelWeight <= 0) problems.Add($"clerical_label_weight must be positive (got {ClericalLabelWeight})");
        if (RandomPairsPerRecord < 0) problems.Add($"random_pairs_per_record must not be negative (got {RandomPairsPerRecord})");
        if (Trees < 1) problems.Add($"trees must be at least 1 (got {Trees})");
        if (Leaves < 2) problems.Add($"leaves must be at least 2 (got {Leaves})");
        if (MinimumPairsPerLeaf < 1) problems.Add($"minimum_pairs_per_leaf must be at least 1 (got {MinimumPairsPerLeaf})");
        if (LearningRate is <= 0 or > 1) problems.Add($"learning_rate must be in (0, 1] (got {LearningRate})");
        if (MaxTrainingPairs < 100) problems.Add($"max_training_pairs must be at least 100 (got {MaxTrainingPairs})");
        return problems;
    }

    /// <summary>Reads a <c>learning.json</c> file; relative <c>labels_path</c> resolves against the file's folder.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The options.</returns>
    /// <exception cref="InvalidDataException">The file is not valid JSON, has unknown fields, or invalid values (all listed).</exception>
    public static LearnedScoringOptions Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"learning options file '{path}' does not exist", path);
        LearnedScoringOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<LearnedScoringOptions>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }

        if (options is null) throw new InvalidDataException($"{path}: the file holds no options object");
        var problems = options.Validate();
        if (problems.Count > 0) throw new InvalidDataException($"{path}: " + string.Join("; ", problems));
        if (options.LabelsPath is { } labels && !Path.IsPathRooted(labels))
            options = options with { LabelsPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, labels)) };
        return options;
    }

    /// <summary>
    /// Reads the <c>learning</c> object of a job file (<see cref="Adrn.Linkage.Configuration.LinkageJobConfig.LearningJson"/>):
    /// the same fields as <c>learning.json</c>, checked against the job's comparisons; relative <c>labels_path</c>
    /// resolves against the job file's folder. The job's top-level <c>scorer</c> decides <see cref="Scorer"/>.
    /// </summary>
    /// <param name="config">The job.</param>
    /// <returns>The options (default options when the job has no <c>learning</c> object).</returns>
    /// <exception cref="Adrn.Linkage.Configuration.ConfigValidationException">Listing every problem of the object at once, each prefixed <c>learning.</c>.</exception>
    public static LearnedScoringOptions FromJob(Adrn.Linkage.Configuration.LinkageJobConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var scorer = config.Scorer == Adrn.Linkage.Configuration.PairScorerKind.Learned ? ScorerKind.Learned : ScorerKind.FellegiSunter;
        if (config.LearningJson is null) return new LearnedScoringOptions { Scorer = scorer };
        LearnedScoringOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<LearnedScoringOptions>(config.LearningJson, Json);
        }
        catch (JsonException ex)
        {
            throw new Adrn.Linkage.Configuration.ConfigValidationException($"learning: {ex.Message}", ex);
        }

        options = (options ?? new LearnedScoringOptions()) with { Scorer = scorer };
        var problems = options.Validate().Select(p => "learning." + p).ToList();
        var names = config.Comparisons.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var n in options.IdentifierRule.Concat(options.ExcludeComparisons ?? []))
            if (!names.Contains(n)) problems.Add($"learning: '{n}' is not a comparison of the job (comparisons: {string.Join(", ", names)})");
        if (options.LabelsPath is { } labels)
        {
            var full = Path.GetFullPath(Path.Combine(config.BaseDirectory, labels));
            if (!File.Exists(full)) problems.Add($"learning.labels_path: file '{full}' does not exist");
            options = options with { LabelsPath = full };
        }

        if (scorer == ScorerKind.Learned && options.IdentifierRule.Count == 0 && options.LabelsPath is null)
            problems.Add("learning: the learned scorer needs labels: give identifier_rule (comparisons whose exact agreement labels a match) or labels_path");
        if (problems.Count > 0) throw new Adrn.Linkage.Configuration.ConfigValidationException(problems);
        return options;
    }

    /// <summary>Writes the options as JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
