using System.Globalization;
using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;

namespace Adrn.Engine.Tests.Linkage;

/// <summary>Real linkage jobs (FEBRL dataset 4) on the engine in local mode, in this process.</summary>
[Collection(EngineEndToEnd.Name)]
public sealed class LocalLinkageTests(Baselines baselines) : IDisposable
{
    private readonly TempDirectory _dir = new();

    private async Task<(JobOutcome Outcome, string Out)> RunAsync(string job, int workers, string name)
    {
        var outDir = Path.Combine(_dir.Path, name);
        var descriptor = new JobDescriptor(name, job, outDir, new Dictionary<string, string>());
        var options = new LocalEngineOptions
        {
            WorkerCount = workers,
            Journal = JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName)),
        };
        var outcome = await LocalJobRunner.RunAsync(JobRequest.Start(descriptor), options, new LinkageJobWorkloadFactory(), null, CancellationToken.None);
        return (outcome, outDir);
    }

    [Fact]
    public async Task Four_workers_in_one_process_write_the_same_pairs_links_and_model_as_one_worker()
    {
        var (outcome, outDir) = await RunAsync(baselines.JobFile(ScoringLoad.Light), 4, "four-workers");

        Assert.True(outcome.Succeeded, outcome.Error);
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Light), outDir);
    }

    [Fact]
    public void The_engine_writes_the_same_links_and_model_as_the_in_process_linkage_runner()
    {
        // The linkage library's own runner (Parallel.For in one process) is the reference: the
        // actor engine must not change a single link or parameter.
        var job = baselines.JobFile(ScoringLoad.Light);
        var reference = Path.Combine(_dir.Path, "reference");
        LinkageJob.Run(LinkageJobConfig.Load(job), reference);

        var engine = baselines.OutputOf(ScoringLoad.Light);
        Assert.Equal(LinkOutput.Rows(Path.Combine(reference, "links.arrow")), LinkOutput.Rows(Path.Combine(engine, "links.arrow")));
        Assert.Equal(LinkOutput.ModelParameters(Path.Combine(reference, "model.json")), LinkOutput.ModelParameters(Path.Combine(engine, "model.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "quarantine.csv")), File.ReadAllText(Path.Combine(engine, "quarantine.csv")));
    }

    [Fact]
    public void Febrl4_links_agree_with_the_published_true_pairs()
    {
        // Truth: FEBRL's own dataset4 pair list (5,000 duplicates of 5,000 originals), read here
        // directly, not through the linkage library's evaluation code.
        var truth = File.ReadAllLines(TestJobs.Febrl4TruthPairs).Skip(1)
            .Select(l => l.Split(','))
            .Select(p => (p[0].Trim(), p[1].Trim()))
            .ToHashSet();
        var links = LinkOutput.IdPairs(Path.Combine(baselines.OutputOf(ScoringLoad.Light), "links.arrow"));

        var truePositives = links.Count(l => truth.Contains(l) || truth.Contains((l.Right, l.Left)));
        var precision = (double)truePositives / links.Count;
        var recall = (double)truePositives / truth.Count;
        Assert.Equal(5000, truth.Count);
        Assert.True(precision >= 0.99, string.Create(CultureInfo.InvariantCulture, $"precision {precision:F4}"));
        Assert.True(recall >= 0.99, string.Create(CultureInfo.InvariantCulture, $"recall {recall:F4}"));
    }

    public void Dispose() => _dir.Dispose();
}
