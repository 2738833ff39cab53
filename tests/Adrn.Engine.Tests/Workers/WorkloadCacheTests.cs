using Adrn.Engine.Tests.Fixtures;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.Tests.Workers;

/// <summary>A node prepares each job once, and a long-running node does not keep every job it ever ran.</summary>
public sealed class WorkloadCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Concurrent_workers_of_one_job_share_one_preparation()
    {
        var factory = new NumberPairsWorkloadFactory();
        using var cache = new WorkloadCache(factory);
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3], 1));

        var workloads = Enumerable.Range(0, 8).AsParallel().Select(_ => cache.Get(job)).ToList();

        Assert.Equal(1, factory.Opened);
        Assert.All(workloads, w => Assert.Same(workloads[0], w));
    }

    [Fact]
    public void The_least_recently_used_job_is_forgotten_beyond_the_limit()
    {
        var factory = new NumberPairsWorkloadFactory();
        using var cache = new WorkloadCache(factory, maxOpenJobs: 2);
        var spec = new NumberPairsWorkload.Spec([1, 2, 3], 1);
        var a = NumberPairsWorkload.WriteJob(Path.Combine(_dir.Path, "a"), spec, "a");
        var b = NumberPairsWorkload.WriteJob(Path.Combine(_dir.Path, "b"), spec, "b");
        var c = NumberPairsWorkload.WriteJob(Path.Combine(_dir.Path, "c"), spec, "c");

        cache.Get(a);
        cache.Get(b);
        cache.Get(a);
        cache.Get(c);

        Assert.Equal(["a", "c"], cache.OpenJobs.Order());
        Assert.Equal(3, factory.Opened);
    }

    public void Dispose() => _dir.Dispose();
}
