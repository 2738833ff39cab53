using System.Diagnostics;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Linkage;

/// <summary>
/// The in-process driver of the pipeline (<see cref="LinkagePipeline"/>): open the job, count the training units
/// and score the partitions on this machine's threads, then finish. The actor engine drives the same stages across
/// workers; both write the same outputs and the same <c>report.json</c>.
/// </summary>
public static class LinkageJob
{
    /// <summary>Runs a job and writes its outputs into <paramref name="outDir"/> (created if needed).</summary>
    /// <param name="config">The validated job.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="options">Run options, or null for defaults.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What was done and written.</returns>
    /// <exception cref="ConfigValidationException">A source lacks a configured column, or the job needs a learned scorer that was not given (before any work).</exception>
    /// <exception cref="Blocking.ComparisonCapExceededException">Blocking would exceed <c>max_comparisons</c> (before any comparison).</exception>
    /// <exception cref="Output.OutputFolderException">The output folder holds another job's outputs or another job is writing into it.</exception>
    public static LinkageRunResult Run(LinkageJobConfig config, string outDir, LinkageRunOptions? options = null,
        IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        options ??= new LinkageRunOptions();
        CheckScorer(config, options);
        var started = DateTime.UtcNow;
        var plan = LinkagePipeline.Open(config, options.Partitions, progress, ct);
        return Run(plan, outDir, options, started, progress, ct, ownsPlan: true);
    }

    /// <summary>
    /// Runs a job that is open already — its records prepared by the caller, for example joined from records kept
    /// prepared between runs (<see cref="Preparation.PreparedComposition"/>) — and writes its outputs into
    /// <paramref name="outDir"/>, exactly as <see cref="Run(LinkageJobConfig, string, LinkageRunOptions?, IProgress{LinkageProgress}?, CancellationToken)"/>
    /// does after opening the job.
    /// </summary>
    /// <param name="plan">The plan of the job (<see cref="LinkagePlan.Create"/>).</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="options">Run options, or null for defaults (<see cref="LinkageRunOptions.Partitions"/> is the plan's).</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What was done and written.</returns>
    /// <exception cref="ConfigValidationException">The job needs a learned scorer that was not given.</exception>
    /// <exception cref="Output.OutputFolderException">The output folder holds another job's outputs or another job is writing into it.</exception>
    public static LinkageRunResult RunPlan(LinkagePlan plan, string outDir, LinkageRunOptions? options = null,
        IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        options ??= new LinkageRunOptions();
        CheckScorer(plan.Config, options);
        return Run(plan, outDir, options, DateTime.UtcNow, progress, ct, ownsPlan: false);
    }

    private static void CheckScorer(LinkageJobConfig config, LinkageRunOptions options)
    {
        // Checked before any work: the learned scorer lives in Adrn.Learning, which this assembly cannot reach.
        if (config.Scorer == PairScorerKind.Learned && options.PairScorer is null)
            throw new ConfigValidationException("scorer: job '" + config.Name + "' uses the learned scorer; run it with Adrn.Learning's LearnedLinkageJob.Run (adrn link does) or set LinkageRunOptions.PairScorer");
    }

