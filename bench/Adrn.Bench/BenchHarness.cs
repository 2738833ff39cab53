using System.Diagnostics;
using System.Globalization;
using Adrn.Bench.Peer;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
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
        var dataDir = Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"data-{employees}-{employers}-{options.Seed}"));
        if (!File.Exists(Path.Combine(dataDir, "employers.csv")) || !File.Exists(Path.Combine(dataDir, "employees.csv")))
        {
            log($"generating {employees} employees / {employers} employers into {dataDir}");
            var sw = Stopwatch.StartNew();
            SyntheticPopulation.Generate(new SyntheticPopulationOptions
            {
                Employees = employees,
                Employers = employers,
                Cohort = (int)Math.Clamp(employees / 50, 10, 2_000),
                Seed = options.Seed,
                Formats = OutputFormats.Csv,
            }, dataDir);
            log($"generated in {sw.Elapsed.TotalSeconds:F1} s");
        }

        var config = LinkageJobConfig.Load(options.ConfigPath, new Dictionary<string, string> { ["data"] = dataDir });
        var maxThreads = options.Threads.Max();

        // 1. The engine end to end (trains its model, which the peer then uses).
        var outDir = Path.Combine(options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"out-{employees}-{employers}"));
        PeakMemory.Reset();
        log($"engine end to end, {maxThreads} threads");
        var run = LinkageJob.Run(config, outDir, new LinkageRunOptions { MaxDegreeOfParallelism = maxThreads });
        var enginePeak = PeakMemory.PeakMiB();
        var modelPath = run.Files["model"][0];
        log($"engine: {run.PairsCompared} candidate pairs, total {run.Timings["total"]} s, peak {enginePeak:F0} MiB");
        var stages = run.Timings;
        var candidatePairs = run.PairsCompared;

        // 2. Compare+score of the same pairs, engine and peer, per thread count.
        PeakMemory.Reset();
        var prepared = LinkagePreparation.Prepare(config);
        var plan = BlockingPlan.Build(prepared, config.BlockingRules, config.Partitions);
        var comparisons = ComparisonSet.Create(prepared, config.Comparisons);
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
                var batches = ScoreAll(prepared, plan, scoring, keep, threads);
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

        PeerVerification? verification = null;
        if (options.Verify)
        {
            verification = Verify(prepared, plan, scoring, peer, model, comparisons.Count, maxThreads);
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
        };
    }

    /// <summary>The engine's compare+score exactly as LinkageJob.Run does it: partitions in parallel.</summary>
    private static ScoredPairBatch[] ScoreAll(PreparedLinkage prepared, BlockingPlan plan, ScoringModel scoring, double minProbability, int threads)
    {
        var batches = new ScoredPairBatch[plan.Partitions.Count];
        Parallel.For(0, plan.Partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            p => batches[p] = PartitionScorer.Score(prepared, plan.Partitions[p], scoring, minProbability));
        return batches;
    }

    /// <summary>Scores all candidate pairs on both sides (no probability cut) and compares them pair by pair.</summary>
    private static PeerVerification Verify(PreparedLinkage prepared, BlockingPlan plan, ScoringModel scoring, DuckDbPeer peer, MatchModel model, int k, int threads)
    {
        var batches = ScoreAll(prepared, plan, scoring, 0, threads);
        peer.ScoreIntoTable(model, double.NegativeInfinity, threads);
        var peerPairs = peer.ReadScored(k);
        long enginePairs = 0, oneOnly = 0, gammaMismatch = 0, matched = 0;
        var maxDiff = 0.0;
        foreach (var b in batches)
        {
            for (var i = 0; i < b.Count; i++)
            {
                enginePairs++;
                if (!peerPairs.TryGetValue(DuckDbPeer.PairKey(b.Left[i], b.Right[i]), out var p))
                {
                    oneOnly++;
                    continue;
                }

                matched++;
                if (!b.Gammas.AsSpan(i * k, k).SequenceEqual(p.Gammas)) gammaMismatch++;
                maxDiff = Math.Max(maxDiff, Math.Abs(b.Weight[i] - p.Weight));
            }
        }

        oneOnly += peerPairs.Count - matched;
        return new PeerVerification(enginePairs, peerPairs.Count, oneOnly, gammaMismatch, maxDiff);
    }
}
