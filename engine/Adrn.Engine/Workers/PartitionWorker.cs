using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Akka.Actor;
using Akka.Event;
using static Adrn.Engine.Coordination.JobCoordinatorProtocol;
using static Adrn.Engine.Workers.PartitionWorkerProtocol;

namespace Adrn.Engine.Workers;

/// <summary>
/// Pulls partition tasks and runs them one at a time, off the actor thread, against the node's workload
/// (count patterns or score), writes each result file atomically and reports it. It holds up to
/// <see cref="PartitionWorkerSettings.TasksAhead"/> tasks beyond the one it runs, so the next starts as the last ends.
/// </summary>
public sealed class PartitionWorker : ReceiveActor, IWithTimers
{
    private const string PollTimer = "poll";
    private readonly IActorRef _jobs;
    private readonly WorkloadCache _workloads;
    private readonly PartitionWorkerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private PartitionTask? _current;
    private readonly Queue<PartitionTask> _next = new();
    private (PartitionTask Task, PartitionResult Result)? _lastFinished;
    private int _tasksRun;

    /// <summary>Creates the worker; use <see cref="PartitionWorkerProtocol.Props"/>.</summary>
    /// <param name="jobs">The job registry or its proxy.</param>
    /// <param name="workloads">The node's workload cache.</param>
    /// <param name="settings">Settings.</param>
    public PartitionWorker(IActorRef jobs, WorkloadCache workloads, PartitionWorkerSettings settings)
    {
        _jobs = jobs;
        _workloads = workloads;
        _settings = settings;

        Receive<PartitionTask>(OnTask);
        Receive<NoTaskAvailable>(_ => { });
        Receive<PrepareJob>(OnPrepareJob);
        Receive<Poll>(_ => AskIfRoom());
        Receive<PartitionRan>(OnPartitionRan);
        Receive<PartitionRunFailed>(OnPartitionRunFailed);
        Receive<GetWorkerState>(_ => Sender.Tell(new WorkerState(_current is not null, _tasksRun)));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(PollTimer, Poll.Instance, _settings.PollInterval);
        AskIfRoom();
    }

    /// <inheritdoc />
    protected override void PostStop() => _stopping.Cancel();

    private void OnTask(PartitionTask task)
    {
        if (_lastFinished is { } last && IsSameTask(last.Task, task) && PartitionResultFile.IsIntact(task.Job, last.Result))
        {
            // A copy of the task just finished: the coordinator re-sends the task a worker holds when the worker
            // asks again before the task arrives, and this copy came after the run ended. Report the result
            // again (the coordinator ignores a duplicate, and takes it if the first report was lost) rather
            // than run the partition twice; its file is checked first, so a damaged one is computed again.
            _jobs.Tell(new CompletePartition(task.Job.JobId, last.Result));
            return;
        }

        if ((_current is not null && IsSamePartition(_current, task)) || _next.Any(t => IsSamePartition(t, task)))
        {
            // The coordinator re-sends the tasks a worker holds when the worker asks before receiving them;
            // the run under way (or waiting its turn) answers both.
            return;
        }

        if (_current is null)
        {
            Start(task);
        }
        else
        {
            _next.Enqueue(task);
        }

        AskIfRoom();
    }

    /// <summary>Asks for one more task if the worker holds fewer than its capacity (the one it runs and those ahead).</summary>
    private void AskIfRoom()
    {
        var holding = (_current is null ? 0 : 1) + _next.Count;
        var capacity = 1 + _settings.TasksAhead;
        if (holding >= capacity)
        {
            return;
        }

        var held = new List<HeldTask>(holding);
        if (_current is not null)
        {
            held.Add(Held(_current));
        }

        held.AddRange(_next.Select(Held));
        _jobs.Tell(new RequestTask(capacity, held));
    }

    private static HeldTask Held(PartitionTask task) => new(task.Job.JobId, task.Phase, task.Partition);

    private void Start(PartitionTask task)
    {
        _current = task;
        _log.Info("Running partition {0} ({1}) of job {2}, attempt {3}.", task.Partition, task.Phase, task.Job.JobId, task.Attempt);
        var workloads = _workloads;
        var token = _stopping.Token;
        Task.Run(() => (object)new PartitionRan(task, Run(workloads, task, token)), token)
            .PipeTo(Self, failure: ex => new PartitionRunFailed(task, ex));
    }

    private void OnPrepareJob(PrepareJob message)
    {
        var log = _log;
        var jobId = message.Job.JobId;
        _workloads.Prepare(message.Job, error => log.Warning(
            "Preparing job {0} ahead of its tasks failed ({1}: {2}); its first task on this node will try again and report the error.",
            jobId, error.GetType().Name, error.Message));
    }

    private static PartitionResult Run(WorkloadCache workloads, PartitionTask task, CancellationToken token)
    {
        var workload = workloads.GetForWorker(task.Job, task.ConfigHash);
        return PartitionResultFile.Write(task.Job, task.Phase, task.Partition, path => task.Phase switch
        {
            JobPhase.Counting => workload.CountPatterns(task.Partition, path, token),
            _ => workload.ScorePartition(task.Partition, task.ModelJson
                ?? throw new InvalidOperationException("A scoring task came without a model."), path, token),
        });
    }

    private static bool IsSameTask(PartitionTask a, PartitionTask b) => IsSamePartition(a, b) && a.Attempt == b.Attempt;

    private static bool IsSamePartition(PartitionTask a, PartitionTask b) =>
        a.Job.JobId == b.Job.JobId && a.Phase == b.Phase && a.Partition == b.Partition;

    private void OnPartitionRan(PartitionRan ran)
    {
        _lastFinished = (ran.Task, ran.Result);
        _tasksRun++;
        // NOTE: the next task starts before the report goes out: the report crosses the network and waits for the
        // journal, and this node's core would idle meanwhile.
        StartNext();
        _jobs.Tell(new CompletePartition(ran.Task.Job.JobId, ran.Result));
        AskIfRoom();
    }

    private void OnPartitionRunFailed(PartitionRunFailed failed)
    {
        _tasksRun++;
        StartNext();
        var error = failed.Error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : failed.Error;
        _log.Error(error, "Partition {0} ({1}) of job {2} failed.", failed.Task.Partition, failed.Task.Phase, failed.Task.Job.JobId);
        _jobs.Tell(new FailPartition(failed.Task.Job.JobId, failed.Task.Phase, failed.Task.Partition, $"{error.GetType().Name}: {error.Message}"));
        AskIfRoom();
    }

    private void StartNext()
    {
        _current = null;
        if (_next.TryDequeue(out var next))
        {
            Start(next);
        }
    }

    private sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }

    private sealed record PartitionRan(PartitionTask Task, PartitionResult Result);

    private sealed record PartitionRunFailed(PartitionTask Task, Exception Error);
}
