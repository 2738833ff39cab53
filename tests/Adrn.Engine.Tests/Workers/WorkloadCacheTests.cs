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
    public void A_job_whose_preparation_ahead_of_tasks_failed_is_not_prepared_again_but_its_tasks_still_try()
    {
        var factory = new FailingWorkloadFactory();
        using var cache = new WorkloadCache(factory);
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3], 1));
        var errors = new List<Exception>();

        // Workers are told to prepare every time they ask (every second) while the coordinator opens the job.
        for (var i = 0; i < 5; i++)
        {
            cache.Prepare(job, e => { lock (errors) errors.Add(e); });
            SpinWait.SpinUntil(() => { lock (errors) return errors.Count >= 1; }, TimeSpan.FromSeconds(10));
        }

        Assert.Equal(1, factory.Opened);
        Assert.IsType<InvalidDataException>(Assert.Single(errors));
        // A task opens the job again and gets the error itself, to report it.
        Assert.Throws<InvalidDataException>(() => cache.Get(job));
        Assert.Equal(2, factory.Opened);
    }

    [Fact]
    public void A_worker_workload_of_another_preparation_is_opened_again_for_a_task_of_the_coordinators_hash()
    {
        // A worker elsewhere opens the job ahead of its tasks from what is in the job's folder; if that was an earlier
        // preparation (another hash than the coordinator journalled), its first task opens the job again.
        var factory = new NumberPairsWorkloadFactory();
        using var cache = new WorkloadCache(factory);
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3], 1));
        var early = cache.GetForWorker(job);
        NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([4, 5, 6, 7], 2));
        var current = new NumberPairsWorkload(job).ConfigHash;
        Assert.NotEqual(early.ConfigHash, current);

        var forTask = cache.GetForWorker(job, current);
        Assert.Equal(current, forTask.ConfigHash);
        Assert.Equal(2, forTask.PartitionCount);
        Assert.Equal(2, factory.Opened);
        // Asked again with the same hash (or none): the same workload, not opened again.
        Assert.Same(forTask, cache.GetForWorker(job, current));
        Assert.Same(forTask, cache.GetForWorker(job, null));
        Assert.Equal(2, factory.Opened);

        // A hash no preparation in the folder has: opened again, and refused with both hashes named.
        var ex = Assert.Throws<InvalidDataException>(() => cache.GetForWorker(job, "0000"));
        Assert.Contains("0000", ex.Message, StringComparison.Ordinal);
        Assert.Contains(current, ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, factory.Opened);
    }

    private sealed class FailingWorkloadFactory : IJobWorkloadFactory
    {
        private int _opened;

        public int Opened => _opened;

        public IJobWorkload Open(Adrn.Engine.Jobs.JobDescriptor job, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opened);
            throw new InvalidDataException("employees.csv, row 17, column date_of_birth: '31/02/1990' is not a date");
        }
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
