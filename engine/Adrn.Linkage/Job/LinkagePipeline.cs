using Adrn.Tables;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Output;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Reporting;
using Adrn.Linkage.Resolution;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Linkage;

/// <summary>
/// The linkage pipeline as stage functions with explicit inputs and outputs: <see cref="Open"/> (read, standardise,
/// block, plan), <see cref="CountUnit"/> (agreement patterns of one counting unit), <see cref="Train"/> (u sampling,
/// lambda, EM on the merged counts), <see cref="ScorePartition"/> (one partition with a pluggable scorer) and
/// <see cref="Finish"/> (merge the sorted partition runs, resolve, evaluate, write the outputs and the report).
/// Every driver — <see cref="LinkageJob"/> in process, the actor engine's workload, the learned scorer, the benchmark
/// harness — is a loop over these; none re-implements a stage.
/// </summary>
public static class LinkagePipeline
{
    private static readonly JsonSerializerOptions ReportJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Bins of the match-probability histogram in <c>report.json</c> (equal width on [0, 1]).</summary>
    public const int HistogramBins = 50;

    /// <summary>Records whose best possible match weight feeds the unlinkables chart of <c>report.html</c> (a systematic sample above this).</summary>
    public const int UnlinkableSample = 20_000;

    // Probability bands of the report's sample waterfalls: one pair from each (the first in output order).
    private static readonly (double Low, double High, string Label)[] WaterfallBands =
    [
        (0, 0.2, "below 0.20"), (0.2, 0.5, "0.20–0.50"), (0.5, 0.8, "0.50–0.80"), (0.8, 0.95, "0.80–0.95"), (0.95, 0.99, "0.95–0.99"), (0.99, double.PositiveInfinity, "0.99 and above"),
    ];

    /// <summary>Stage 1–3: reads and prepares every source, then plans blocking and training (checking the comparison cap first).</summary>
    /// <param name="config">The validated job.</param>
    /// <param name="partitions">Partition count, or null for the job's.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="onPrepared">Called with the prepared records once they exist, before blocking: a driver that ships
    /// them to other nodes starts writing them then (blocking needs them only to read). Null for none.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ConfigValidationException">A source lacks a configured column (before any work).</exception>
    /// <exception cref="ComparisonCapExceededException">Blocking would exceed <c>max_comparisons</c> (before any comparison).</exception>
    public static LinkagePlan Open(LinkageJobConfig config, int? partitions = null, IProgress<LinkageProgress>? progress = null, CancellationToken ct = default,
        Action<PreparedLinkage>? onPrepared = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var clock = Stopwatch.StartNew();
        progress?.Report(new LinkageProgress("prepare", 0, 1, 0));
        var prepared = LinkagePreparation.Prepare(config);
        LinkagePlan.ReturnMemory(prepared, compacting: true);
        progress?.Report(new LinkageProgress("prepare", 1, 1, 0) { Detail = Describe(prepared) });
        onPrepared?.Invoke(prepared);
        var prepareSeconds = clock.Elapsed.TotalSeconds;
        progress?.Report(new LinkageProgress("blocking", 0, 1, 0));
        var plan = LinkagePlan.Create(prepared, partitions, prepareSeconds, ct);
        progress?.Report(new LinkageProgress("blocking", 1, 1, 0) { Detail = Describe(plan) });
        return plan;
    }

    /// <summary>The prepared records in words with counts, for a status line.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <returns>For example <c>10,000 records from 2 sources (10,000 rows read, 0 quarantined, 0 superseded)</c>.</returns>
    public static string Describe(PreparedLinkage prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var s = prepared.Sources;
        return string.Create(CultureInfo.InvariantCulture,
            $"{prepared.Records.Count:N0} records from {s.Count} source{(s.Count == 1 ? string.Empty : "s")} ({s.Sum(x => (long)x.RowsRead):N0} rows read, {s.Sum(x => (long)x.RowsQuarantined):N0} quarantined, {s.Sum(x => (long)x.RowsSuperseded):N0} superseded)");
    }

    /// <summary>The blocking plan in words with counts, for a status line.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>For example <c>31,931 candidate pairs from 6 rules in 16 partitions</c>.</returns>
    public static string Describe(LinkagePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return string.Create(CultureInfo.InvariantCulture,
            $"{plan.BlockingReport.TotalComparisons:N0} candidate pairs from {plan.BlockingReport.Rules.Count} blocking rules in {plan.PartitionCount} partitions");
    }

