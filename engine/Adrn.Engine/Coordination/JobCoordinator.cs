using System.Diagnostics;
using System.Globalization;
using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Adrn.Linkage.Job;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static Adrn.Engine.Coordination.JobCoordinatorProtocol;

namespace Adrn.Engine.Coordination;

/// <summary>
/// Owns one linkage job: hands partition tasks to the workers that ask for them, journals every
/// finished partition, trains the model on the merged pattern counts, then has every partition
/// scored and merges the results. Restarted or resumed, it replays its journal and hands out only
/// the partitions that are not finished.
/// </summary>
public sealed class JobCoordinator : ReceivePersistentActor
{
    private readonly string _jobId;
    private readonly JobDescriptor? _requestedJob;
    private readonly WorkloadCache _workloads;
    private readonly JobCoordinatorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Journalled state.
    private JobDescriptor? _job;
    private string? _configHash;
    private int _partitionCount;
    private int _countingUnits;
    private readonly SortedDictionary<int, PartitionResult> _counted = [];
    private readonly SortedDictionary<int, PartitionResult> _scored = [];
    private string? _model;
    private JobSummary? _summary;
    private string? _failure;
    private JobFailureKind _failureKind;
    private int _resumes;

    // Run-time state, rebuilt after every restart.
    private IJobWorkload? _workload;
    private bool _handingOut;
    private readonly SortedSet<int> _pending = [];
    private readonly Dictionary<int, Assignment> _inFlight = [];
    private readonly Dictionary<IActorRef, List<int>> _partitionsOfWorker = [];
    private readonly Dictionary<IActorRef, int> _capacityOfWorker = [];
    private readonly Dictionary<int, int> _handOuts = [];
    private readonly Dictionary<int, int> _failures = [];
    private readonly HashSet<IActorRef> _waiting = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Stopwatch _phaseClock = new();
    private long _phasePairs;

