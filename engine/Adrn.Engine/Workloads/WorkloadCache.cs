using System.Collections.Concurrent;
using Adrn.Engine.Jobs;
using Adrn.Engine.Security;

namespace Adrn.Engine.Workloads;

/// <summary>
/// The workloads open on one node, one per job, shared by the node's workers so a job is prepared
/// once per node rather than once per worker. At most <see cref="MaxOpenJobs"/> jobs stay open: a
/// long-running node forgets the least recently used job when it opens another.
/// </summary>
public sealed class WorkloadCache : IDisposable
{
    private const string WorkerSuffix = "#worker";
    private readonly IJobWorkloadFactory _factory;
    private readonly DataRoots? _dataRoots;
    private readonly ConcurrentDictionary<string, Lazy<IJobWorkload>> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastUsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _prepareFailed = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>Creates an empty cache over <paramref name="factory"/>.</summary>
    /// <param name="factory">Opens workloads on first use.</param>
    /// <param name="maxOpenJobs">Jobs kept open at once (at least 1). Default 2: jobs run one after another, and the previous one may still be merging.</param>
    /// <param name="dataRoots">
    /// The folders this node may read and write (a cluster node's <c>--data-root</c>): a job naming a path outside them
    /// is refused before its workload opens. Null (local mode, where the user runs the job on their own account): no limit.
    /// </param>
    public WorkloadCache(IJobWorkloadFactory factory, int maxOpenJobs = 2, DataRoots? dataRoots = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpenJobs, 1);
        _factory = factory;
        _dataRoots = dataRoots;
        MaxOpenJobs = maxOpenJobs;
    }

    /// <summary>Jobs kept open at once.</summary>
    public int MaxOpenJobs { get; }

    /// <summary>Ids of the jobs open now.</summary>
    public IReadOnlyCollection<string> OpenJobs => [.. _open.Keys.Select(k => k.EndsWith(WorkerSuffix, StringComparison.Ordinal) ? k[..^WorkerSuffix.Length] : k).Distinct()];

    /// <summary>Returns the open workload of <paramref name="job"/> for its coordinator, opening (preparing) it on first use.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The shared workload; do not dispose it.</returns>
    public IJobWorkload Get(JobDescriptor job) => Open(job, forWorker: false);

    /// <summary>
    /// Returns the workload a worker of this node runs <paramref name="job"/>'s tasks on: the coordinator's, when the
    /// coordinator runs on this node (its prepared records are in memory), else one opened from what the coordinator's
    /// node shipped (<see cref="IJobWorkloadFactory.OpenForWorker"/>).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <returns>The shared workload; do not dispose it.</returns>
    public IJobWorkload GetForWorker(JobDescriptor job) => Open(job, forWorker: !_open.ContainsKey(job.JobId));

    /// <summary>
    /// As <see cref="GetForWorker(JobDescriptor)"/>, for a task of the job as prepared with <paramref name="configHash"/>:
    /// a workload this node opened from another preparation of the job (value tables an earlier attempt left in the job's
    /// folder, read ahead of the first task) is closed and the job opened again.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="configHash">The hash the coordinator journalled for the job, or null not to check.</param>
    /// <returns>The shared workload; do not dispose it.</returns>
    public IJobWorkload GetForWorker(JobDescriptor job, string? configHash)
    {
        var workload = GetForWorker(job);
        if (configHash is null || string.Equals(workload.ConfigHash, configHash, StringComparison.Ordinal)) return workload;
        var key = job.JobId + WorkerSuffix;
        if (_open.TryGetValue(key, out var lazy) && lazy.IsValueCreated && ReferenceEquals(lazy.Value, workload))
        {
            // NOTE: a task still running on the stale workload keeps it alive; the cache only stops handing it out.
            _open.TryRemove(new KeyValuePair<string, Lazy<IJobWorkload>>(key, lazy));
            _prepareFailed.TryRemove(job.JobId, out _);
        }

        var reopened = GetForWorker(job);
        return string.Equals(reopened.ConfigHash, configHash, StringComparison.Ordinal)
            ? reopened
            : throw new InvalidDataException(
                $"job {job.JobId}: the prepared job in its folder has hash {reopened.ConfigHash}, but the coordinator prepared it with {configHash}: another preparation of the job is being written there (the task is handed out again).");
    }

    private IJobWorkload Open(JobDescriptor job, bool forWorker)
    {
        ArgumentNullException.ThrowIfNull(job);

        // NOTE: Lazy with ExecutionAndPublication makes concurrent workers wait for one preparation
        // instead of each preparing the job; a failed preparation is not cached, so a retry re-reads.
        // A worker-side workload is cached under its own key: the coordinator of the same job may open on
        // this node later (a singleton moving after a node loss) and must not find a workload without records.
        var key = forWorker ? job.JobId + WorkerSuffix : job.JobId;
        _lastUsed[key] = Interlocked.Increment(ref _clock);
        var lazy = _open.GetOrAdd(key, _ => Opener(job, forWorker));
        EvictBeyondLimit(key);
        try
        {
            return lazy.Value;
        }
        catch
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<IJobWorkload>>(key, lazy));
            throw;
        }
    }

    private Lazy<IJobWorkload> Opener(JobDescriptor job, bool forWorker) => new(
        () =>
        {
            // NOTE: checked before the workload opens, so a refused job has read nothing but its job file and
            // written nothing. A worker-side workload reads only the job file and the job's folder.
            _dataRoots?.Check(job, forWorker ? null : _factory.InputsOf);
            return forWorker ? _factory.OpenForWorker(job, CancellationToken.None) : _factory.Open(job, CancellationToken.None);
        },
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Starts opening <paramref name="job"/>'s workload for its coordinator in the background, so that the coordinator's
    /// <see cref="Get"/> finds it opened or opening: a local run prepares its records while the actor system and the
    /// journal start. A failure is kept for that <see cref="Get"/>, which throws it (and forgets it) as if it had
    /// opened the workload itself; nothing else sees it.
    /// </summary>
    /// <param name="job">A new job (a resumed one is opened by its coordinator after its journal is read).</param>
    public void OpenAhead(JobDescriptor job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var lazy = _open.GetOrAdd(job.JobId, _ => Opener(job, forWorker: false));
        _lastUsed[job.JobId] = Interlocked.Increment(ref _clock);
        _ = Task.Run(() => _ = lazy.Value).ContinueWith(
            t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>
    /// Starts opening the job's workload in the background unless it is open or opening already, so that a
    /// later <see cref="Get"/> finds it ready. A failure is reported to <paramref name="onError"/> and not
    /// cached: the next <see cref="Get"/> tries again (and fails with the same error where the task can report it).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="onError">Called with the error if opening fails.</param>
    public void Prepare(JobDescriptor job, Action<Exception> onError)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(onError);
        // NOTE: a job whose preparation failed here is not prepared again ahead of its tasks (workers ask every
        // second while the coordinator opens or trains): its first task opens it again and reports the error.
        if (_open.ContainsKey(job.JobId) || _open.ContainsKey(job.JobId + WorkerSuffix) || _prepareFailed.ContainsKey(job.JobId))
        {
            return;
        }

        _ = Task.Run(() => GetForWorker(job)).ContinueWith(
            t =>
            {
                _prepareFailed[job.JobId] = true;
                onError(t.Exception!.InnerExceptions.Count == 1 ? t.Exception.InnerExceptions[0] : t.Exception);
            },
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void EvictBeyondLimit(string keep)
    {
        // NOTE: a workload evicted while a straggling task still uses it stays alive for that task
        // (the task holds a reference); the cache only stops handing it out.
        while (_open.Count > MaxOpenJobs)
        {
            var oldest = _open.Keys.Where(id => id != keep)
                .OrderBy(id => _lastUsed.GetValueOrDefault(id))
                .FirstOrDefault();
            if (oldest is null)
            {
                return;
            }

            Release(oldest);
        }
    }

    /// <summary>Closes and forgets the workload of a finished job.</summary>
    /// <param name="jobId">The job.</param>
    public void Release(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        foreach (var key in jobId.EndsWith(WorkerSuffix, StringComparison.Ordinal) ? [jobId] : new[] { jobId, jobId + WorkerSuffix })
        {
            _lastUsed.TryRemove(key, out _);
            if (_open.TryRemove(key, out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
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
