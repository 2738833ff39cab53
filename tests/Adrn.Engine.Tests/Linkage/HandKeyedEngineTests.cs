using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Synthetic;

namespace Adrn.Engine.Tests.Linkage;

/// <summary>
/// The hand-keyed employer job (MinHash, one-edit, PAYE-part and sorted-neighbourhood blocking, soft TF-IDF levels, term
/// frequencies from the register, the register posterior) on the actor engine, locally and on a cluster whose worker node
/// scores from partition slices: the same pairs and links, with the same resolved probabilities, as in process.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class HandKeyedEngineTests(HandKeyedEngineTests.Reference reference) : IClassFixture<HandKeyedEngineTests.Reference>, IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>A small hand-keyed population and the example job's in-process run over it (the reference output).</summary>
    public sealed class Reference : IDisposable
    {
        private readonly TempDirectory _dir = new("adrn-hand-keyed-");

        public Reference()
        {
            Data = Path.Combine(_dir.Path, "data");
            SyntheticPopulation.Generate(NoiseProfiles.HandKeyed(new SyntheticPopulationOptions
            {
                Employers = 800, Employees = 8_000, Cohort = 100, Years = 2, Seed = 3, Formats = OutputFormats.Csv,
            }), Data);
            // A copy of the example that also writes pairs, under the temp folder (a cluster node's data root).
            var job = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryPaths.Example("employee-employer-hand-keyed.json")))!.AsObject();
            job["outputs"] = new System.Text.Json.Nodes.JsonObject { ["formats"] = new System.Text.Json.Nodes.JsonArray("arrow"), ["write_pairs"] = true };
            JobFile = Path.Combine(_dir.Path, "employee-employer-hand-keyed.json");
            File.WriteAllText(JobFile, job.ToJsonString());
            Output = Path.Combine(_dir.Path, "in-process");
            Result = LinkageJob.Run(LinkageJobConfig.Load(JobFile, Variables), Output);
        }

        public string Data { get; }

        public string JobFile { get; }

        public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string> { ["data"] = Data };

        public string Output { get; }

        public LinkageRunResult Result { get; }

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public async Task The_engine_links_hand_keyed_payroll_rows_exactly_as_the_in_process_runner_with_resolved_probabilities()
    {
        var outDir = Path.Combine(_dir.Path, "engine");
        var options = new LocalEngineOptions
        {
            WorkerCount = 2,
            Journal = JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName)),
        };
        var outcome = await LocalJobRunner.RunAsync(JobRequest.Start(new JobDescriptor("hand-keyed", reference.JobFile, outDir, reference.Variables)), options,
            new LinkageJobWorkloadFactory(), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        LinkOutput.AssertSameOutputs(reference.Output, outDir);
        var engineLinks = LinkOutput.Rows(Path.Combine(outDir, "links.arrow"));
        Assert.Equal(reference.Result.Links, engineLinks.Count);
        Assert.All(engineLinks, row => Assert.Contains("|resolved_probability=", row, StringComparison.Ordinal));
        // pairs has the column too (every kept pair competed), and more rows than links: those the posterior left below 0.5.
        var enginePairs = LinkOutput.Rows(Path.Combine(outDir, "pairs.arrow"));
        Assert.True(enginePairs.Count > engineLinks.Count);
        Assert.All(enginePairs, row => Assert.Contains("|resolved_probability=", row, StringComparison.Ordinal));
        Assert.NotNull(reference.Result.RegisterPosterior);
        Assert.InRange(reference.Result.RegisterPosterior!.Prior, 0.9, 1.0);
    }

    [Fact]
    public void A_worker_node_scores_the_hand_keyed_job_from_partition_slices_and_writes_the_in_process_outputs()
    {
        // The seed runs no workers: every counting and scoring task crosses to the worker node, which holds only the
        // value tables and the slices (its multi-key, banded and sorted-neighbourhood groups and keys come from the slice).
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 1, seedWorkers: 0);
        var outDir = Path.Combine(_dir.Path, "cluster");
        using var link = AdrnProcess.Start("link", "link", "--cluster", cluster.Address, "--config", reference.JobFile, "--var", "data=" + reference.Data,
            "--out", outDir, "--job-id", "hand-keyed-cluster");
        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(180)), link.Output + cluster.Output);

        Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
        Assert.Contains(cluster.Workers[0].Lines, l => l.Contains("Running partition", StringComparison.Ordinal) && l.Contains("(Scoring)", StringComparison.Ordinal));
        LinkOutput.AssertSameOutputs(reference.Output, outDir);
    }

    public void Dispose() => _dir.Dispose();
}
