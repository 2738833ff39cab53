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
    public void Worker_nodes_score_from_partition_slices_the_seed_ships_and_never_read_the_raw_inputs()
    {
        // The job's inputs are private copies; once the seed has opened (prepared) the job they are deleted, so a
        // worker node that tried to read them would fail. The seed runs no workers: every task crosses to the worker.
        var inputs = Directory.CreateDirectory(Path.Combine(_dir.Path, "inputs")).FullName;
        var job = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(baselines.JobFile(ScoringLoad.Medium)))!.AsObject();
        foreach (var source in job["sources"]!.AsArray())
        {
            var copy = Path.Combine(inputs, Path.GetFileName((string)source!["path"]!));
            File.Copy((string)source["path"]!, copy);
            source["path"] = copy;
        }

        var jobPath = Path.Combine(_dir.Path, "private-inputs.json");
        File.WriteAllText(jobPath, job.ToJsonString());
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 1, seedWorkers: 0);
        var outDir = Path.Combine(_dir.Path, "out");
        using var link = Submit(cluster, jobPath, outDir, "cluster-slices");
        Assert.True(cluster.Seed.WaitForLine(l => l.Contains("Job cluster-slices started", StringComparison.Ordinal), TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
        Directory.Delete(inputs, recursive: true);

        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
        Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Medium), outDir);
        Assert.Contains(cluster.Workers[0].Lines, l => l.Contains("Running partition", StringComparison.Ordinal) && l.Contains("(Scoring)", StringComparison.Ordinal));
        var slices = Path.Combine(outDir, ".adrn", "prepared", "slices");
        Assert.Equal(32, Directory.GetFiles(slices, "score-p*.arrow").Length);
        Assert.NotEmpty(Directory.GetFiles(slices, "count-u*.arrow"));
    }

    [Fact]
    public void A_worker_process_killed_with_SIGKILL_mid_job_does_not_change_the_output()
    {
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 2);
        var outDir = Path.Combine(_dir.Path, "out");
        using var link = Submit(cluster, baselines.JobFile(ScoringLoad.Heavy), outDir, "cluster-kill");

        // Kill a worker node the moment it starts scoring a partition (partitions take seconds
        // here), so it certainly dies holding a task.
        static bool StartsScoring(string line) => line.Contains("Running partition", StringComparison.Ordinal) && line.Contains("(Scoring)", StringComparison.Ordinal);
        AdrnProcess? victim = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (victim is null && clock.Elapsed < TimeSpan.FromSeconds(120) && !link.HasExited)
        {
            victim = cluster.Workers.FirstOrDefault(w => w.Lines.Any(StartsScoring));
            Thread.Sleep(10);
        }

        Assert.True(victim is not null, link.Output + cluster.Output);
        victim!.Kill();
        var held = ScoringTask().Match(victim.Lines.First(StartsScoring)).Groups[1].Value;

        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(180)), link.Output + cluster.Output);
        Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Heavy), outDir);
        // The coordinator noticed the lost node and handed its partition to another worker.
        Assert.Contains(cluster.Seed.Lines, l => l.Contains($"holding partition {held}; handing it out again", StringComparison.Ordinal));
        Assert.Contains(cluster.Seed.Lines, l => l.Contains("Cluster: member unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restarted_seed_node_resumes_the_job_from_its_journal_without_rescoring_finished_partitions()
    {
        var stateDir = Path.Combine(_dir.Path, "seed-state");
        using var cluster = new LoopbackCluster(stateDir, workerNodes: 1);
        var outDir = Path.Combine(_dir.Path, "out");
        using var link = Submit(cluster, baselines.JobFile(ScoringLoad.Medium), outDir, "cluster-resume");
        Assert.True(link.WaitForLine(l => ProgressLine().Match(l) is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 4,
            TimeSpan.FromSeconds(120)), link.Output + cluster.Output);

        cluster.KillAndRestartSeed();

        // The submitting client keeps its subscription alive and gets the outcome from the new coordinator.
        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
        Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
        // Issue 15: the client said so in one line, not in an 18-line Akka stack trace.
        Assert.Single(link.Lines, l => l.StartsWith("[stderr] adrn link: lost the connection to " + cluster.Address, StringComparison.Ordinal));
        Assert.DoesNotContain(link.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)
            || l.Contains("[ERROR]", StringComparison.Ordinal) || l.Contains("[WARNING]", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        Assert.Contains(cluster.Seed.Lines, l => l.Contains("Resuming unfinished job cluster-resume", StringComparison.Ordinal));
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Medium), outDir);
        // The worker node left the cluster of the dead seed and joined the new incarnation
        // (after the split-brain resolver's 20 s stable-after).
        var worker = cluster.Workers[0];
        Assert.True(worker.WaitForLine(l => l.Contains("joining again", StringComparison.Ordinal), TimeSpan.FromSeconds(90)), cluster.Output);
        Assert.True(cluster.Seed.WaitForLine(l => l.Contains("Cluster: member up", StringComparison.Ordinal) && l.Contains(WorkerPort(worker), StringComparison.Ordinal),
            TimeSpan.FromSeconds(60)), cluster.Output);
        cluster.Dispose();
        var events = await Adrn.Engine.Running.JobJournalReader.ReadAsync(
            Adrn.Engine.Hosting.JournalOptions.ForSqliteFile(Path.Combine(stateDir, Adrn.Engine.Hosting.JournalOptions.SqliteFileName)), "cluster-resume", CancellationToken.None);
        var scored = events.OfType<Adrn.Engine.Coordination.JobJournal.PartitionCompleted>()
            .Where(e => e.Result.Phase == Adrn.Engine.Jobs.JobPhase.Scoring).Select(e => e.Result.Partition).ToList();
        Assert.Equal(32, scored.Count);
        Assert.Equal(32, scored.Distinct().Count());
        Assert.Single(events.OfType<Adrn.Engine.Coordination.JobJournal.JobStarted>());
    }

    private static string WorkerPort(AdrnProcess worker) =>
        ":" + NodeAddress().Match(worker.Lines.First(l => NodeAddress().IsMatch(l))).Groups[1].Value;

    [GeneratedRegex(@"^node akka\.tcp://adrn@127\.0\.0\.1:(\d+) up")]
    private static partial Regex NodeAddress();

    [GeneratedRegex(@"^scoring: (\d+)/(\d+) partitions")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"Running partition (\d+) \(Scoring\)")]
    private static partial Regex ScoringTask();

    public void Dispose() => _dir.Dispose();
}
