using System.Collections.Concurrent;
using Adrn.Engine.Jobs;

namespace Adrn.Engine.Workloads;

/// <summary>
/// The workloads open on one node, one per job, shared by the node's workers so a job is prepared
/// once per node rather than once per worker.
/// </summary>
public sealed class WorkloadCache : IDisposable
{
    private readonly IJobWorkloadFactory _factory;
    private readonly ConcurrentDictionary<string, Lazy<IJobWorkload>> _open = new(StringComparer.Ordinal);

    /// <summary>Creates an empty cache over <paramref name="factory"/>.</summary>
    /// <param name="factory">Opens workloads on first use.</param>
    public WorkloadCache(IJobWorkloadFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    /// <summary>Returns the open workload of <paramref name="job"/>, opening it on first use.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The shared workload; do not dispose it.</returns>
    public IJobWorkload Get(JobDescriptor job)
    {
        ArgumentNullException.ThrowIfNull(job);

        // NOTE: Lazy with ExecutionAndPublication makes concurrent workers wait for one preparation
        // instead of each preparing the job; a failed preparation is not cached, so a retry re-reads.
        var lazy = _open.GetOrAdd(job.JobId, _ => new Lazy<IJobWorkload>(
            () => _factory.Open(job, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<IJobWorkload>>(job.JobId, lazy));
            throw;
        }
    }

    /// <summary>Closes and forgets the workload of a finished job.</summary>
    /// <param name="jobId">The job.</param>
    public void Release(string jobId)
    {
        if (_open.TryRemove(jobId, out var lazy) && lazy.IsValueCreated)
        {
            lazy.Value.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var jobId in _open.Keys.ToList())
        {
            Release(jobId);
        }
    }
}
