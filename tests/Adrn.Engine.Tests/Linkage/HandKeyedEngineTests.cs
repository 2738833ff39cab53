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
/// The hand-keyed employer job (MinHash, one-edit, PAYE-part and sorted-neighbourhood blocking, soft TF-IDF levels,
/// the register posterior) on the actor engine: the same links, with the same resolved probabilities, as in process.
/// </summary>
public sealed class HandKeyedEngineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task The_engine_links_hand_keyed_payroll_rows_exactly_as_the_in_process_runner_with_resolved_probabilities()
    {
        var data = Path.Combine(_dir.Path, "data");
        SyntheticPopulation.Generate(NoiseProfiles.HandKeyed(new SyntheticPopulationOptions
        {
            Employers = 800, Employees = 8_000, Cohort = 100, Years = 2, Seed = 3, Formats = OutputFormats.Csv,
        }), data);
        var job = RepositoryPaths.Example("employee-employer-hand-keyed.json");
        var variables = new Dictionary<string, string> { ["data"] = data };

        var reference = Path.Combine(_dir.Path, "reference");
        var inProcess = LinkageJob.Run(LinkageJobConfig.Load(job, variables), reference);

        var outDir = Path.Combine(_dir.Path, "engine");
        var options = new LocalEngineOptions
        {
            WorkerCount = 2,
            Journal = JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName)),
        };
        var outcome = await LocalJobRunner.RunAsync(JobRequest.Start(new JobDescriptor("hand-keyed", job, outDir, variables)), options,
            new LinkageJobWorkloadFactory(), null, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        var engineLinks = LinkOutput.Rows(Path.Combine(outDir, "links.arrow"));
        Assert.Equal(LinkOutput.Rows(Path.Combine(reference, "links.arrow")), engineLinks);
        Assert.Equal(inProcess.Links, engineLinks.Count);
        Assert.All(engineLinks, row => Assert.Contains("|resolved_probability=", row, StringComparison.Ordinal));
        Assert.NotNull(inProcess.RegisterPosterior);
        Assert.InRange(inProcess.RegisterPosterior!.Prior, 0.9, 1.0);
    }

    public void Dispose() => _dir.Dispose();
}
