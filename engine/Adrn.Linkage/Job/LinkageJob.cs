using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Output;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Resolution;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Linkage;

/// <summary>
/// Facade for <c>adrn link</c>: runs a whole job in process — prepare, block (report and cap check before any
/// comparison), train (or load a model), score partitions in parallel, merge deterministically, resolve,
/// evaluate and write the outputs. Each stage is also callable on its own (see <c>docs/methodology.md</c>).
/// </summary>
public static class LinkageJob
{
    private static readonly JsonSerializerOptions ReportJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Runs a job and writes its outputs into <paramref name="outDir"/> (created if needed).</summary>
    /// <param name="config">The validated job.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="options">Run options, or null for defaults.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What was done and written.</returns>
    /// <exception cref="ConfigValidationException">A source lacks a configured column (before any work).</exception>
    /// <exception cref="ComparisonCapExceededException">Blocking would exceed <c>max_comparisons</c> (before any comparison).</exception>
    public static LinkageRunResult Run(LinkageJobConfig config, string outDir, LinkageRunOptions? options = null,
        IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        options ??= new LinkageRunOptions();
        // Checked before any work: the learned scorer lives in Adrn.Learning, which this assembly cannot reach.
        if (config.Scorer == PairScorerKind.Learned && options.PairScorer is null)
            throw new ConfigValidationException("scorer: job '" + config.Name + "' uses the learned scorer; run it with Adrn.Learning's LearnedLinkageJob.Run (adrn link does) or set LinkageRunOptions.PairScorer");
        var started = DateTime.UtcNow;
        var timings = new Dictionary<string, double>();
        var sw = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        void Lap(string stage)
        {
            timings[stage] = Math.Round(sw.Elapsed.TotalSeconds, 3);
            sw.Restart();
        }

        var partitions = options.Partitions ?? config.Partitions;
        var threshold = options.MatchProbability ?? config.Resolution.MatchProbability;
        var keep = Math.Min(config.Resolution.KeepProbability, threshold);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = ct };

        progress?.Report(new LinkageProgress("prepare", 0, 1, 0));
        var prepared = LinkagePreparation.Prepare(config);
        var comparisons = ComparisonSet.Create(prepared, config.Comparisons);
        progress?.Report(new LinkageProgress("prepare", 1, 1, 0));
        Lap("prepare");

        progress?.Report(new LinkageProgress("blocking", 0, 1, 0));
        var plan = BlockingPlan.Build(prepared, config.BlockingRules, partitions);
        var blocking = plan.Report(config.MaxComparisons, prepared.TotalPossiblePairs, ct);
        if (blocking.CapExceeded is not null)
            throw new ComparisonCapExceededException(blocking.CapExceeded) { Report = blocking };
        progress?.Report(new LinkageProgress("blocking", 1, 1, 0));
        Lap("blocking");

        var model = options.ModelPath is not null
            ? MatchModel.Load(options.ModelPath)
            : ModelTrainer.Train(prepared, comparisons, partitions, progress, ct);
        Lap("training");

        var scoring = ScoringModel.Create(model, comparisons, prepared);
        var pairScorer = options.PairScorer;
        var scorerFiles = pairScorer is null ? null : PrepareScorer(pairScorer, config, prepared, comparisons, plan, model, outDir, options.ModelPath);
        if (pairScorer is not null) Lap("scorer_training");
        var batches = new ScoredPairBatch[plan.Partitions.Count];
        var done = 0;
        long work = 0;
        var scoreClock = Stopwatch.StartNew();
        var gate = new object();
        // One comparer per Parallel.For worker task, kept across the partitions it takes: its value-pair caches are
        // allocated once per task and stay warm.
        var pairsPerThread = plan.Partitions.Sum(x => x.PairUpperBound) / parallel.MaxDegreeOfParallelism;
        // (A learned scorer brings its own comparers: none is made for it.)
        Parallel.For(0, plan.Partitions.Count, parallel, () => pairScorer is null ? comparisons.CreateComparer(pairsPerThread) : null, (p, _, comparer) =>
        {
            batches[p] = pairScorer is null
                ? PartitionScorer.Score(prepared, plan.Partitions[p], scoring, keep, comparer!)
                : pairScorer.Score(prepared, plan.Partitions[p], keep);
            lock (gate)
            {
                done++;
                work += plan.Partitions[p].PairUpperBound;
                progress?.Report(new LinkageProgress("scoring", done, plan.Partitions.Count, work / Math.Max(scoreClock.Elapsed.TotalSeconds, 1e-9)));
            }

            return comparer;
        }, _ => { });
        var pairs = ScoredPairBatch.Merge(batches, prepared.Records.IdRank, comparisons.Count);
        Lap("scoring");

