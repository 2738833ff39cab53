using Adrn.Engine.Serialization;
using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Akka.Actor;

namespace Adrn.Engine.Coordination;

/// <summary>
/// The protocol of <see cref="JobCoordinator"/>: workers pull partition tasks (one per request, and never more
/// than the worker's capacity, so a worker holds no more than it asked for) and report them done or failed;
/// clients subscribe to progress.
/// </summary>
public static class JobCoordinatorProtocol
{
    /// <summary>Props of a coordinator that starts <paramref name="job"/>, or resumes <paramref name="jobId"/> from the journal when <paramref name="job"/> is null.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="job">The job to start, or null to resume a journalled job.</param>
    /// <param name="workloads">The node's workload cache (the coordinator needs the partition count, training and merging).</param>
    /// <param name="settings">Coordinator settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(string jobId, JobDescriptor? job, WorkloadCache workloads, JobCoordinatorSettings settings) =>
        Akka.Actor.Props.Create(() => new JobCoordinator(jobId, job, workloads, settings));

    /// <summary>
    /// A worker asks for one more partition task; answered by <see cref="PartitionTask"/>, <see cref="PrepareJob"/> (the
    /// job is open, no task yet) or <see cref="NoTaskAvailable"/>. The coordinator first sends again every task it gave the
    /// worker that <paramref name="Holding"/> does not list (the worker has not received it yet, or the message was lost),
    /// then hands out a new one only if the worker holds fewer than <paramref name="Capacity"/>.
    /// </summary>
    /// <param name="Capacity">The most tasks the worker holds at once: the one it runs and those waiting their turn
    /// (1 + <c>PartitionWorkerSettings.TasksAhead</c>); at least 1.</param>
    /// <param name="Holding">The tasks the worker holds as it asks (running or waiting).</param>
    public sealed record RequestTask(int Capacity, IReadOnlyList<HeldTask> Holding) : IAdrnMessage
    {
        /// <summary>A request from a worker that holds nothing and takes one task at a time.</summary>
        public static RequestTask Instance { get; } = new(1, []);
    }

    /// <summary>A task a worker holds, as listed in its <see cref="RequestTask"/>.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Phase">The phase.</param>
    /// <param name="Partition">The partition.</param>
    public sealed record HeldTask(string JobId, JobPhase Phase, int Partition) : IAdrnMessage;

    /// <summary>Nothing to hand out now; the worker asks again later.</summary>
    public sealed record NoTaskAvailable : IAdrnMessage
    {
        /// <summary>The single instance.</summary>
        public static NoTaskAvailable Instance { get; } = new();
    }

    /// <summary>
    /// No task yet, but the job is opening, training, or between phases: open its workload now, so that a node
    /// without the coordinator loads the job's prepared value tables before its first task instead of during it (they
    /// are written by the coordinator's node, the only one to read the inputs, as soon as it has prepared the records:
    /// the worker waits for them). A worker on the coordinator's node is told only once the job is open.
    /// The coordinator keeps the worker waiting and hands it a task as soon as there is one.
    /// </summary>
    /// <param name="Job">The job to prepare.</param>
    public sealed record PrepareJob(JobDescriptor Job) : IAdrnMessage;

    /// <summary>Run one partition of one phase. The records travel by path (nodes share the output folder).</summary>
    /// <param name="Job">The job.</param>
    /// <param name="Phase">Count patterns or score.</param>
    /// <param name="Partition">Partition index.</param>
    /// <param name="Attempt">1 for the first hand-out, higher when handed out again.</param>
    /// <param name="ModelJson">The trained model when <paramref name="Phase"/> is scoring; otherwise null.</param>
    /// <param name="ConfigHash">The hash of the job file and inputs the job was prepared from (as journalled): a worker on
    /// another node whose open workload of the job has another (it read value tables left by an earlier attempt) opens
    /// the job again. Null: not checked.</param>
    public sealed record PartitionTask(JobDescriptor Job, JobPhase Phase, int Partition, int Attempt, string? ModelJson, string? ConfigHash = null) : IAdrnMessage;