    /// <summary>Stage 5a: the agreement-pattern histogram of one counting unit (its pairs are compared, not kept).</summary>
    /// <param name="unit">The unit's partition (of the job's records, or a slice of them).</param>
    /// <param name="comparers">Comparers of the job's comparison set.</param>
    /// <returns>The histogram.</returns>
    public static AgreementPatternCounts CountUnit(BlockingPartition unit, Comparison.PairComparerPool comparers)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(comparers);
        return comparers.With(comparer => AgreementPatternCounter.Count(unit, comparer));
    }

    /// <summary>
    /// Stage 5b: merges the units' histograms round by round (integer addition: the order of arrival does not matter),
    /// then samples u, estimates lambda and runs EM (<see cref="ModelTrainer.Finish"/>).
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="unitCounts">The histogram of every counting unit, in unit order.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The trained model.</returns>
    public static MatchModel Train(LinkagePlan plan, IReadOnlyList<AgreementPatternCounts> unitCounts, IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(unitCounts);
        var training = plan.Training;
        if (unitCounts.Count != training.CountingUnitCount)
            throw new ArgumentException($"expected the counts of {training.CountingUnitCount} counting units, got {unitCounts.Count}", nameof(unitCounts));
        var merged = training.Rounds.Select(_ => new AgreementPatternCounts(plan.Comparisons.Count)).ToList();
        for (var unit = 0; unit < unitCounts.Count; unit++) merged[training.Locate(unit).Round].Merge(unitCounts[unit]);
        return ModelTrainer.Finish(training, merged, progress, ct);
    }

    /// <summary>
    /// Stage 6: scores one partition with the run's scorer and returns its kept pairs as a sorted run: in (source, id)
    /// order of left then right record, indexed in the job's table, ready for <see cref="Finish"/>.
    /// </summary>
    /// <param name="partition">The partition (of the job's records, or a slice of them).</param>
    /// <param name="scorer">The run's scorer.</param>
    /// <param name="keepProbability">Pairs below this probability are dropped.</param>
    /// <returns>The sorted pairs.</returns>
    public static ScoredPairBatch ScorePartition(BlockingPartition partition, IPairScorer scorer, double keepProbability)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(scorer);
        return scorer.Score(partition, keepProbability).ToMergeOrder(partition.Records);
    }

    /// <summary>
    /// Stage 7–8: merges the sorted partition runs (k-way, streaming), writes <c>pairs</c> when the job asks for it,
    /// resolves the candidates at or above the threshold into <c>links</c> (and <c>clusters</c>), evaluates against
    /// the truth (a pairs file or the cluster column) while the pairs stream past, and writes every output, the model
    /// <c>report.json</c> and <c>report.html</c> — each file under a temporary name first, renamed into place when complete.
    /// </summary>
    /// <param name="plan">The plan the runs were scored from.</param>
    /// <param name="model">The Fellegi–Sunter model (written to <c>model.json</c>).</param>
    /// <param name="runs">One sorted run per partition (disposed here).</param>
    /// <param name="options">Output folder, threshold, formats, truth and timings so far.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What was written.</returns>
    public static LinkageRunResult Finish(LinkagePlan plan, MatchModel model, IReadOnlyList<IScoredPairRun> runs, LinkageFinishOptions options,
        IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return FinishRuns(plan, model, runs, options, progress, ct);
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }

    private static LinkageRunResult FinishRuns(LinkagePlan plan, MatchModel model, IReadOnlyList<IScoredPairRun> runs, LinkageFinishOptions options,
        IProgress<LinkageProgress>? progress, CancellationToken ct)
    {
        var config = plan.Config;
        var prepared = plan.Prepared;
        var records = prepared.Records;
        var threshold = options.Threshold;
        // Every output is written into the claim's private staging folder, then published together (report.json last).
        var outDir = options.Folder.StagingDirectory;
        Directory.CreateDirectory(outDir);
        var timings = new Dictionary<string, double>(options.Timings);
        var clock = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        void Lap(string stage)
        {
            timings[stage] = Math.Round(clock.Elapsed.TotalSeconds, 3);
            clock.Restart();
        }

        progress?.Report(new LinkageProgress("merging", 0, runs.Count, 0));
        var k = plan.Comparisons.Count;
        var comparisonNames = plan.ComparisonNames;
        var ruleNames = config.BlockingRules.Select(r => r.Name).ToList();
        var evaluation = new EvaluationAccumulator(TruthIndex.For(prepared, options.TruthPairsPath ?? config.Truth?.PairsPath), threshold);
        var candidates = new ScoredPairBatchBuilder(k, 1 << 12);
        var files = new Dictionary<string, IReadOnlyList<string>>();
        var requested = (options.Formats ?? config.Outputs.Formats).Distinct().ToList();
        long kept = 0;
        var histogram = new long[HistogramBins];
        var samples = new (int Left, int Right)[WaterfallBands.Length];
        Array.Fill(samples, (-1, -1));
        var bandsOpen = WaterfallBands.Length;
        // With the register posterior a pair's resolved probability depends on every candidate of its left record (and
        // the estimated prior on all records), so the kept pairs are gathered first and streamed on once it is attached.
        var posterior = config.Resolution.RegisterPosterior;
        var gathered = posterior is null ? null : new ScoredPairBatchBuilder(k, 1 << 12);

        // One kept pair, in output order: into pairs, the evaluation and the candidates; `linkProbability` is the
        // probability links are judged by (the resolved one with the register posterior, else the pairwise one).
        void Visit(PairTableWriter? pairs, int left, int right, double weight, double p, double resolved, int rule, ReadOnlySpan<sbyte> gammas)
        {
            var linkProbability = double.IsNaN(resolved) ? p : resolved;
            pairs?.Append(left, right, weight, p, rule, gammas, resolved);
            evaluation.AddPair(left, right, linkProbability);
            if (gathered is null && p >= threshold) candidates.Add(left, right, weight, p, gammas, rule);
        }

        void Merge(PairTableWriter? pairs)
        {
            // k-way merge by (left rank, right rank); a pair lives in exactly one partition, so keys never tie,
            // but the run index breaks ties all the same so the order never depends on the queue.
            var rank = records.IdRank;
            var queue = new PriorityQueue<int, (ulong Key, int Run)>(runs.Count);
            for (var r = 0; r < runs.Count; r++)
                if (runs[r].MoveNext()) queue.Enqueue(r, (Key(rank, runs[r]), r));
            while (queue.TryDequeue(out var r, out _))
            {
                var run = runs[r];
                var p = run.Probability;
                if (gathered is null) Visit(pairs, run.Left, run.Right, run.Weight, p, double.NaN, run.Rule, run.Gammas);
                else gathered.Add(run.Left, run.Right, run.Weight, p, run.Gammas, run.Rule);
                histogram[Math.Clamp((int)(p * HistogramBins), 0, HistogramBins - 1)]++;
                if (bandsOpen > 0) bandsOpen -= SampleForWaterfall(samples, run.Left, run.Right, p);
                kept++;
                if ((kept & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                if (run.MoveNext()) queue.Enqueue(r, (Key(rank, run), r));
            }
        }

        ScoredPairBatch? resolvedPairs = null;
        RegisterPosteriorResult? posteriorResult = null;
        void WritePairs(Action<PairTableWriter?> write)
        {
            if (!config.Outputs.WritePairs)
            {
                write(null);
                return;
            }

            var pairsPath = Path.Combine(outDir, "pairs.arrow");
            AtomicFile.Write(pairsPath, temp =>
            {
                using var writer = new PairTableWriter(temp, records, comparisonNames, ruleNames, resolvedProbability: posterior is not null);
                write(writer);
                writer.Complete();
            });
            files["pairs"] = [pairsPath];
        }

        if (posterior is null)
        {
            WritePairs(Merge);
        }
        else
        {
            Merge(null);
            var (scored, result) = RegisterPosterior.Attach(gathered!.Build(), prepared, posterior, model.PriorMatchWeight);
            (resolvedPairs, posteriorResult) = (scored, result);
            var resolved = scored.Resolved!;
            WritePairs(writer =>
            {
                for (var i = 0; i < scored.Count; i++)
                    Visit(writer, scored.Left[i], scored.Right[i], scored.Weight[i], scored.Probability[i], resolved[i], scored.Rules[i], scored.Gammas.AsSpan(i * k, k));
            });
        }

        progress?.Report(new LinkageProgress("merging", runs.Count, runs.Count, 0));
        Lap("merging");

        progress?.Report(new LinkageProgress("resolution", 0, 1, 0));
        // With the register posterior every kept pair is a candidate: the resolver applies the threshold to the resolved probability.
        var accepted = resolvedPairs ?? candidates.Build();
        var method = config.Resolution.Method;
        var rows = LinkResolver.Resolve(accepted, records, method, threshold);
        var links = accepted.Select(rows);
        for (var i = 0; i < links.Count; i++) evaluation.AddLink(links.Left[i], links.Right[i], links.LinkProbability(i));
        string[]? clusters = method == ResolutionMethod.Clusters ? LinkResolver.Cluster(accepted, rows, records) : null;
        var report = evaluation.ToReport();
        progress?.Report(new LinkageProgress("resolution", 1, 1, 0));
        Lap("resolution");

        progress?.Report(new LinkageProgress("writing", 0, 1, 0));
        var linksPath = Path.Combine(outDir, "links.arrow");
        AtomicFile.Write(linksPath, temp =>
        {
            using var writer = new PairTableWriter(temp, records, comparisonNames, ruleNames, resolvedProbability: links.Resolved is not null);
            for (var i = 0; i < links.Count; i++)
            {
                writer.Append(links.Left[i], links.Right[i], links.Weight[i], links.Probability[i], links.Rules[i], links.Gammas.AsSpan(i * k, k),
                    links.Resolved?[i] ?? double.NaN);
            }

            writer.Complete();
        });
        files["links"] = [linksPath];
        long? clusterCount = null;
        if (clusters is not null)
        {
            files["clusters"] = [WriteAtomically(outDir, "clusters", SourceFormat.Arrow, dir => ClusterTableWriter.Write(dir, SourceFormat.Arrow, records, clusters))];
            clusterCount = CountMultiRecordClusters(clusters);
        }

        // Arrow is the pipeline's own format (streamed, and what notebooks read); every other format the job asks for
        // is converted from it batch by batch, so even a pairs table larger than memory can be had as CSV or Parquet.
        // Each table lists its files in the order the formats were asked for, the Arrow file last when it was not asked for.
        foreach (var name in new[] { "links", "pairs", "clusters" })
        {
            if (!files.TryGetValue(name, out var written)) continue;
            var arrow = written[0];
            files[name] = requested.Select(f => f == SourceFormat.Arrow ? arrow : TableConverter.ConvertArrowFile(arrow, f.ToTableFormat()))
                .Concat(requested.Contains(SourceFormat.Arrow) ? [] : [arrow]).ToList();
        }

        var modelPath = Path.Combine(outDir, "model.json");
        AtomicFile.Write(modelPath, model.Save);
        files["model"] = [modelPath];
        foreach (var (name, paths) in options.ScorerFiles) files[name] = paths;
        var quarantinePath = Path.Combine(outDir, "quarantine.csv");
        AtomicFile.Write(quarantinePath, temp => QuarantineFile.Write(temp, prepared.Quarantine));
        files["quarantine"] = [quarantinePath];
        Lap("writing");
        timings["total"] = Math.Round(timings.Where(t => t.Key != "total").Sum(t => t.Value), 3);

        var sources = prepared.Sources;
        var rowsIn = sources.Sum(s => (long)s.RowsRead);
        var rowsUsed = sources.Sum(s => (long)s.RowsUsed);
        var rowsQuarantined = sources.Sum(s => (long)s.RowsQuarantined);
        var rowsSuperseded = sources.Sum(s => (long)s.RowsSuperseded);
        var pairCounts = new Dictionary<string, long>
        {
            ["compared"] = plan.BlockingReport.TotalComparisons,
            ["kept"] = kept,
            ["links"] = links.Count,
        };
        if (clusterCount is not null) pairCounts["clusters_with_more_than_one_record"] = clusterCount.Value;
        var runReport = new LinkageRunReport
        {
            JobId = options.JobId,
            Job = config.Name,
            ConfigHash = options.ConfigHash,
            LinkType = config.LinkType.ToString().ToSnakeCase(),
            StartedUtc = options.StartedUtc.ToString("O", CultureInfo.InvariantCulture),
            Partitions = plan.PartitionCount,
            Sources = sources,
            Rows = new Dictionary<string, long> { ["read"] = rowsIn, ["used"] = rowsUsed, ["quarantined"] = rowsQuarantined, ["superseded"] = rowsSuperseded },
            Blocking = plan.BlockingReport,
            Pairs = pairCounts,
            Model = model,
            TimingsSeconds = timings,
            Evaluation = report,
            Scorer = options.Scorer == PairScorerKind.Learned ? "learned" : "fellegi-sunter",
            Classifications = config.ClassificationReport(),
            ProbabilityHistogram = histogram,
            RegisterPosterior = posteriorResult,
        };
        if (options.WriteReport)
        {
            var reportPath = Path.Combine(outDir, "report.json");
            AtomicFile.Write(reportPath, temp => File.WriteAllText(temp, JsonSerializer.Serialize(runReport, ReportJson)));
            files["report"] = [reportPath];
            var htmlPath = Path.Combine(outDir, "report.html");
            var scoring = ScoringModel.Create(model, plan.Comparisons, prepared);
            var waterfalls = WaterfallBands.Select((band, i) => samples[i].Left < 0 ? null : new WaterfallSample(band.Label, scoring.Explain(samples[i].Left, samples[i].Right)))
                .OfType<WaterfallSample>().ToList();
            var html = LinkageReportPage.Render(runReport, waterfalls, SelfMatchWeights(scoring), plan.KeepProbability(threshold));
            AtomicFile.Write(htmlPath, temp => File.WriteAllText(temp, html));
            files["report_html"] = [htmlPath];
        }

        // The scorer's own files were written by it beside the outputs already; the staged ones move into place now.
        var all = files.Values.SelectMany(f => f).ToList();
        var staged = all.Where(f => Path.GetDirectoryName(f) == outDir).ToList();
        var published = options.Folder.Publish(staged, all.Except(staged).ToList());
        var finalFiles = files.ToDictionary(kv => kv.Key,
            kv => (IReadOnlyList<string>)kv.Value.Select(f => published.TryGetValue(f, out var p) ? p : f).ToList());
        progress?.Report(new LinkageProgress("writing", 1, 1, 0));

        return new LinkageRunResult
        {
            OutputDirectory = options.Folder.Directory,
            Files = finalFiles,
            RowsRead = rowsIn,
            RowsUsed = rowsUsed,
            RowsQuarantined = rowsQuarantined,
            RowsSuperseded = rowsSuperseded,
            PairsCompared = plan.BlockingReport.TotalComparisons,
            PairsKept = kept,
            Links = links.Count,
            Clusters = clusterCount,
            Timings = timings,
            Blocking = plan.BlockingReport,
            Model = model,
            Evaluation = report,
            RegisterPosterior = posteriorResult,
            LinkedPairs = links,
            ClusterIds = clusters,
        };
    }

    /// <summary>Takes the pair as its band's waterfall sample if the band has none yet; returns 1 when it did.</summary>
    private static int SampleForWaterfall((int Left, int Right)[] samples, int left, int right, double p)
    {
        for (var b = 0; b < WaterfallBands.Length; b++)
        {
            if (p < WaterfallBands[b].Low || p >= WaterfallBands[b].High) continue;
            if (samples[b].Left >= 0) return 0;
            samples[b] = (left, right);
            return 1;
        }

        return 0;
    }

    /// <summary>The best match weight each record (a systematic sample of at most <see cref="UnlinkableSample"/>) can reach: compared with itself.</summary>
    private static double[] SelfMatchWeights(ScoringModel scoring)
    {
        var count = scoring.Prepared.Records.Count;
        var step = Math.Max(1, (count + UnlinkableSample - 1) / UnlinkableSample);
        var comparer = scoring.Comparisons.CreateComparer();
        var gammas = new sbyte[scoring.Comparisons.Count];
        var weights = new double[(count + step - 1) / step];
        for (int i = 0, n = 0; i < count; i += step, n++)
        {
            comparer.Compare(i, i, gammas);
            weights[n] = scoring.MatchWeight(i, i, gammas);
        }

        return weights;
    }

    private static ulong Key(int[] rank, IScoredPairRun run) => ((ulong)(uint)rank[run.Left] << 32) | (uint)rank[run.Right];

    /// <summary>Writes one table through a writer that names its own file, in a private folder, then moves it into <paramref name="outDir"/>.</summary>
    private static string WriteAtomically(string outDir, string name, SourceFormat format, Func<string, string> write)
    {
        var staging = Path.Combine(outDir, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            var written = write(staging);
            var final = Path.Combine(outDir, Path.GetFileName(written));
            File.Move(written, final, overwrite: true);
            return final;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static long CountMultiRecordClusters(string[] clusters)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in clusters) sizes[c] = sizes.GetValueOrDefault(c) + 1;
        return sizes.Values.Count(v => v > 1);
    }
}
