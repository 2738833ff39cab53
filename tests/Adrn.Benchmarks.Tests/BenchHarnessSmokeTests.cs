using Adrn.Bench;

namespace Adrn.Benchmarks.Tests;

/// <summary>CI smoke run of the end-to-end harness on a tiny synthetic case (the real sizes run from bench/run.sh).</summary>
public sealed class BenchHarnessSmokeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "adrn-bench-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Harness_on_a_tiny_case_gives_the_peer_the_same_pairs_and_weights_and_writes_the_tables()
    {
        var (cases, path) = BenchHarness.Run(new BenchOptions
        {
            Records = [3_000],
            Employers = [100],
            Threads = [1, 2],
            Processes = [1, 2],
            WorkDirectory = Path.Combine(_dir, "work"),
            ResultsDirectory = Path.Combine(_dir, "results"),
            ResultsFileName = "smoke.md",
        });

        var result = Assert.Single(cases);
        var v = result.Verification;
        Assert.NotNull(v);
        // (a) the same candidate pairs on both sides, and as many as blocking reported.
        Assert.True(v.EnginePairs > 1_000, $"only {v.EnginePairs} pairs: the check would be trivial");
        Assert.Equal(result.CandidatePairs, v.EnginePairs);
        Assert.Equal(v.EnginePairs, v.PeerPairs);
        Assert.Equal(0, v.PairsInOneOnly);
        Assert.Equal(0, v.GammaMismatches);
        // (b) the same match weights to 1e-9.
        Assert.InRange(v.MaxWeightDifference, 0, 1e-9);
        // The check exercised more than exact agreement: several gamma vectors (noisy names, postcodes).
        Assert.True(v.DistinctGammaVectors >= 5, $"only {v.DistinctGammaVectors} distinct gamma vectors");
        Assert.All(result.Scoring, m => Assert.Equal(m.EngineKept, m.PeerKept));

        // (c) the actor engine run as processes (adrn link locally with 1 and 2 workers; a seed plus 1 and 2 worker
        // node processes over Akka remoting on 127.0.0.1) writes the same links as every other run, and as many
        // pairs as the in-process scorer kept: the scaling table compares equal work.
        Assert.Equal(["local/1/1", "local/1/2", "cluster/1/1", "cluster/2/2"], result.EngineRuns.Select(r => $"{r.Mode}/{r.Processes}/{r.Workers}"));
        Assert.All(result.EngineRuns, r =>
        {
            Assert.Equal(result.EngineRuns[0].LinksDigest, r.LinksDigest);
            Assert.Equal(result.Scoring[0].EngineKept, r.PairsWritten);
            // The client's progress lines were seen in order: counting before scoring, both before the exit.
            Assert.True(r.CountingSeconds >= 0 && r.TrainingSeconds >= 0 && r.ScoringSeconds >= 0 && r.WriteSeconds >= 0 && r.OpenSeconds > 0,
                $"{r.Mode} x{r.Processes}: stages {r.OpenSeconds}/{r.CountingSeconds}/{r.TrainingSeconds}/{r.ScoringSeconds}/{r.WriteSeconds} s");
            Assert.True(r.PeakRssMaxMiB > 20, $"{r.Mode} x{r.Processes}: peak RSS {r.PeakRssMaxMiB} MiB");
            Assert.True(r.CpuSeconds > 0.1, $"{r.Mode} x{r.Processes}: {r.CpuSeconds} CPU s");
        });
        Assert.True(result.EngineRuns[3].PeakRssSumMiB > result.EngineRuns[2].PeakRssSumMiB, "two worker processes must add a process's memory to the sum");

        // (d) the Markdown tables with the expected columns, one scaling row per thread count.
        Assert.Equal(Path.Combine(_dir, "results", "smoke.md"), path);
        var lines = File.ReadAllLines(path);
        Assert.Contains("| records | employers | candidate pairs | threads | load s | block s | train s | compare+score s | resolve s | write s | total s | pairs/s | peak RSS MiB |", lines);
        Assert.Contains("| records | threads | candidate pairs | kept (engine) | kept (peer) | engine compare+score s | peer compare+score s | engine pairs/s | peer pairs/s | engine/peer speed | engine peak RSS MiB | peer peak RSS MiB | peer load s |", lines);
        Assert.Equal(2, lines.Count(l => l.StartsWith("| 3,000 | 1 |", StringComparison.Ordinal) || l.StartsWith("| 3,000 | 2 |", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("| 3,000 |", StringComparison.Ordinal) && l.EndsWith("| yes |", StringComparison.Ordinal));
        Assert.Contains("| " + string.Join(" | ", BenchReport.ProcessColumns) + " |", lines);
        Assert.Equal(4, lines.Count(l => l.StartsWith("| 3,000 | local |", StringComparison.Ordinal) || l.StartsWith("| 3,000 | cluster |", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
