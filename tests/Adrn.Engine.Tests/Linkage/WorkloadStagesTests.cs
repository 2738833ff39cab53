using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Linkage;

/// <summary>
/// The coordinator's workload driven stage by stage as the runtime drives it: training happens once (asked again, it
/// answers the same model), the training plan goes once the model exists and the blocking plan once the outputs are
/// written, and a stage that would need them afterwards says so instead of failing obscurely.
/// </summary>
public sealed class WorkloadStagesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Training_is_done_once_and_the_plans_are_let_go_when_their_stage_is_over()
    {
        var job = TestJobs.WriteFebrl4(Path.Combine(_dir.Path, "jobs"), ScoringLoad.Light);
        var descriptor = new JobDescriptor("stages", job, Path.Combine(_dir.Path, "out"), new Dictionary<string, string>());
        using var workload = LinkageJobWorkload.Open(descriptor);
        var work = Path.Combine(_dir.Path, "work");
        Directory.CreateDirectory(work);

        var counts = Enumerable.Range(0, workload.CountingUnitCount).Select(u => Path.Combine(work, $"c{u}.bin")).ToList();
        for (var u = 0; u < counts.Count; u++) workload.CountPatterns(u, counts[u], CancellationToken.None);
        var model = workload.TrainModel(counts, CancellationToken.None);
        Assert.Equal(model, workload.TrainModel(counts, CancellationToken.None));
        var released = Assert.Throws<InvalidOperationException>(() => workload.CountPatterns(0, Path.Combine(work, "again.bin"), CancellationToken.None));
        Assert.Contains("released", released.Message, StringComparison.Ordinal);

        var scores = Enumerable.Range(0, workload.PartitionCount).Select(p => Path.Combine(work, $"s{p}.arrow")).ToList();
        long kept = 0;
        for (var p = 0; p < scores.Count; p++) kept += workload.ScorePartition(p, model, scores[p], CancellationToken.None).Rows;
        var summary = workload.WriteOutputs(scores, model, CancellationToken.None);
        Assert.Equal(kept, summary.PairsWritten);
        Assert.True(File.Exists(Path.Combine(descriptor.OutputDirectory, "links.arrow")));
        Assert.Throws<InvalidOperationException>(() => workload.ScorePartition(0, model, Path.Combine(work, "again.arrow"), CancellationToken.None));
    }

    public void Dispose() => _dir.Dispose();
}
