using Adrn.Learning.Configuration;
using Adrn.Learning.Labels;
using Adrn.Learning.Training;
using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Scoring;

namespace Adrn.Learning.Scoring;

/// <summary>
/// The learned scorer as a <see cref="IPairScorer"/> of <see cref="LinkageJob.Run"/>: on
/// <see cref="Prepare"/> it loads <c>learned-model.zip</c> from beside the run's <c>--model</c> (when one was given
/// and a learned model sits there) or trains one on the run's own candidate pairs, then saves it beside the run's
/// <c>model.json</c>; partitions are then scored by the trees.
/// </summary>
public sealed class LearnedPairScorer : IPairScorer
{
    private readonly LearnedScoringOptions _options;
    private LearnedScorer? _scorer;

    /// <summary>Creates the scorer from training options.</summary>
    /// <param name="options">Options (for a job file: <see cref="LearnedScoringOptions.FromJob"/>).</param>
    public LearnedPairScorer(LearnedScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public PairScorerKind Kind => PairScorerKind.Learned;

    /// <summary>The trained or loaded model, once <see cref="Prepare"/> has run.</summary>
    public LearnedScorer? Model => _scorer;

    /// <summary>Whether <see cref="Prepare"/> loaded a saved model rather than training one.</summary>
    public bool Loaded { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Prepare(PairScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var savedDir = context.ModelPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(context.ModelPath));
        if (savedDir is not null && File.Exists(Path.Combine(savedDir, LearnedScorer.ModelFileName)))
        {
            _scorer = LearnedScorer.Load(savedDir, context.Prepared, context.Comparisons);
            Loaded = true;
        }
        else
        {
            IReadOnlyList<PairLabel> labels = _options.LabelsPath is { } path
                ? PairLabelFile.Load(path, new RecordLookup(context.Prepared))
                : [];
            _scorer = LearnedModelTrainer.Train(context.Prepared, context.Comparisons,
                context.Plan ?? throw new ArgumentException("training the learned scorer needs the blocking plan", nameof(context)), _options, labels);
        }

        // A model loaded from the output folder itself is already there; saving it again would rewrite the file it came from.
        var files = Loaded && string.Equals(Path.GetFullPath(savedDir!), Path.GetFullPath(context.OutputDirectory), StringComparison.Ordinal)
            ? [Path.Combine(savedDir!, LearnedScorer.ModelFileName), Path.Combine(savedDir!, LearnedScorer.MetadataFileName)]
            : _scorer.Save(context.OutputDirectory);
        return new Dictionary<string, IReadOnlyList<string>> { ["learned_model"] = files };
    }

    /// <inheritdoc />
    /// <remarks>Loads <c>learned-model.zip</c> from the context's folder, where <see cref="Prepare"/> saved it on the coordinator.</remarks>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Open(PairScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _scorer = LearnedScorer.Load(context.OutputDirectory, context.Prepared, context.Comparisons);
        Loaded = true;
        return new Dictionary<string, IReadOnlyList<string>>
        {
            ["learned_model"] = [Path.Combine(context.OutputDirectory, LearnedScorer.ModelFileName), Path.Combine(context.OutputDirectory, LearnedScorer.MetadataFileName)],
        };
    }

    /// <inheritdoc />
    public ScoredPairBatch Score(BlockingPartition partition, double minProbability)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var scorer = _scorer ?? throw new InvalidOperationException("the learned scorer has not been prepared: the pipeline calls Prepare (or Open on a worker) before scoring");
        return scorer.ScorePartition(partition, minProbability);
    }
}