    /// <summary>Record a finished partition (sent by the worker that ran it).</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Result">The result file.</param>
    public sealed record CompletePartition(string JobId, PartitionResult Result) : IAdrnMessage;

    /// <summary>Record that a partition failed on a worker.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Phase">The phase.</param>
    /// <param name="Partition">The partition.</param>
    /// <param name="Error">The error, as the worker saw it.</param>
    public sealed record FailPartition(string JobId, JobPhase Phase, int Partition, string Error) : IAdrnMessage;

    /// <summary>Hand out again every task held by workers on a node that became unreachable or left.</summary>
    /// <param name="NodeAddress">The node's address, e.g. <c>akka.tcp://adrn@127.0.0.1:4053</c>.</param>
    public sealed record ReleaseTasksOfNode(string NodeAddress) : IAdrnMessage;

    /// <summary>Send progress and the outcome of <paramref name="JobId"/> to the sender (idempotent; re-send it after a coordinator restart).</summary>
    /// <param name="JobId">The job.</param>
    public sealed record SubscribeToJob(string JobId) : IAdrnMessage;

    /// <summary>Progress of a running job.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Phase">The phase being run.</param>
    /// <param name="PartitionsDone">Partitions of this phase finished (including ones finished before a resume).</param>
    /// <param name="PartitionsTotal">Partitions in the phase.</param>
    /// <param name="PairsCompared">Candidate pairs compared in this phase since the coordinator started.</param>
    /// <param name="PairsPerSecond">Pairs compared per second in this phase since the coordinator started.</param>
    public sealed record JobProgress(string JobId, JobPhase Phase, int PartitionsDone, int PartitionsTotal, long PairsCompared, double PairsPerSecond) : IAdrnMessage;

    /// <summary>The job finished.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Summary">What it wrote.</param>
    public sealed record JobSucceeded(string JobId, JobSummary Summary) : IAdrnMessage;

    /// <summary>The job failed.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Reason">What failed, and how to resume the job or why there is nothing to resume.</param>
    /// <param name="Kind">Whether the work failed (resumable) or the job could not be opened (nothing journalled).</param>
    public sealed record JobFailed(string JobId, string Reason, JobFailureKind Kind = JobFailureKind.WorkFailed) : IAdrnMessage;

    /// <summary>
    /// Sent by a coordinator to its parent (the registry) once its job is open and journalled, so a resume can find
    /// it: from then on the registry journals the job too. A job that fails while opening never sends it.
    /// </summary>
    /// <param name="JobId">The job.</param>
    public sealed record JobOpened(string JobId) : IAdrnMessage;

    /// <summary>Ask for the state of the job; answered by <see cref="JobStatus"/>.</summary>
    public sealed record GetJobStatus : IAdrnMessage
    {
        /// <summary>The single instance.</summary>
        public static GetJobStatus Instance { get; } = new();
    }

    /// <summary>The state of a job.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Counted">Partitions whose patterns are counted.</param>
    /// <param name="Scored">Partitions scored.</param>
    /// <param name="PartitionCount">Partitions P (0 until the job has started).</param>
    /// <param name="ModelTrained">Whether the model is trained.</param>
    /// <param name="InFlight">Partitions handed out and not yet reported, with the path of the worker holding each.</param>
    /// <param name="HandingOut">Whether partition tasks of a phase are being handed out now (false while opening, training or merging).</param>
    /// <param name="Completed">Whether the outputs are written.</param>
    /// <param name="Failure">The failure reason when the job failed; otherwise null.</param>
    public sealed record JobStatus(
        string JobId,
        IReadOnlyList<int> Counted,
        IReadOnlyList<int> Scored,
        int PartitionCount,
        bool ModelTrained,
        IReadOnlyDictionary<int, string> InFlight,
        bool HandingOut,
        bool Completed,
        string? Failure) : IAdrnMessage;
}
