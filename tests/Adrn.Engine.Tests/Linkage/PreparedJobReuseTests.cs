using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Linkage;

/// <summary>Prepare once: a job opened again (a resumed coordinator) reads its prepared files instead of its inputs when they are unchanged.</summary>
public sealed class PreparedJobReuseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_reopened_job_reads_its_prepared_files_when_the_inputs_are_unchanged_and_prepares_again_when_they_changed()
    {
        var job = TestJobs.WriteFebrl4(Path.Combine(_dir.Path, "jobs"), ScoringLoad.Light);
        var outDir = Path.Combine(_dir.Path, "out");
        var descriptor = new JobDescriptor("reuse", job, outDir, new Dictionary<string, string>());
        var outcome = await LocalJobRunner.RunAsync(JobRequest.Start(descriptor),
            new LocalEngineOptions { WorkerCount = 2, Journal = JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName)) },
            new LinkageJobWorkloadFactory(), null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.True(File.Exists(Path.Combine(LinkageJobWorkload.PreparedDirectory(descriptor), "manifest.json")));

        var first = LinkageJobWorkload.Open(descriptor);
        Assert.True(first.PreparedFromFiles);
        Assert.Contains("prepared job", first.OpenedFrom!, StringComparison.Ordinal);
        // Counting a unit from the reused records gives the counts the finished job journalled for it.
        var counts = Path.Combine(_dir.Path, "unit0.bin");
        var work = first.CountPatterns(0, counts, CancellationToken.None);
        Assert.Equal(new FileInfo(Path.Combine(outDir, "partitions", "counts-p00000.bin")).Length, new FileInfo(counts).Length);
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "partitions", "counts-p00000.bin")), File.ReadAllBytes(counts));
        Assert.True(work.PairsCompared > 0);
        var firstHash = first.ConfigHash;
        // The open workload holds the job's output folder; another workload of the job waits until it is closed.
        Assert.Throws<Adrn.Linkage.Output.OutputFolderException>(() => LinkageJobWorkload.Open(descriptor));
        first.Dispose();

        // Changed inputs: another hash, so the job is prepared from its inputs again (a resume would be refused).
        var changed = Path.Combine(_dir.Path, "jobs", "changed.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(job))!;
        node["description"] = "changed";
        File.WriteAllText(changed, node.ToJsonString());
        using var second = LinkageJobWorkload.Open(descriptor with { ConfigPath = changed });
        Assert.False(second.PreparedFromFiles);
        Assert.NotEqual(firstHash, second.ConfigHash);
    }

    public void Dispose() => _dir.Dispose();
}