        progress?.Report(new LinkageProgress("resolution", 0, 1, 0));
        var method = config.Resolution.Method;
        var rows = LinkResolver.Resolve(pairs, prepared.Records, method, threshold);
        var links = pairs.Select(rows);
        string[]? clusters = null;
        if (method == ResolutionMethod.Clusters) clusters = LinkResolver.Cluster(pairs, rows, prepared.Records);
        Lap("resolution");

        var evaluation = Evaluate(prepared, pairs, links, threshold, options.TruthPairsPath ?? config.Truth?.PairsPath);
        Lap("evaluation");

        progress?.Report(new LinkageProgress("writing", 0, 1, 0));
        Directory.CreateDirectory(outDir);
        var files = new Dictionary<string, IReadOnlyList<string>>();
        var formats = options.Formats ?? config.Outputs.Formats;
        files["links"] = formats.Select(f => LinkTableWriter.WritePairs(outDir, "links", f, prepared, comparisons, links)).ToList();
        if (config.Outputs.WritePairs)
            files["pairs"] = formats.Select(f => LinkTableWriter.WritePairs(outDir, "pairs", f, prepared, comparisons, pairs)).ToList();
        long? clusterCount = null;
        if (clusters is not null)
        {
            files["clusters"] = formats.Select(f => LinkTableWriter.WriteClusters(outDir, f, prepared, clusters)).ToList();
            clusterCount = CountMultiRecordClusters(clusters);
        }

        var modelPath = Path.Combine(outDir, "model.json");
        model.Save(modelPath);
        files["model"] = [modelPath];
        if (scorerFiles is not null)
            foreach (var (name, paths) in scorerFiles) files[name] = paths;
        var quarantinePath = Path.Combine(outDir, "quarantine.csv");
        QuarantineFile.Write(quarantinePath, prepared.Quarantine);
        files["quarantine"] = [quarantinePath];
        Lap("writing");
        timings["total"] = Math.Round(total.Elapsed.TotalSeconds, 3);

        var rowsIn = prepared.Sources.Sum(s => (long)s.RowsIn);
        var rowsUsed = prepared.Sources.Sum(s => (long)s.RowsUsed);
        var rowsQ = prepared.Sources.Sum(s => (long)s.RowsQuarantined);
        var rowsS = prepared.Sources.Sum(s => (long)s.RowsSuperseded);
        var pairCounts = new Dictionary<string, long>
        {
            ["compared"] = blocking.TotalComparisons,
            ["kept"] = pairs.Count,
            ["links"] = links.Count,
        };
        if (clusterCount is not null) pairCounts["clusters_with_more_than_one_record"] = clusterCount.Value;
        var report = new LinkageRunReport
        {
            Job = config.Name,
            LinkType = config.LinkType.ToString().ToSnakeCase(),
            StartedUtc = started.ToString("O", CultureInfo.InvariantCulture),
            Sources = prepared.Sources,
            Rows = new Dictionary<string, long> { ["in"] = rowsIn, ["used"] = rowsUsed, ["quarantined"] = rowsQ, ["superseded"] = rowsS },
            Blocking = blocking,
            Pairs = pairCounts,
            Model = model,
            TimingsSeconds = timings,
            Evaluation = evaluation,
            Scorer = (pairScorer?.Kind ?? PairScorerKind.FellegiSunter) == PairScorerKind.Learned ? "learned" : "fellegi-sunter",
            Classifications = config.ClassificationReport(),
        };
        var reportPath = Path.Combine(outDir, "report.json");
        File.WriteAllText(reportPath, JsonSerializer.Serialize(report, ReportJson));
        files["report"] = [reportPath];
        progress?.Report(new LinkageProgress("writing", 1, 1, 0));

