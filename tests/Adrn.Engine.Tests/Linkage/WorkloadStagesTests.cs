using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Linkage;

/// <summary>
/// The coordinator's workload driven stage by stage as the runtime drives it, shipping slices as it does for workers on
/// other nodes: training happens once (asked again, it answers the same model), the plans it lets go of once their stage
/// is over are built again, identical, when a unit or a partition is run again (a resumed job whose result is damaged).
/// </summary>
public sealed class WorkloadStagesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_value_tables_are_written_once_the_records_are_prepared_before_blocking_ends()
    {
        // A job whose blocking exceeds its comparison cap fails after preparing its records: the value tables that
        // workers on other nodes wait for were written by then (and the failed opening waited for them).
        var job = TestJobs.WriteFebrl4(Path.Combine(_dir.Path, "jobs"), ScoringLoad.Light);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(job))!;
        node["max_comparisons"] = 10;
        var capped = Path.Combine(_dir.Path, "jobs", "capped.json");
        File.WriteAllText(capped, node.ToJsonString());
        var descriptor = new JobDescriptor("capped", capped, Path.Combine(_dir.Path, "out-capped"), new Dictionary<string, string>());

        Assert.Throws<Adrn.Linkage.Blocking.ComparisonCapExceededException>(() => LinkageJobWorkload.Open(descriptor));

        var directory = LinkageJobWorkload.PreparedDirectory(descriptor);
        var hash = Adrn.Linkage.Preparation.PreparedJobFiles.HashOfValues(directory);
        Assert.NotNull(hash);
        var config = Adrn.Linkage.Configuration.LinkageJobConfig.Load(capped);
        var values = Adrn.Linkage.Preparation.PreparedJobFiles.ReadValues(directory, config, hash);
        var prepared = Adrn.Linkage.Preparation.LinkagePreparation.Prepare(config);
        Assert.NotEmpty(prepared.Records.Columns);
        foreach (var column in prepared.Records.Columns)
            Assert.Equal(column.Values, values.Records.Column(column.Name).Values);
        // The records themselves (what a resumed coordinator reads) follow only once the job is open.
        Assert.False(Adrn.Linkage.Preparation.PreparedJobFiles.IsComplete(directory, hash));
    }

    [Fact]
    public async Task Training_is_done_once_and_a_unit_or_partition_run_again_after_its_stage_gives_the_same_result()
    {
        var job = TestJobs.WriteFebrl4(Path.Combine(_dir.Path, "jobs"), ScoringLoad.Light);
        var descriptor = new JobDescriptor("stages", job, Path.Combine(_dir.Path, "out"), new Dictionary<string, string>());
        using var workload = LinkageJobWorkload.Open(descriptor);
        var work = Path.Combine(_dir.Path, "work");
        Directory.CreateDirectory(work);

        // Shipping as for a remote worker: the slice is written and the value tables are there when the task may go.
        await workload.ShipAsync(JobPhase.Counting, 0, CancellationToken.None);
        Assert.True(File.Exists(LinkageJobWorkload.SlicePath(descriptor, JobPhase.Counting, 0)));
        Assert.NotNull(Adrn.Linkage.Preparation.PreparedJobFiles.HashOfValues(LinkageJobWorkload.PreparedDirectory(descriptor)));

        var counts = Enumerable.Range(0, workload.CountingUnitCount).Select(u => Path.Combine(work, $"c{u}.bin")).ToList();
        for (var u = 0; u < counts.Count; u++) workload.CountPatterns(u, counts[u], CancellationToken.None);
        var model = workload.TrainModel(counts, CancellationToken.None);
        Assert.Equal(model, workload.TrainModel(counts, CancellationToken.None));
        var again = Path.Combine(work, "c0-again.bin");
        workload.CountPatterns(0, again, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(counts[0]), File.ReadAllBytes(again));

        await workload.ShipAsync(JobPhase.Scoring, 0, CancellationToken.None);
        Assert.True(File.Exists(LinkageJobWorkload.SlicePath(descriptor, JobPhase.Scoring, 0)));
        var scores = Enumerable.Range(0, workload.PartitionCount).Select(p => Path.Combine(work, $"s{p}.arrow")).ToList();
        long kept = 0;
        for (var p = 0; p < scores.Count; p++) kept += workload.ScorePartition(p, model, scores[p], CancellationToken.None).Rows;
        var summary = workload.WriteOutputs(scores, model, CancellationToken.None);
        Assert.Equal(kept, summary.PairsWritten);
        Assert.True(File.Exists(Path.Combine(descriptor.OutputDirectory, "links.arrow")));
        var scoredAgain = Path.Combine(work, "s0-again.arrow");
        workload.ScorePartition(0, model, scoredAgain, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(scores[0]), File.ReadAllBytes(scoredAgain));
    }

    public void Dispose() => _dir.Dispose();
}
