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
    public async Task The_two_drivers_write_tables_of_the_same_schema_and_the_same_report_with_cluster_truth_evaluated()
    {
        // One pipeline, two drivers: the in-process runner and the actor engine must agree on every table's schema
        // (names, types, nullability) and on report.json (all but the fields that identify the run or time it).
        // fake_1000 dedupe evaluates against its truth.cluster_column, which the engine once ignored.
        var examples = Path.GetDirectoryName(RepositoryPaths.Example("fake1000-dedupe.json"))!;
        var job = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryPaths.Example("fake1000-dedupe.json")))!.AsObject();
        foreach (var source in job["sources"]!.AsArray())
            source!["path"] = Path.GetFullPath(Path.Combine(examples, (string)source["path"]!));
        job["outputs"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "formats": ["arrow"], "write_pairs": true }""");
        var jobPath = Path.Combine(_dir.Path, "fake1000.json");
        File.WriteAllText(jobPath, job.ToJsonString());

        var reference = Path.Combine(_dir.Path, "in-process");
        var run = LinkageJob.Run(LinkageJobConfig.Load(jobPath), reference);
        Assert.NotNull(run.Evaluation.F1);
        var (outcome, engine) = await RunAsync(jobPath, 2, "engine-fake1000");
        Assert.True(outcome.Succeeded, outcome.Error);

        foreach (var table in new[] { "links", "pairs", "clusters" })
        {
            Assert.Equal(LinkOutput.SchemaOf(Path.Combine(reference, table + ".arrow")), LinkOutput.SchemaOf(Path.Combine(engine, table + ".arrow")));
            Assert.Equal(LinkOutput.Rows(Path.Combine(reference, table + ".arrow")), LinkOutput.Rows(Path.Combine(engine, table + ".arrow")));
        }

        static System.Text.Json.Nodes.JsonObject Comparable(string path)
        {
            var report = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            foreach (var field in new[] { "job_id", "config_hash", "started_utc", "timings_seconds" }) report.Remove(field);
            foreach (var step in report["model"]!["training"]!.AsArray()) step!.AsObject().Remove("seconds");
            return report;
        }

        var expected = Comparable(Path.Combine(reference, "report.json"));
        var actual = Comparable(Path.Combine(engine, "report.json"));
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
        Assert.True(expected["evaluation"]!["truth_pairs"]!.GetValue<long>() > 2000, "fake_1000's cluster column gives 2,031 true pairs");
        Assert.Contains("\"job_id\": \"engine-fake1000\"", File.ReadAllText(Path.Combine(engine, "report.json")), StringComparison.Ordinal);
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