        return new LinkageRunResult
        {
            OutputDirectory = Path.GetFullPath(outDir),
            Files = files,
            RowsIn = rowsIn,
            RowsUsed = rowsUsed,
            RowsQuarantined = rowsQ,
            RowsSuperseded = rowsS,
            PairsCompared = blocking.TotalComparisons,
            PairsKept = pairs.Count,
            Links = links.Count,
            Clusters = clusterCount,
            Timings = timings,
            Blocking = blocking,
            Model = model,
            Evaluation = evaluation,
        };
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
        var prepared = LinkagePreparation.Prepare(config);
        var scoring = ScoringModel.Create(MatchModel.Load(modelPath), ComparisonSet.Create(prepared, config.Comparisons), prepared);
        return scoring.Explain(sourceLeft, idLeft, sourceRight, idRight);
    }

    private static EvaluationReport Evaluate(PreparedLinkage prepared, ScoredPairBatch pairs, ScoredPairBatch links, double threshold, string? truthPath)
    {
        var records = prepared.Records;
        var cross = prepared.IsCrossSourceOnly;
        bool Allowed(int a, int b) => a != b && (!cross || records.SourceOf(a) != records.SourceOf(b));
        HashSet<long>? truth = null;
        long truthCount = 0;
        if (truthPath is not null)
        {
            var set = TruthPairSet.Load(truthPath);
            truthCount = set.Count;
            var bySource = new Dictionary<string, int>[records.SourceNames.Count];
            for (var s = 0; s < bySource.Length; s++)
            {
                bySource[s] = new Dictionary<string, int>(records.SourceStart[s + 1] - records.SourceStart[s], StringComparer.Ordinal);
                for (var i = records.SourceStart[s]; i < records.SourceStart[s + 1]; i++) bySource[s][records.Ids[i]] = i;
            }

            truth = new HashSet<long>(set.Count);
            foreach (var (x, y) in set.Pairs)
                foreach (var sx in bySource)
                    if (sx.TryGetValue(x, out var i))
                        foreach (var sy in bySource)
                            if (sy.TryGetValue(y, out var j) && Allowed(i, j)) truth.Add(LinkEvaluation.PairKey(i, j));
        }
        else if (prepared.TruthClusters is { } clusters)
        {
            var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < clusters.Length; i++)
            {
                if (clusters[i] is not { } c) continue;
                if (!groups.TryGetValue(c, out var list)) groups[c] = list = [];
                list.Add(i);
            }

            truth = [];
            foreach (var list in groups.Values)
                for (var a = 0; a < list.Count; a++)
                    for (var b = a + 1; b < list.Count; b++)
                        if (Allowed(list[a], list[b])) truth.Add(LinkEvaluation.PairKey(list[a], list[b]));
            truthCount = truth.Count;
        }

        return LinkEvaluation.Evaluate(links, pairs, truth, truthCount, threshold);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> PrepareScorer(IPairScorer scorer, LinkageJobConfig config, PreparedLinkage prepared,
        ComparisonSet comparisons, BlockingPlan plan, MatchModel model, string outDir, string? modelPath)
    {
        Directory.CreateDirectory(outDir);
        return scorer.Prepare(new PairScoringContext
        {
            Config = config, Prepared = prepared, Comparisons = comparisons, Plan = plan, Model = model,
            OutputDirectory = Path.GetFullPath(outDir), ModelPath = modelPath,
        });
    }

    private static long CountMultiRecordClusters(string[] clusters)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in clusters) sizes[c] = sizes.GetValueOrDefault(c) + 1;
        return sizes.Values.Count(v => v > 1);
    }
}
