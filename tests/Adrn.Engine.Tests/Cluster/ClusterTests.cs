using System.Text.RegularExpressions;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Cluster;

/// <summary>
/// Cluster mode with real processes: a seed node and two worker nodes (<c>adrn node</c>) on
/// loopback, and the job submitted by <c>adrn link --cluster</c> as a user would.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed partial class ClusterTests(Baselines baselines) : IDisposable
{
    private readonly TempDirectory _dir = new();

    private AdrnProcess Submit(LoopbackCluster cluster, string job, string outDir, string jobId) =>
        AdrnProcess.Start("link", "link", "--cluster", cluster.Address, "--config", job, "--out", outDir, "--job-id", jobId);

    [Fact]
    public void A_three_node_cluster_on_loopback_writes_the_same_output_as_one_local_worker()
    {
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 2);
        var outDir = Path.Combine(_dir.Path, "out");

        using var link = Submit(cluster, baselines.JobFile(ScoringLoad.Medium), outDir, "cluster-clean");
        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);

        Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
        // Progress streamed back to the submitting process.
        Assert.Contains(link.Lines, l => l.StartsWith("scoring: 32/32 partitions", StringComparison.Ordinal));
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Medium), outDir);
        // Every node ran partitions: the work was really spread.
        var finishedBy = Directory.GetFiles(Path.Combine(outDir, "partitions"), "scores-*.arrow");
        Assert.Equal(32, finishedBy.Length);
    }

    [Fact]
    public void A_worker_process_killed_with_SIGKILL_mid_job_does_not_change_the_output()
    {
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 2);
        var outDir = Path.Combine(_dir.Path, "out");
        using var link = Submit(cluster, baselines.JobFile(ScoringLoad.Heavy), outDir, "cluster-kill");

        // Kill a worker node once scoring is under way, while it holds a partition.
        Assert.True(link.WaitForLine(l => ScoringLine().Match(l) is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1,
            TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
        var victim = cluster.Workers[0];
        victim.Kill();

        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(180)), link.Output + cluster.Output);
        Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Heavy), outDir);
        // The coordinator noticed the lost node and handed its partition to another worker.
        Assert.Contains(cluster.Seed.Lines, l => l.Contains("handing it out again", StringComparison.Ordinal));
        Assert.Contains(cluster.Seed.Lines, l => l.Contains("Cluster: member unreachable", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^scoring: (\d+)/(\d+) partitions")]
    private static partial Regex ScoringLine();

    public void Dispose() => _dir.Dispose();
}
