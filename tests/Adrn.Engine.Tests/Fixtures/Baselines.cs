using System.Collections.Concurrent;
using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>
/// Reference runs shared by the engine's end-to-end tests: each derived FEBRL4 job linked once in
/// this process by a single worker, the simplest way the engine can run it.
/// </summary>
public sealed class Baselines : IDisposable
{
    private readonly TempDirectory _dir = new("adrn-baseline-");
    private readonly ConcurrentDictionary<ScoringLoad, Lazy<(string Job, string Out)>> _runs = new();

    internal string JobFile(ScoringLoad load) => Get(load).Job;

    internal string OutputOf(ScoringLoad load) => Get(load).Out;

    private (string Job, string Out) Get(ScoringLoad load) =>
        _runs.GetOrAdd(load, l => new Lazy<(string, string)>(() => Run(l))).Value;

    private (string, string) Run(ScoringLoad load)
    {
        var name = load.ToString().ToLowerInvariant();
        var job = TestJobs.WriteFebrl4(Path.Combine(_dir.Path, "jobs"), load);
        var outDir = Path.Combine(_dir.Path, "out-" + name);
        var descriptor = new JobDescriptor("baseline-" + name, job, outDir, new Dictionary<string, string>());
        var options = new LocalEngineOptions
        {
            WorkerCount = 1,
            Journal = JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName)),
        };
        var outcome = LocalJobRunner.RunAsync(JobRequest.Start(descriptor), options, new LinkageJobWorkloadFactory(), null, CancellationToken.None)
            .GetAwaiter().GetResult();
        Assert.True(outcome.Succeeded, outcome.Error);
        return (job, outDir);
    }

    public void Dispose() => _dir.Dispose();
}
