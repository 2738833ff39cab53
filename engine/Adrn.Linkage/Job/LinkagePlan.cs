using System.Diagnostics;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Training;

namespace Adrn.Linkage;

/// <summary>
/// The result of the pipeline's first stage (<see cref="LinkagePipeline.Open"/>): the job's prepared records, its
/// comparisons, the blocking plan whose partitions are scored and the training plan whose counting units are counted.
/// Drivers hand its partitions and units to threads or workers; every later stage takes it as input.
/// </summary>
public sealed class LinkagePlan
{
    private readonly object _rebuild = new();
    private BlockingPlan? _blocking;
    private TrainingPlan? _training;

    private LinkagePlan(PreparedLinkage prepared, ComparisonSet comparisons, BlockingPlan blocking, TrainingPlan training,
        BlockingReport report, IReadOnlyDictionary<string, double> timings)
    {
        Prepared = prepared;
        Comparisons = comparisons;
        _blocking = blocking;
        _training = training;
        PartitionCount = blocking.Partitions.Count;
        CountingUnitCount = training.CountingUnitCount;
        BlockingReport = report;
        Timings = timings;
        Comparers = new PairComparerPool(comparisons, Math.Max(1, blocking.Partitions.Sum(p => p.PairUpperBound) / Math.Max(1, Environment.ProcessorCount)));
    }

    /// <summary>The job.</summary>
    public LinkageJobConfig Config => Prepared.Config;

    /// <summary>The job's prepared records.</summary>
    public PreparedLinkage Prepared { get; }

    /// <summary>The job's comparisons, bound to the prepared value tables.</summary>
    public ComparisonSet Comparisons { get; }

    /// <summary>Comparers of <see cref="Comparisons"/> for the threads of this process.</summary>
    public PairComparerPool Comparers { get; }

    /// <summary>The blocking plan: the P partitions that are scored (built again, identical, if it was released).</summary>
    public BlockingPlan Blocking
    {
        get
        {
            if (_blocking is { } plan) return plan;
            lock (_rebuild) return _blocking ??= BlockingPlan.Build(Prepared, Config.BlockingRules, PartitionCount);
        }
    }

    /// <summary>The training plan: the EM rounds' counting units (built again, identical, if it was released).</summary>
    public TrainingPlan Training
    {
        get
        {
            if (_training is { } plan) return plan;
            lock (_rebuild) return _training ??= TrainingPlan.Create(Prepared, Comparisons, PartitionCount, BlockingReport);
        }
    }

    /// <summary>Counts per blocking rule (the cap was checked against it).</summary>
    public BlockingReport BlockingReport { get; }

    /// <summary>Seconds spent preparing (<c>prepare</c>) and blocking (<c>blocking</c>).</summary>
    public IReadOnlyDictionary<string, double> Timings { get; }

    /// <summary>Number of scoring partitions.</summary>
    public int PartitionCount { get; }

    /// <summary>Number of counting units (0 when every m is hand-set).</summary>
    public int CountingUnitCount { get; }

    /// <summary>
    /// Lets go of the blocking plan (every record's keys under every rule, the partitions' members) and the training
    /// plan (the EM rounds' own partitions), for a driver whose partitions are all scored: the last stage
    /// (<see cref="LinkagePipeline.Finish"/>) needs the records, the comparisons and the blocking report, not these,
    /// and at 10M records they hold about 1.2 GB that the merge and the outputs can use instead. Asked for again (a
    /// partition scored again when a resumed job finds its result damaged), they are built again, identical: plans are
    /// a function of the prepared records and the job.
    /// </summary>
    public void ReleaseBlocking()
    {
        _blocking = null;
        _training = null;
        ReturnMemory();
    }

    /// <summary>
    /// Lets go of the training plan (the EM rounds' own partitions: at 10M records about 0.3 GB) once the model is
    /// trained: scoring needs the blocking plan, not it. Asked for again, it is built again, identical.
    /// </summary>
    public void ReleaseTraining()
    {
        _training = null;
        ReturnMemory();
    }

    private void ReturnMemory() => ReturnMemory(Prepared, compacting: false);

    /// <summary>
    /// At a stage boundary of a large job (5M records or more), one full collection: what the stage left behind (the
    /// readers' buffers and value dictionaries after preparation; the plans a driver let go) is garbage, and its space
    /// is then reused by the next stage at once, where the next stage would otherwise grow the heap first. After
    /// preparation the heap is also compacted (the records' many small objects were allocated among the readers'
    /// garbage). At 10M records this keeps the peak under 4 GB for about half a second (docs/benchmarks.md); smaller
    /// jobs skip it.
    /// </summary>
    /// <param name="prepared">The job's prepared records.</param>
    /// <param name="compacting">Whether to compact the heap too.</param>
    internal static void ReturnMemory(PreparedLinkage prepared, bool compacting)
    {
        if (prepared.Records.Count >= 5_000_000) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting);
    }


    /// <summary>Names of the comparisons in gamma-vector order.</summary>
    public IReadOnlyList<string> ComparisonNames => Comparisons.Configs.Select(c => c.Name).ToList();

    /// <summary>
    /// Plans an already prepared job: comparisons, blocking keys and partitions, the blocking report (checking
    /// <c>max_comparisons</c> before anything is compared) and the training plan.
    /// </summary>
    /// <param name="prepared">The prepared records.</param>
    /// <param name="partitions">Partition count, or null for the job's.</param>
    /// <param name="prepareSeconds">Seconds the preparation took (for the report).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ComparisonCapExceededException">Blocking would exceed <c>max_comparisons</c>.</exception>
    public static LinkagePlan Create(PreparedLinkage prepared, int? partitions = null, double prepareSeconds = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var config = prepared.Config;
        var p = partitions ?? config.Partitions;
        var clock = Stopwatch.StartNew();
        // The comparisons' value tables (tokens, postcode parts, term frequencies) are built while the records are blocked.
        var ((blocking, report), comparisons) = Alongside.Run(
            () =>
            {
                var plan = BlockingPlan.Build(prepared, config.BlockingRules, p);
                return (plan, plan.Report(config.MaxComparisons, prepared.TotalPossiblePairs, ct));
            },
            () => ComparisonSet.Create(prepared, config.Comparisons));
        if (report.CapExceeded is not null)
            throw new ComparisonCapExceededException(report.CapExceeded) { Report = report };
        var training = TrainingPlan.Create(prepared, comparisons, p, report);
        var timings = new Dictionary<string, double>
        {
            ["prepare"] = Math.Round(prepareSeconds, 3),
            ["blocking"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        return new LinkagePlan(prepared, comparisons, blocking, training, report, timings);
    }

    /// <summary>The probability below which scored pairs are dropped: <c>keep_probability</c>, at most the threshold.</summary>
    /// <param name="threshold">The run's match probability threshold.</param>
    /// <returns>The keep probability.</returns>
    public double KeepProbability(double threshold) => Math.Min(Config.Resolution.KeepProbability, threshold);
}
