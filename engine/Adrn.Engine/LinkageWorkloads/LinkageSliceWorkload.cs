using System.Collections.Concurrent;
using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// A linkage job on a node that runs partition tasks for a coordinator elsewhere. It holds the job's value tables
/// (read from the prepared job the coordinator's node wrote) and, per task, only the partition slice it runs: it never
/// reads the raw inputs nor the job's other records. It counts and scores through the same pipeline stages as the
/// coordinator's <see cref="LinkageJobWorkload"/>; training and merging happen on the coordinator's node.
/// </summary>
public sealed class LinkageSliceWorkload : IJobWorkload
{
    private readonly JobDescriptor _job;
    private readonly LinkageJobConfig _config;
    private readonly PreparedLinkage _values;
    private readonly ComparisonSet _comparisons;
    private readonly PairComparerPool _comparers;
    private readonly TrainingPlan _training;
    private readonly IPairScorerProvider? _scorers;
    private readonly ConcurrentDictionary<string, Lazy<IPairScorer>> _scorerByModel = new(StringComparer.Ordinal);

    private LinkageSliceWorkload(JobDescriptor job, LinkageJobConfig config, PreparedLinkage values, string configHash, IPairScorerProvider? scorers)
    {
        _job = job;
        _config = config;
        _values = values;
        _scorers = scorers;
        ConfigHash = configHash;
        _comparisons = ComparisonSet.Create(values, config.Comparisons);
        _comparers = new PairComparerPool(_comparisons);
        _training = TrainingPlan.Create(values, _comparisons, config.Partitions);
    }

    /// <summary>How long <see cref="Open"/> waits for the coordinator's node to finish writing the prepared job.</summary>
    public static TimeSpan PreparedJobWait { get; } = TimeSpan.FromSeconds(120);

    /// <inheritdoc />
    public string ConfigHash { get; }

    /// <inheritdoc />
    public int PartitionCount => _config.Partitions;

    /// <inheritdoc />
    public int CountingUnitCount => _training.CountingUnitCount;

    /// <summary>Opens the job from its prepared value tables (written by the coordinator's node into the job's folder).</summary>
    /// <param name="job">The job.</param>
    /// <param name="scorers">Supplies the learned scorer for jobs that ask for it, or null.</param>
    /// <returns>The workload.</returns>
    /// <exception cref="InvalidDataException">The job's folder holds no complete prepared job (the coordinator has not opened the job, or the folder is not shared with this node).</exception>
    public static LinkageSliceWorkload Open(JobDescriptor job, IPairScorerProvider? scorers = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var config = LinkageJobConfig.Load(job.ConfigPath, job.Variables, requireInputFiles: false);
        var directory = LinkageJobWorkload.PreparedDirectory(job);
        // The coordinator's node writes the prepared job in the background once it has opened the job, value tables
        // first; a worker may get here first, so it waits a while for the value tables' manifest to appear.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string? hash;
        while ((hash = PreparedJobFiles.HashOfValues(directory)) is null && waited.Elapsed < PreparedJobWait) Thread.Sleep(20);
        if (hash is null)
            throw new InvalidDataException($"no prepared job in '{directory}' after {PreparedJobWait.TotalSeconds:F0} s: the coordinator's node writes it when it opens the job, and every node must see the job's output folder (shared storage).");
        return new LinkageSliceWorkload(job, config, PreparedJobFiles.ReadValues(directory, config, hash), hash, scorers);
    }

    /// <inheritdoc />
    public PartitionWork CountPatterns(int partition, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, CountingUnitCount);
        var round = _training.Rounds[_training.Locate(partition).Round];
        var unit = PartitionSliceFile.Read(LinkageJobWorkload.SlicePath(_job, JobPhase.Counting, partition), _values, [round.Config.BlockingRule]);
        var counts = LinkagePipeline.CountUnit(unit, _comparers);
        PatternCountFile.Write(outputPath, counts);
        return new PartitionWork(counts.TotalPairs, counts.TotalPairs);
    }

    /// <inheritdoc />
    public string TrainModel(IReadOnlyList<string> countFiles, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the model is trained on the coordinator's node, which holds the job's records");

    /// <inheritdoc />
    public PartitionWork ScorePartition(int partition, string modelJson, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionCount);
        var scorer = _scorerByModel.GetOrAdd(modelJson, json => new Lazy<IPairScorer>(() => CreateScorer(MatchModel.FromJson(json)))).Value;
        var slice = PartitionSliceFile.Read(LinkageJobWorkload.SlicePath(_job, JobPhase.Scoring, partition), _values, _config.BlockingRules);
        var run = LinkagePipeline.ScorePartition(slice, scorer, Math.Min(_config.Resolution.KeepProbability, _config.Resolution.MatchProbability));
        ScoredPairFile.Write(outputPath, run);
        return new PartitionWork(run.Count, slice.PairUpperBound);
    }

    /// <inheritdoc />
    public JobSummary WriteOutputs(IReadOnlyList<string> scoreFiles, string modelJson, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the outputs are merged on the coordinator's node, which holds the job's records");

    /// <inheritdoc />
    public void Dispose()
    {
        // Value tables are plain managed arrays; nothing to release.
    }

    private IPairScorer CreateScorer(MatchModel model)
    {
        if (_scorers?.Create(_config) is not { } custom)
            return new FellegiSunterScorer(ScoringModel.Create(model, _comparisons, _values), _comparers);
        custom.Open(new PairScoringContext
        {
            Config = _config,
            Prepared = _values,
            Comparisons = _comparisons,
            Model = model,
            OutputDirectory = Path.GetFullPath(_job.OutputDirectory),
        });
        return custom;
    }
}