    /// <summary>Creates the coordinator; use <see cref="JobCoordinatorProtocol.Props"/>.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="job">The job to start, or null to resume from the journal.</param>
    /// <param name="workloads">The node's workload cache.</param>
    /// <param name="settings">Settings.</param>
    public JobCoordinator(string jobId, JobDescriptor? job, WorkloadCache workloads, JobCoordinatorSettings settings)
    {
        _jobId = jobId;
        _requestedJob = job;
        _workloads = workloads;
        _settings = settings;

        Recover<JobJournal.JobStarted>(Apply);
        Recover<JobJournal.PartitionCompleted>(Apply);
        Recover<JobJournal.ModelTrained>(Apply);
        Recover<JobJournal.JobCompleted>(Apply);
        Recover<JobJournal.JobFailed>(Apply);
        Recover<JobJournal.JobResumed>(Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<RequestTask>(r => OnRequestTask(Sender, r));
        Command<CompletePartition>(OnCompletePartition);
        Command<FailPartition>(OnFailPartition);
        Command<Terminated>(t => ReleaseWorker(t.ActorRef, "stopped"));
        Command<ReleaseTasksOfNode>(OnReleaseTasksOfNode);
        Command<SubscribeToJob>(_ => Subscribe(Sender));
        Command<GetJobStatus>(_ => Sender.Tell(CurrentStatus()));
        Command<WorkloadOpened>(OnWorkloadOpened);
        Command<ModelReady>(m => PersistModel(m.ModelJson));
        Command<OutputsReady>(o => PersistCompletion(o.Summary));
        Command<StepFailed>(f => FailJob(f.Reason, f.Kind));
        Command<Shipped>(OnShipped);
    }

    /// <inheritdoc />
    public override string PersistenceId => JobJournal.PersistenceId(_jobId);

    private string OutDirHint => _job?.OutputDirectory ?? "<output folder>";

    private void Apply(JobJournal.JobStarted e)
    {
        _job = e.Job;
        _configHash = e.ConfigHash;
        _partitionCount = e.PartitionCount;
        _countingUnits = e.CountingUnits;
    }

    private int Total(JobPhase phase) => phase == JobPhase.Counting ? _countingUnits : _partitionCount;

    private void Apply(JobJournal.PartitionCompleted e)
    {
        var results = e.Result.Phase == JobPhase.Counting ? _counted : _scored;
        results[e.Result.Partition] = e.Result;
    }

    private void Apply(JobJournal.ModelTrained e) => _model = e.ModelJson;

    private void Apply(JobJournal.JobCompleted e) => _summary = e.Summary;

    private void Apply(JobJournal.JobFailed e)
    {
        _failure = e.Reason;
        _failureKind = e.Kind;
    }

    private void Apply(JobJournal.JobResumed e)
    {
        _failure = null;
        _resumes = e.Attempt;
    }

    private void OnRecovered()
    {
        if (_summary is not null)
        {
            _log.Info("Job {0} is already complete; nothing to do.", _jobId);
            Context.Parent.Tell(new JobSucceeded(_jobId, _summary));
            return;
        }

        var job = _job ?? _requestedJob;
        if (job is null)
        {
            FailJob($"No job '{_jobId}' in the journal: check the job id and the journal (--out folder or --journal-connection). " +
                "A job that failed while it was being opened (an invalid job file, a missing column, too many comparisons) is not journalled: start it again instead.",
                JobFailureKind.InvalidJob);
            return;
        }

        if (_failure is not null)
        {
            Persist(new JobJournal.JobResumed(_resumes + 1), Apply);
        }

        var resumed = _job is not null;
        var journalled = _counted.Values.Concat(_scored.Values).ToList();
        var workloads = _workloads;
        var verify = resumed && _settings.VerifyResultsOnResume;
        _log.Info(resumed
            ? "Resuming job {0}: {1} partitions counted, {2} scored, model {3}."
            : "Starting job {0}.", _jobId, _counted.Count, _scored.Count, _model is null ? "not trained" : "trained");

        // NOTE: opening the workload prepares the job's records (seconds for large inputs) and
        // checksumming journalled files reads them back, so both run off the actor's thread.
        var jobId = _jobId;
        var resumeHint = ResumeHint();
        Task.Run(() =>
        {
            var workload = workloads.Get(job);
            var broken = verify ? journalled.Where(r => !PartitionResultFile.IsIntact(job, r)).ToList() : [];
            return (object)new WorkloadOpened(job, workload, broken);
        }).PipeTo(Self, failure: ex => resumed
            ? new StepFailed(JobOpeningFailure.Describe(jobId, Unwrap(ex), resumeHint), JobFailureKind.WorkFailed)
            : new StepFailed(JobOpeningFailure.Describe(jobId, Unwrap(ex), null), JobOpeningFailure.KindOf(Unwrap(ex))));
    }

    private void OnWorkloadOpened(WorkloadOpened opened)
    {
        _workload = opened.Workload;
        if (opened.Workload.OpenedFrom is { } from)
        {
            _log.Info("Job {0}: records read from {1}.", _jobId, from);
        }

        if (_job is null)
        {
            Persist(new JobJournal.JobStarted(opened.Job, opened.Workload.ConfigHash, opened.Workload.PartitionCount, opened.Workload.CountingUnitCount), e =>
            {
                Apply(e);
                _log.Info("Job {0} started: {1} partitions, config hash {2}.", _jobId, e.PartitionCount, e.ConfigHash);
                Context.Parent.Tell(new JobOpened(_jobId));
                Advance();
            });
            return;
        }

        if (!string.Equals(_configHash, opened.Workload.ConfigHash, StringComparison.Ordinal) ||
            _partitionCount != opened.Workload.PartitionCount ||
            _countingUnits != opened.Workload.CountingUnitCount)
        {
            FailJob($"Job {_jobId} cannot resume: its job file or inputs changed since it started " +
                $"(hash {_configHash} then, {opened.Workload.ConfigHash} now). Start a new job instead.", JobFailureKind.InvalidJob);
            return;
        }

        Context.Parent.Tell(new JobOpened(_jobId));

        foreach (var broken in opened.Broken)
        {
            _log.Warning("Result of partition {0} ({1}) is missing or its checksum differs: {2}; the partition runs again.",
                broken.Partition, broken.Phase, broken.RelativePath);
            (broken.Phase == JobPhase.Counting ? _counted : _scored).Remove(broken.Partition);
        }

        Advance();
    }

    /// <summary>Moves the job to its next step: hand out the phase's missing partitions, train, or merge.</summary>
    private void Advance()
    {
        if (_failure is not null || _summary is not null || _workload is null)
        {
            return;
        }

        var phase = _model is null ? JobPhase.Counting : JobPhase.Scoring;
        var done = phase == JobPhase.Counting ? _counted : _scored;
        if (done.Count < Total(phase))
        {
            StartHandingOut(phase, done);
            return;
        }

        _handingOut = false;
        var workload = _workload;
        if (phase == JobPhase.Counting)
        {
            var files = _counted.Values.Select(r => Path.Combine(_job!.OutputDirectory, r.RelativePath)).ToList();
            _log.Info("Job {0}: all {1} counting units done; training the model.", _jobId, _countingUnits);
            Task.Run(() => (object)new ModelReady(workload.TrainModel(files, CancellationToken.None)))
                .PipeTo(Self, failure: ex => new StepFailed($"Job {_jobId}: training failed: {Unwrap(ex).Message}. " + ResumeHint()));
        }
        else
        {
            var files = _scored.Values.Select(r => Path.Combine(_job!.OutputDirectory, r.RelativePath)).ToList();
            var model = _model!;
            _log.Info("Job {0}: all {1} partitions scored; merging the outputs.", _jobId, _partitionCount);
            Task.Run(() => (object)new OutputsReady(workload.WriteOutputs(files, model, CancellationToken.None)))
                .PipeTo(Self, failure: ex => new StepFailed($"Job {_jobId}: writing the outputs failed: {Unwrap(ex).Message}. " + ResumeHint()));
        }
    }

    private JobPhase CurrentPhase => _model is null ? JobPhase.Counting : JobPhase.Scoring;

    private void StartHandingOut(JobPhase phase, SortedDictionary<int, PartitionResult> done)
    {
        if (_handingOut)
        {
            return;
        }

        _handingOut = true;
        _pending.Clear();
        _inFlight.Clear();
        _partitionsOfWorker.Clear();
        _capacityOfWorker.Clear();
        _handOuts.Clear();
        _failures.Clear();
        for (var p = 0; p < Total(phase); p++)
        {
            if (!done.ContainsKey(p))
            {
                _pending.Add(p);
            }
        }

        _phaseClock.Restart();
        _phasePairs = 0;
        _log.Info("Job {0}: {1} phase, {2} of {3} tasks to run.", _jobId, phase, _pending.Count, Total(phase));
        PublishProgress();
        ServeWaitingWorkers();
    }

    private void OnRequestTask(IActorRef worker, RequestTask request)
    {
        if (!_handingOut)
        {
            // NOTE: while the job is opening or training there is nothing to hand out; a worker that asks
            // now is told to prepare the job's records (a no-op once they are open) and waits here, so it
            // gets a task the moment a phase starts instead of at its next poll. Once every partition is
            // scored (the outputs are being written) no task will come: nothing to prepare.
            var job = _job ?? _requestedJob;
            var allScored = _model is not null && _partitionCount > 0 && _scored.Count >= _partitionCount;
            if (job is null || _summary is not null || _failure is not null || allScored)
            {
                worker.Tell(NoTaskAvailable.Instance);
                return;
            }

            _waiting.Add(worker);
            Context.Watch(worker);
            // NOTE: a worker on another node opens the job from the value tables this node writes once it has prepared
            // the records (no process but the coordinator's reads the raw inputs); it waits for them to appear, so it is
            // told as soon as the job is opening, and reads them while this node blocks rather than in its first task.
            // A worker on this node shares the coordinator's workload: it is told once that is open (a no-op then).
            if (_workload is not null || !worker.Path.Address.HasLocalScope)
            {
                worker.Tell(new PrepareJob(job));
            }

            return;
        }

        // A task given to the worker that its request does not list has not reached it yet (or the message was lost):
        // send it again. A new one comes only while the worker holds fewer than its capacity, so it never holds more.
        var capacity = Math.Max(1, request.Capacity);
        _capacityOfWorker[worker] = capacity;
        var held = HeldBy(worker);
        foreach (var partition in held)
        {
            if (!request.Holding.Any(h => h.Partition == partition && h.Phase == CurrentPhase && string.Equals(h.JobId, _jobId, StringComparison.Ordinal)))
            {
                SendTask(worker, partition, _inFlight[partition].Attempt);
            }
        }

        if (held.Count >= capacity)
        {
            return;
        }

        if (_pending.Count == 0)
        {
            _waiting.Add(worker);
            Context.Watch(worker);
            worker.Tell(NoTaskAvailable.Instance);
            return;
        }

        HandOut(worker);
    }

    private void HandOut(IActorRef worker)
    {
        var partition = _pending.Min;
        _pending.Remove(partition);
        _waiting.Remove(worker);
        var attempt = _handOuts.GetValueOrDefault(partition) + 1;
        _handOuts[partition] = attempt;
        _inFlight[partition] = new Assignment(worker, attempt);
        if (!_partitionsOfWorker.TryGetValue(worker, out var held))
        {
            held = [];
            _partitionsOfWorker[worker] = held;
        }

        held.Add(partition);
        Context.Watch(worker);
        SendTask(worker, partition, attempt);
    }

    private void SendTask(IActorRef worker, int partition, int attempt)
    {
        if (worker.Path.Address.HasLocalScope)
        {
            worker.Tell(TaskFor(partition, attempt));
            return;
        }

        // A worker on another node reads the task's inputs from the job's folder: have them written first (off this
        // thread; usually already done), then send the task if the worker still holds it.
        var phase = CurrentPhase;
        _workload!.ShipAsync(phase, partition, CancellationToken.None)
            .ContinueWith(t => t.IsCompletedSuccessfully
                    ? (object)new Shipped(worker, phase, partition, attempt)
                    : new StepFailed($"Job {_jobId}: the inputs of partition {partition} ({phase}) could not be written for other nodes: {Unwrap(t.Exception!).Message}. " + ResumeHint()),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnShipped(Shipped shipped)
    {
        if (shipped.Phase == CurrentPhase && _inFlight.TryGetValue(shipped.Partition, out var holder) &&
            holder.Worker.Equals(shipped.Worker) && holder.Attempt == shipped.Attempt)
        {
            shipped.Worker.Tell(TaskFor(shipped.Partition, shipped.Attempt));
        }
    }

    private PartitionTask TaskFor(int partition, int attempt) =>
        new(_job!, CurrentPhase, partition, attempt, CurrentPhase == JobPhase.Scoring ? _model : null, _configHash);

    private void ServeWaitingWorkers()
    {
        foreach (var worker in _waiting.ToList())
        {
            if (_pending.Count == 0)
            {
                return;
            }

            if (HeldBy(worker).Count < _capacityOfWorker.GetValueOrDefault(worker, 1))
            {
                HandOut(worker);
            }
        }
    }

    private void OnCompletePartition(CompletePartition message)
    {
        var result = message.Result;
        ForgetAssignment(Sender, result.Partition);
        var done = result.Phase == JobPhase.Counting ? _counted : _scored;
        if (!_handingOut || result.Phase != CurrentPhase || done.ContainsKey(result.Partition))
        {
            // A duplicate: the partition was handed out again (its first worker seemed lost) and
            // both finished. The files are identical, so the first report stands.
            _log.Debug("Ignoring duplicate result of partition {0} ({1}).", result.Partition, result.Phase);
            return;
        }

        _pending.Remove(result.Partition);
        Persist(new JobJournal.PartitionCompleted(result), e =>
        {
            Apply(e);
            _phasePairs += result.PairsCompared;
            PublishProgress();
            if (FaultPoint.Armed)
            {
                FaultPoint.Reach(string.Create(CultureInfo.InvariantCulture, $"{(result.Phase == JobPhase.Counting ? "counted" : "scored")}:{done.Count}"));
            }

            if (done.Count == Total(result.Phase))
            {
                Advance();
            }
        });
    }

    private void OnFailPartition(FailPartition message)
    {
        ForgetAssignment(Sender, message.Partition);
        if (!_handingOut || message.Phase != CurrentPhase)
        {
            return;
        }

        var failures = _failures.GetValueOrDefault(message.Partition) + 1;
        _failures[message.Partition] = failures;
        _log.Warning("Job {0}: partition {1} ({2}) failed on {3} (failure {4}): {5}",
            _jobId, message.Partition, message.Phase, Sender.Path, failures, message.Error);
        if (failures >= _settings.MaxFailuresPerPartition)
        {
            FailJob(string.Create(CultureInfo.InvariantCulture,
                $"Job {_jobId}: partition {message.Partition} ({message.Phase}) failed {failures} times; last error: {message.Error}. ") + ResumeHint());
            return;
        }

        _pending.Add(message.Partition);
        ServeWaitingWorkers();
    }

    private string ResumeHint() =>
        $"Fix the cause, then resume the job (finished partitions are kept): adrn link --resume {_jobId} --out {OutDirHint}";

    private IReadOnlyList<int> HeldBy(IActorRef worker) =>
        _partitionsOfWorker.TryGetValue(worker, out var held) ? held : [];

    private void ForgetAssignment(IActorRef worker, int partition)
    {
        if (_partitionsOfWorker.TryGetValue(worker, out var held) && held.Remove(partition) && held.Count == 0)
        {
            _partitionsOfWorker.Remove(worker);
        }

        if (_inFlight.TryGetValue(partition, out var assignment) && assignment.Worker.Equals(worker))
        {
            _inFlight.Remove(partition);
        }
    }

    private void ReleaseWorker(IActorRef worker, string why)
    {
        _waiting.Remove(worker);
        _capacityOfWorker.Remove(worker);
        if (!_partitionsOfWorker.Remove(worker, out var partitions))
        {
            return;
        }

        var done = CurrentPhase == JobPhase.Counting ? _counted : _scored;
        var released = false;
        foreach (var partition in partitions)
        {
            _inFlight.Remove(partition);
            if (_handingOut && !done.ContainsKey(partition))
            {
                _log.Warning("Job {0}: worker {1} {2} holding partition {3}; handing it out again.", _jobId, worker.Path, why, partition);
                _pending.Add(partition);
                released = true;
            }
        }

        if (released)
        {
            ServeWaitingWorkers();
        }
    }

    private void OnReleaseTasksOfNode(ReleaseTasksOfNode message)
    {
        foreach (var worker in _partitionsOfWorker.Keys.Where(w => w.Path.Address.ToString() == message.NodeAddress).ToList())
        {
            ReleaseWorker(worker, "is on node " + message.NodeAddress + ", which was lost,");
        }

        foreach (var worker in _waiting.Where(w => w.Path.Address.ToString() == message.NodeAddress).ToList())
        {
            _waiting.Remove(worker);
        }
    }

    private void PersistModel(string modelJson) =>
        Persist(new JobJournal.ModelTrained(modelJson), e =>
        {
            Apply(e);
            _log.Info("Job {0}: model trained.", _jobId);
            Advance();
        });

    private void PersistCompletion(JobSummary summary) =>
        Persist(new JobJournal.JobCompleted(summary), e =>
        {
            Apply(e);
            _log.Info("Job {0} complete: {1} pairs written.", _jobId, summary.PairsWritten);
            var outcome = new JobSucceeded(_jobId, summary);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Tell(outcome);
            }

            Context.Parent.Tell(outcome);
            _workloads.Release(_jobId);
        });

    private void FailJob(string reason, JobFailureKind kind = JobFailureKind.WorkFailed)
    {
        _handingOut = false;
        _log.Error("{0}", reason);
        void Notify(string r)
        {
            _failure = r;
            _failureKind = kind;
            var outcome = new JobFailed(_jobId, r, kind);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Tell(outcome);
            }

            Context.Parent.Tell(outcome);
        }

        if (_job is null)
        {
            // NOTE: nothing was ever journalled for this id, and nothing is now: a job that failed while opening
            // (an invalid job file, a missing column, the comparison cap, a typo in a resumed id) has nothing to
            // resume, and a journal entry would only make a resume fail later, or block the id for the fixed job.
            Notify(reason);
            return;
        }

        Persist(new JobJournal.JobFailed(reason, kind), e => Notify(e.Reason));
    }

    private void Subscribe(IActorRef subscriber)
    {
        if (subscriber.IsNobody())
        {
            return;
        }

        _subscribers.Add(subscriber);
        if (_summary is not null)
        {
            subscriber.Tell(new JobSucceeded(_jobId, _summary));
        }
        else if (_failure is not null && !_handingOut)
        {
            subscriber.Tell(new JobFailed(_jobId, _failure, _failureKind));
        }
        else if (_handingOut)
        {
            subscriber.Tell(Progress());
        }
    }

    private JobProgress Progress()
    {
        var done = CurrentPhase == JobPhase.Counting ? _counted : _scored;
        var seconds = _phaseClock.Elapsed.TotalSeconds;
        return new JobProgress(_jobId, CurrentPhase, done.Count, Total(CurrentPhase), _phasePairs, seconds > 0 ? _phasePairs / seconds : 0);
    }

    private void PublishProgress()
    {
        var progress = Progress();
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(progress);
        }
    }

    private JobStatus CurrentStatus() => new(
        _jobId,
        [.. _counted.Keys],
        [.. _scored.Keys],
        _partitionCount,
        _model is not null,
        _inFlight.ToDictionary(kv => kv.Key, kv => kv.Value.Worker.Path.ToString()),
        _handingOut,
        _summary is not null,
        _failure);

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Job {0}: the journal refused event {1}; the coordinator stops. Resume the job when the journal is reachable.", _jobId, @event.GetType().Name);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private static Exception Unwrap(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : ex;

    private sealed record Assignment(IActorRef Worker, int Attempt);

    private sealed record WorkloadOpened(JobDescriptor Job, IJobWorkload Workload, IReadOnlyList<PartitionResult> Broken);

    private sealed record ModelReady(string ModelJson);

    private sealed record OutputsReady(JobSummary Summary);

    private sealed record StepFailed(string Reason, JobFailureKind Kind = JobFailureKind.WorkFailed);

    private sealed record Shipped(IActorRef Worker, JobPhase Phase, int Partition, int Attempt);
}
