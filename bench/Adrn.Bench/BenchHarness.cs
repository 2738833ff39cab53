using System.Diagnostics;
using System.Globalization;
using Adrn.Bench.Peer;
using Adrn.Bench.Scaling;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;
using Adrn.Synthetic;

namespace Adrn.Bench;

/// <summary>
/// The end-to-end harness: per size, generates synthetic data, runs the engine end to end, then times
/// compare+score of the same candidate pairs by the engine and by the DuckDB SQL peer at each thread count,
/// optionally checks them pair by pair, and writes a Markdown report.
/// </summary>
public static class BenchHarness
{
    /// <summary>Runs every case and writes the report.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="log">Progress lines (e.g. Console.WriteLine), or null.</param>
    /// <returns>The results and the path of the Markdown file.</returns>
    public static (IReadOnlyList<BenchCaseResult> Cases, string MarkdownPath) Run(BenchOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Records.Count == 0) throw new ArgumentException("at least one record count is needed", nameof(options));
        if (options.Employers is not null && options.Employers.Count != options.Records.Count)
            throw new ArgumentException($"{options.Employers.Count} employer counts for {options.Records.Count} record counts", nameof(options));
        if (!File.Exists(options.ConfigPath)) throw new FileNotFoundException($"job config not found: {options.ConfigPath}", options.ConfigPath);
        log ??= _ => { };
        var cases = new List<BenchCaseResult>();
        for (var i = 0; i < options.Records.Count; i++)
        {
            var employees = options.Records[i];
            var employers = options.Employers?[i] ?? (int)Math.Max(10, employees / 10);
            cases.Add(RunCase(options, employees, employers, log));
        }