    // ownsPlan: the plan was opened here, so nobody else holds it and its blocking is let go once every partition is scored.
    private static LinkageRunResult Run(LinkagePlan plan, string outDir, LinkageRunOptions options, DateTime started,
        IProgress<LinkageProgress>? progress, CancellationToken ct, bool ownsPlan)
    {
        var config = plan.Config;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = ct };
        // A run in process owns its folder under the job's name: running the same job again replaces its outputs,
        // another job's outputs are refused unless ReplaceOutputs; the claim is held (locked) until the run ends. It is
        // taken once the job has opened, so a job that fails validation leaves no folder behind.
        using var folder = Output.OutputFolder.Claim(outDir, "in-process:" + config.Name, options.ReplaceOutputs ? Output.OutputFolderMode.Replace : Output.OutputFolderMode.New);
        var timings = new Dictionary<string, double>(plan.Timings);
        var clock = Stopwatch.StartNew();
        var model = options.ModelPath is not null ? MatchModel.Load(options.ModelPath) : Train(plan, parallel.MaxDegreeOfParallelism, progress, ct);
        timings["training"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        if (ownsPlan) plan.ReleaseTraining();

        clock.Restart();
        Directory.CreateDirectory(outDir);
        var scorer = options.PairScorer ?? new FellegiSunterScorer(ScoringModel.Create(model, plan.Comparisons, plan.Prepared), plan.Comparers);
        var scorerFiles = scorer.Prepare(new PairScoringContext
        {
            Config = config, Prepared = plan.Prepared, Comparisons = plan.Comparisons, Plan = plan.Blocking, Model = model,
            OutputDirectory = Path.GetFullPath(outDir), ModelPath = options.ModelPath,
        });
        if (scorer.Kind != PairScorerKind.FellegiSunter) timings["scorer_training"] = Math.Round(clock.Elapsed.TotalSeconds, 3);

        clock.Restart();
        var threshold = options.MatchProbability ?? config.Resolution.MatchProbability;
        var keep = plan.KeepProbability(threshold);
        var runs = ScoreAll(plan, scorer, keep, parallel.MaxDegreeOfParallelism, progress, ct);
        timings["scoring"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        if (ownsPlan) plan.ReleaseBlocking();

        return LinkagePipeline.Finish(plan, model, runs.Select(r => (IScoredPairRun)new ScoredPairBatchRun(r)).ToList(), new LinkageFinishOptions
        {
            Folder = folder,
            Threshold = threshold,
            Formats = options.Formats,
            TruthPairsPath = options.TruthPairsPath,
            Scorer = scorer.Kind,
            ScorerFiles = scorerFiles,
            Timings = timings,
            StartedUtc = started,
            WriteReport = options.WriteReport,
        }, progress, ct);
    }

    /// <summary>Trains the job's model on this machine: every counting unit counted on the threads given, then <see cref="LinkagePipeline.Train"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="maxDegreeOfParallelism">Threads (-1 for one per core).</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The model.</returns>
    public static MatchModel Train(LinkagePlan plan, int maxDegreeOfParallelism = -1, IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = ct };
        var units = plan.CountingUnitCount;
        var counts = new AgreementPatternCounts[units];
        var done = 0;
        Parallel.For(0, units, parallel, u =>
        {
            counts[u] = LinkagePipeline.CountUnit(plan.Training.UnitPartition(u), plan.Comparers);
            progress?.Report(new LinkageProgress("counting", Interlocked.Increment(ref done), units, 0));
        });
        return LinkagePipeline.Train(plan, counts, progress, ct);
    }

    /// <summary>Scores every partition of the plan on this machine's threads (<see cref="LinkagePipeline.ScorePartition"/>).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="scorer">The scorer (prepared).</param>
    /// <param name="keepProbability">Pairs below this probability are dropped.</param>
    /// <param name="maxDegreeOfParallelism">Threads (-1 for one per core).</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>One sorted run per partition, in partition order.</returns>
    public static ScoredPairBatch[] ScoreAll(LinkagePlan plan, IPairScorer scorer, double keepProbability, int maxDegreeOfParallelism = -1,
        IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scorer);
        var partitions = plan.Blocking.Partitions;
        var runs = new ScoredPairBatch[partitions.Count];
        var done = 0;
        long work = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = ct }, p =>
        {
            runs[p] = LinkagePipeline.ScorePartition(partitions[p], scorer, keepProbability);
            var n = Interlocked.Increment(ref done);
            var pairs = Interlocked.Add(ref work, partitions[p].PairUpperBound);
            progress?.Report(new LinkageProgress("scoring", n, partitions.Count, pairs / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        });
        return runs;
    }

    /// <summary>
    /// Explains one pair with a saved model: prepares the job's data, binds the model and returns each
    /// comparison's level, label, values and weight (the bars of a waterfall chart).
    /// </summary>
    /// <param name="config">The job.</param>
    /// <param name="modelPath">A <c>model.json</c> written by a run of this job.</param>
    /// <param name="sourceLeft">Source name of the left record.</param>
    /// <param name="idLeft">Id of the left record.</param>
    /// <param name="sourceRight">Source name of the right record.</param>
    /// <param name="idRight">Id of the right record.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="KeyNotFoundException">A record does not exist.</exception>
    public static MatchWeightExplanation Explain(LinkageJobConfig config, string modelPath, string sourceLeft, string idLeft, string sourceRight, string idRight)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        return Explain(config, MatchModel.Load(modelPath), sourceLeft, idLeft, sourceRight, idRight);
    }

    /// <summary>Explains one pair with a model in memory (see the overload that takes a <c>model.json</c> path).</summary>
    /// <param name="config">The job.</param>
    /// <param name="model">The model of a run of this job.</param>
    /// <param name="sourceLeft">Source name of the left record.</param>
    /// <param name="idLeft">Id of the left record.</param>
    /// <param name="sourceRight">Source name of the right record.</param>
    /// <param name="idRight">Id of the right record.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="KeyNotFoundException">A record does not exist.</exception>
    public static MatchWeightExplanation Explain(LinkageJobConfig config, MatchModel model, string sourceLeft, string idLeft, string sourceRight, string idRight)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        var prepared = LinkagePreparation.Prepare(config);
        var scoring = ScoringModel.Create(model, ComparisonSet.Create(prepared, config.Comparisons), prepared);
        return scoring.Explain(sourceLeft, idLeft, sourceRight, idRight);
    }
}
