using Adrn.Learning.Configuration;
using Adrn.Learning.Labels;
using Adrn.Learning.Scoring;
using Adrn.Learning.Training;
using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Resolution;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Learning;

/// <summary>
/// One job's prepared records, comparisons, blocking plan and Fellegi–Sunter model held in memory, so both scorers,
/// clerical samples and comparisons work on exactly the same candidate pairs.
/// </summary>
public sealed class LinkageWorkspace
{
    private LinkageWorkspace(LinkagePlan linkage, MatchModel model)
    {
        Linkage = linkage;
        Config = linkage.Config;
        Prepared = linkage.Prepared;
        Comparisons = linkage.Comparisons;
        Plan = linkage.Blocking;
        Model = model;
        Scoring = ScoringModel.Create(model, Comparisons, Prepared);
        Lookup = new RecordLookup(Prepared);
    }

    /// <summary>The pipeline's plan of the job (prepared records, comparisons, blocking and training plans).</summary>
    public LinkagePlan Linkage { get; }

    /// <summary>The job.</summary>
    public LinkageJobConfig Config { get; }

    /// <summary>Prepared records.</summary>
    public PreparedLinkage Prepared { get; }

    /// <summary>The job's comparisons.</summary>
    public ComparisonSet Comparisons { get; }

    /// <summary>The job's blocking plan.</summary>
    public BlockingPlan Plan { get; }

    /// <summary>The Fellegi–Sunter model.</summary>
    public MatchModel Model { get; }

    /// <summary>The Fellegi–Sunter model bound to the records (for scores and waterfall explanations).</summary>
    public ScoringModel Scoring { get; }

    /// <summary>Record lookup by id.</summary>
    public RecordLookup Lookup { get; }

    /// <summary>Prepares a job and trains its Fellegi–Sunter model, or loads it from <paramref name="modelPath"/>.</summary>
    /// <param name="config">The job.</param>
    /// <param name="modelPath">A saved <c>model.json</c>, or null (or a missing file) to train one.</param>
    /// <returns>The workspace.</returns>
    public static LinkageWorkspace Open(LinkageJobConfig config, string? modelPath = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var linkage = LinkagePipeline.Open(config);
        var model = modelPath is not null && File.Exists(modelPath)
            ? MatchModel.Load(modelPath)
            : LinkageJob.Train(linkage);
        return new LinkageWorkspace(linkage, model);
    }

    /// <summary>Scores every candidate pair with the Fellegi–Sunter model (partitions in parallel), merged in (source, id) order.</summary>
    /// <param name="minProbability">Pairs below this probability are dropped.</param>
    /// <returns>The scored pairs.</returns>
    public ScoredPairBatch ScoreFellegiSunter(double minProbability)
    {
        var runs = LinkageJob.ScoreAll(Linkage, new FellegiSunterScorer(Scoring, Linkage.Comparers), minProbability);
        return ScoredPairBatch.Merge(runs, Prepared.Records.IdRank, Comparisons.Count);
    }

    /// <summary>Trains the learned scorer on this workspace's candidate pairs.</summary>
    /// <param name="options">Training options.</param>
    /// <param name="labels">Labels from files or clerical review.</param>
    /// <returns>The scorer.</returns>
    public LearnedScorer TrainLearned(LearnedScoringOptions options, IReadOnlyList<PairLabel>? labels = null) =>
        LearnedModelTrainer.Train(Prepared, Comparisons, Plan, options, labels);

    /// <summary>Scores every candidate pair with a learned scorer.</summary>
    /// <param name="scorer">The scorer (bound to this workspace's records).</param>
    /// <param name="minProbability">Pairs below this probability are dropped.</param>
    /// <returns>The scored pairs.</returns>
    public ScoredPairBatch ScoreLearned(LearnedScorer scorer, double minProbability)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (!ReferenceEquals(scorer.Layout.Prepared, Prepared)) throw new ArgumentException("the scorer is bound to different prepared records", nameof(scorer));
        return scorer.ScoreAll(Plan, minProbability);
    }

    /// <summary>
    /// Scores every candidate pair with the scorer the options select (<see cref="LearnedScoringOptions.Scorer"/>): the
    /// Fellegi–Sunter model, or the learned model saved in <paramref name="modelDirectory"/> — trained (identifier rule
    /// plus <paramref name="labels"/>) and saved there first when it holds none.
    /// </summary>
    /// <param name="options">Scorer choice and training options.</param>
    /// <param name="modelDirectory">Folder holding (or to hold) <c>learned-model.zip</c> and <c>learned-model.json</c>, normally beside <c>model.json</c>.</param>
    /// <param name="minProbability">Pairs below this probability are dropped.</param>
    /// <param name="labels">Labels from files or clerical review, used when a model is trained.</param>
    /// <returns>The scored pairs.</returns>
    public ScoredPairBatch Score(LearnedScoringOptions options, string modelDirectory, double minProbability, IReadOnlyList<PairLabel>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        if (options.Scorer == ScorerKind.FellegiSunter) return ScoreFellegiSunter(minProbability);
        LearnedScorer scorer;
        if (File.Exists(Path.Combine(modelDirectory, LearnedScorer.ModelFileName)))
        {
            scorer = LearnedScorer.Load(modelDirectory, Prepared, Comparisons);
        }
        else
        {
            scorer = TrainLearned(options, labels);
            scorer.Save(modelDirectory);
        }

        return ScoreLearned(scorer, minProbability);
    }

    /// <summary>The links the job's resolution keeps among scored pairs.</summary>
    /// <param name="pairs">Scored pairs (sorted).</param>
    /// <param name="threshold">Threshold, or null for the job's <c>match_probability</c>.</param>
    /// <returns>The links.</returns>
    public ScoredPairBatch Resolve(ScoredPairBatch pairs, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Select(LinkResolver.Resolve(pairs, Prepared.Records, Config.Resolution.Method, threshold ?? Config.Resolution.MatchProbability));
    }
}