        var markdown = BenchReport.ToMarkdown(cases, Environment.ProcessorCount);
        Directory.CreateDirectory(options.ResultsDirectory);
        var name = options.ResultsFileName ?? "benchmark-" + string.Join("-", options.Records.Select(r => r.ToString(CultureInfo.InvariantCulture))) + ".md";
        var path = Path.Combine(options.ResultsDirectory, name);
        File.WriteAllText(path, markdown);
        log(markdown);
        return (cases, path);
    }

    private static BenchCaseResult RunCase(BenchOptions options, long employees, int employers, Action<string> log)
    {
        var profile = options.NoiseProfile == NoiseProfiles.DefaultName ? "" : "-" + options.NoiseProfile;
        var dataDir = Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"data-{employees}-{employers}-{options.Seed}{profile}"));
        if (!File.Exists(Path.Combine(dataDir, "employers.csv")) || !File.Exists(Path.Combine(dataDir, "employees.csv")))
        {
            log($"generating {employees} employees / {employers} employers into {dataDir}");
            var sw = Stopwatch.StartNew();
            SyntheticPopulation.Generate(NoiseProfiles.Apply(new SyntheticPopulationOptions
            {
                Employees = employees,
                Employers = employers,
                Cohort = (int)Math.Clamp(employees / 50, 10, 2_000),
                Seed = options.Seed,
                Formats = OutputFormats.Csv,
            }, options.NoiseProfile), dataDir);
            log($"generated in {sw.Elapsed.TotalSeconds:F1} s");
        }

        // 0. The actor engine as the user runs it, as processes (first, while this process holds no large state).
        var engineRuns = options.Processes.Count == 0
            ? []
            : EngineRuns.Run(options.AdrnDll, Path.GetFullPath(options.ConfigPath), Path.GetFullPath(dataDir),
                Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"runs-{employees}-{employers}")), options.Processes, log);

        var config = LinkageJobConfig.Load(options.ConfigPath, new Dictionary<string, string> { ["data"] = dataDir });
        var maxThreads = options.Threads.Max();

        // 1. The engine end to end (trains its model, which the peer then uses).
        var outDir = Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"out-{employees}-{employers}"));
        PeakMemory.Reset();
        log($"engine end to end, {maxThreads} threads");
        // The work folder is kept between runs (the generated data is reused): the previous run's outputs are replaced.
        var run = LinkageJob.Run(config, outDir, new LinkageRunOptions { MaxDegreeOfParallelism = maxThreads, ReplaceOutputs = true });
        var enginePeak = PeakMemory.PeakMiB();
        var modelPath = run.Files["model"][0];
        log($"engine: {run.PairsCompared} candidate pairs, total {run.Timings["total"]} s, peak {enginePeak:F0} MiB");
        var stages = run.Timings;
        var candidatePairs = run.PairsCompared;

        // 2. Compare+score of the same pairs, engine and peer, per thread count.
        PeakMemory.Reset();
        var linkage = LinkagePipeline.Open(config);
        var prepared = linkage.Prepared;
        var plan = linkage.Blocking;
        var comparisons = linkage.Comparisons;
        var model = MatchModel.Load(modelPath);
        var scoring = ScoringModel.Create(model, comparisons, prepared);
        var keep = Math.Min(config.Resolution.KeepProbability, config.Resolution.MatchProbability);
        var keepWeight = keep <= 0 ? double.NegativeInfinity : Math.Log2(keep / (1 - keep));
        // Small cases are repeated so JIT warm-up and timer noise do not dominate.
        var repeats = candidatePairs < 2_000_000 ? 3 : 1;

        using var peer = DuckDbPeer.Open(config, prepared, plan.Keys);
        log($"peer loaded in {peer.LoadSeconds:F2} s");
        var measurements = new List<ScoringMeasurement>();
        foreach (var threads in options.Threads)
        {
            double engineBest = double.MaxValue, peerBest = double.MaxValue;
            long engineKept = 0, peerKept = 0;
            PeakMemory.Reset();
            for (var r = 0; r < repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                var batches = ScoreUnordered(plan, scoring, keep, threads);
                engineBest = Math.Min(engineBest, sw.Elapsed.TotalSeconds);
                engineKept = batches.Sum(b => (long)b.Count);
            }

            var enginePeakScoring = PeakMemory.PeakMiB();
            PeakMemory.Reset();
            for (var r = 0; r < repeats; r++)
            {
                var (pairs, seconds) = peer.ScoreIntoTable(model, keepWeight, threads);
                peerBest = Math.Min(peerBest, seconds);
                peerKept = pairs;
            }

            var peerPeakScoring = PeakMemory.PeakMiB();
            log(string.Create(CultureInfo.InvariantCulture, $"threads {threads}: engine {engineBest:F3} s ({engineKept} kept), peer {peerBest:F3} s ({peerKept} kept)"));
            measurements.Add(new ScoringMeasurement(threads, engineBest, peerBest, engineKept, peerKept, enginePeakScoring, peerPeakScoring));
        }

        // The engine's merge of partition batches into id order is part of LinkageJob's "scoring" lap but not of
        // the peer's work (CREATE TABLE AS has no order), so it is measured apart.
        var mergeClock = Stopwatch.StartNew();
        _ = ScoredPairBatch.Merge(ScoreUnordered(plan, scoring, keep, maxThreads), prepared.Records.IdRank, comparisons.Count);
        var scoreAndMerge = mergeClock.Elapsed.TotalSeconds;

        // EM runs on the agreement-pattern histogram, whose size is bounded by the distinct gamma vectors, not
        // by the pairs: count all candidate pairs' patterns, then time 25 full EM iterations (tolerance 0).
        var patternClock = Stopwatch.StartNew();
        var partial = new AgreementPatternCounts[plan.Partitions.Count];
        Parallel.For(0, plan.Partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = maxThreads },
            () => comparisons.CreateComparer(candidatePairs / maxThreads),
            (p, _, comparer) =>
            {
                partial[p] = AgreementPatternCounter.Count(plan.Partitions[p], comparer);
                return comparer;
            },
            _ => { });
        var counts = new AgreementPatternCounts(comparisons.Count);
        foreach (var c in partial) counts.Merge(c);
        var patternSeconds = patternClock.Elapsed.TotalSeconds;
        var m = model.Comparisons.Select(c => Enumerable.Range(0, c.GammaCount).Select(g => c.Level(g).M ?? 0.5).ToArray()).ToArray();
        var u = model.Comparisons.Select(c => Enumerable.Range(0, c.GammaCount).Select(g => c.Level(g).U ?? 0.5).ToArray()).ToArray();
        var emClock = Stopwatch.StartNew();
        var em = ExpectationMaximisation.Run(counts, Math.Clamp(model.ProbabilityTwoRandomRecordsMatch, 1e-9, 0.5), m, u,
            Enumerable.Repeat(true, m.Length).ToArray(), estimateU: true, maxIterations: 25, tolerance: 0);
        var emSeconds = emClock.Elapsed.TotalSeconds;
        log(string.Create(CultureInfo.InvariantCulture, $"patterns: {counts.PatternCount} in {patternSeconds:F3} s; EM {em.Iterations.Count} iterations in {emSeconds:F4} s; score+merge {scoreAndMerge:F3} s"));

        if (options.Explain)
        {
            Directory.CreateDirectory(options.ResultsDirectory);
            var planPath = Path.Combine(options.ResultsDirectory, string.Create(CultureInfo.InvariantCulture, $"peer-plan-{employees}.txt"));
            File.WriteAllText(planPath, peer.ExplainAnalyze(model, keepWeight, maxThreads));
            log($"peer plan written to {planPath}");
        }

        PeerVerification? verification = null;
        if (options.Verify)
        {
            verification = PeerVerifier.Verify(prepared, plan, scoring, peer, maxThreads);
            log($"verification: {verification}");
        }

        return new BenchCaseResult
        {
            Employees = employees,
            Employers = employers,
            CandidatePairs = candidatePairs,
            EngineStages = stages,
            EngineThreads = maxThreads,
            EnginePeakMiB = enginePeak,
            PeerLoadSeconds = peer.LoadSeconds,
            Scoring = measurements,
            Verification = verification,
            EngineScoreAndMergeSeconds = scoreAndMerge,
            Patterns = counts.PatternCount,
            PatternCountSeconds = patternSeconds,
            EmIterations = em.Iterations.Count,
            EmSeconds = emSeconds,
            LoadAverage = LoadAverage(),
            EngineRuns = engineRuns,
        };
    }

    /// <summary>1-minute load average (other work on the machine makes timings noisy), or NaN.</summary>
    private static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// Compare+score of every partition on <paramref name="threads"/> threads, one comparer per thread kept across the
    /// partitions it takes, without the per-partition sort of the pipeline's scoring stage (the peer's
    /// CREATE TABLE AS does not order either).
    /// </summary>
    internal static ScoredPairBatch[] ScoreUnordered(BlockingPlan plan, ScoringModel scoring, double keep, int threads)
    {
        var batches = new ScoredPairBatch[plan.Partitions.Count];
        var pairsPerThread = plan.Partitions.Sum(x => x.PairUpperBound) / Math.Max(1, threads);
        Parallel.For(0, plan.Partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => scoring.Comparisons.CreateComparer(pairsPerThread),
            (p, _, comparer) =>
            {
                batches[p] = PartitionScorer.Score(plan.Partitions[p], scoring, keep, comparer);
                return comparer;
            },
            _ => { });
        return batches;
    }
}
