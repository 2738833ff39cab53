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
    private LinkagePlan(PreparedLinkage prepared, ComparisonSet comparisons, BlockingPlan blocking, TrainingPlan training,
        BlockingReport report, IReadOnlyDictionary<string, double> timings)
    {
        Prepared = prepared;
        Comparisons = comparisons;
        Blocking = blocking;
        Training = training;
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

    /// <summary>The blocking plan: the P partitions that are scored.</summary>
    public BlockingPlan Blocking { get; }

    /// <summary>The training plan: the EM rounds' counting units.</summary>
    public TrainingPlan Training { get; }

    /// <summary>Counts per blocking rule (the cap was checked against it).</summary>
    public BlockingReport BlockingReport { get; }

    /// <summary>Seconds spent preparing (<c>prepare</c>) and blocking (<c>blocking</c>).</summary>
    public IReadOnlyDictionary<string, double> Timings { get; }

    /// <summary>Number of scoring partitions.</summary>
    public int PartitionCount => Blocking.Partitions.Count;

    /// <summary>Number of counting units (0 when every m is hand-set).</summary>
    public int CountingUnitCount => Training.CountingUnitCount;

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
