using Adrn.Engine.Coordination;
using Adrn.Engine.Workloads;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;
using static Adrn.Engine.Registry.JobRegistryProtocol;

namespace Adrn.Engine.Registry;

/// <summary>
/// Knows the jobs of a node (local mode) or of the cluster (as a cluster singleton): starts one
/// <see cref="JobCoordinator"/> child per running job, routes worker requests to the oldest running
/// job and worker reports to their job, and in cluster mode hands out again the tasks held on
/// nodes that become unreachable.
/// </summary>
public sealed class JobRegistry : ReceivePersistentActor
{
    private readonly WorkloadCache _workloads;
    private readonly JobRegistrySettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<string> _running = [];
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _coordinators = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _jobOfCoordinator = [];
    // Jobs accepted but not yet open: they run (workers are routed to them) but are journalled only once their
    // coordinator reports them open, so a job that fails while opening leaves no entry to resume or to block its id.
    private readonly HashSet<string> _unjournalled = new(StringComparer.Ordinal);
    // Why recent jobs failed while opening, for a client whose subscription arrives after the failure.
    private readonly Dictionary<string, JobCoordinatorProtocol.JobFailed> _openingFailures = new(StringComparer.Ordinal);
    private readonly Queue<string> _openingFailureOrder = new();
    private int _coordinatorsStarted;

    /// <summary>Creates the registry; use <see cref="JobRegistryProtocol.Props"/>.</summary>
    /// <param name="workloads">The node's workload cache.</param>
    /// <param name="settings">Settings.</param>
    public JobRegistry(WorkloadCache workloads, JobRegistrySettings settings)
    {
        _workloads = workloads;
        _settings = settings;

        Recover<RegistryJournal.JobRegistered>(Apply);
        Recover<RegistryJournal.JobFinished>(Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitJob>(OnSubmitJob);
        Command<ResumeJob>(OnResumeJob);
        Command<GetJobs>(_ => Sender.Tell(new KnownJobs([.. _running], [.. _finished.Order(StringComparer.Ordinal)])));
        Command<JobCoordinatorProtocol.SubscribeToJob>(OnSubscribe);
        Command<JobCoordinatorProtocol.RequestTask>(OnRequestTask);
        Command<JobCoordinatorProtocol.CompletePartition>(m => ForwardToJob(m.JobId, m));
        Command<JobCoordinatorProtocol.FailPartition>(m => ForwardToJob(m.JobId, m));
        Command<JobCoordinatorProtocol.JobOpened>(OnJobOpened);
        Command<JobCoordinatorProtocol.JobSucceeded>(m => OnJobFinished(m.JobId, succeeded: true, null));
        Command<JobCoordinatorProtocol.JobFailed>(m => OnJobFinished(m.JobId, succeeded: false, m));
        Command<ClusterEvent.UnreachableMember>(m => ReleaseNode(m.Member, "unreachable"));
        Command<ClusterEvent.MemberRemoved>(m => ReleaseNode(m.Member, "removed"));
        Command<ClusterEvent.IMemberEvent>(_ => { });
        Command<ClusterEvent.CurrentClusterState>(_ => { });
        Command<Terminated>(OnCoordinatorStopped);
    }

    /// <inheritdoc />
    public override string PersistenceId => RegistryJournal.PersistenceId;

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() =>
        // NOTE: a coordinator that throws is restarted: it replays its journal and continues from its
        // finished partitions. One that keeps failing is stopped; its job stays resumable.
        new OneForOneStrategy(maxNrOfRetries: 3, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: ex => ex switch
        {
            ActorInitializationException => Directive.Stop,
            _ => Directive.Restart,
        });

    /// <inheritdoc />
    protected override void PreStart()
    {
        base.PreStart();
        if (_settings.WatchClusterMembership)
        {
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_settings.WatchClusterMembership)
        {
            Cluster.Get(Context.System).Unsubscribe(Self);
        }

        base.PostStop();
    }

    private void Apply(RegistryJournal.JobRegistered e)
    {
        _finished.Remove(e.JobId);
        if (!_running.Contains(e.JobId))
        {
            _running.Add(e.JobId);
        }
    }

    private void Apply(RegistryJournal.JobFinished e)
    {
        _running.Remove(e.JobId);
        _finished.Add(e.JobId);
    }

    private void OnRecovered()
    {
        if (!_settings.ResumeUnfinishedJobs)
        {
            return;
        }

        foreach (var jobId in _running)
        {
            _log.Info("Resuming unfinished job {0}.", jobId);
            StartCoordinator(jobId, null);
        }
    }

    private void OnSubmitJob(SubmitJob message)
    {
        var jobId = message.Job.JobId;
        var client = Sender;
        if (_finished.Contains(jobId))
        {
            client.Tell(new JobRejected(jobId, $"Job id '{jobId}' was already used; choose another id or resume it with --resume {jobId}."));
            return;
        }

        if (_coordinators.ContainsKey(jobId) || _running.Contains(jobId))
        {
            // A client re-sending its submission after a lost reply: the job is already known.
            EnsureCoordinator(jobId);
            client.Tell(new JobAccepted(jobId));
            return;
        }

        // A job that failed while opening left nothing behind: its id is free for the corrected job.
        _openingFailures.Remove(jobId);
        AcceptUnjournalled(jobId, message.Job);
        client.Tell(new JobAccepted(jobId));
    }

    /// <summary>Runs a job that is not journalled here yet; <see cref="OnJobOpened"/> journals it once its coordinator has opened it.</summary>
    private void AcceptUnjournalled(string jobId, Jobs.JobDescriptor? job)
    {
        _unjournalled.Add(jobId);
        if (!_running.Contains(jobId))
        {
            _running.Add(jobId);
        }

        StartCoordinator(jobId, job);
    }

    private void OnJobOpened(JobCoordinatorProtocol.JobOpened message)
    {
        if (_unjournalled.Remove(message.JobId))
        {
            Persist(new RegistryJournal.JobRegistered(message.JobId), Apply);
        }
    }

    private void OnResumeJob(ResumeJob message)
    {
        var jobId = message.JobId;
        var client = Sender;
        if (_coordinators.ContainsKey(jobId))
        {
            client.Tell(new JobAccepted(jobId));
            return;
        }

        _openingFailures.Remove(jobId);
        if (_running.Contains(jobId) && !_unjournalled.Contains(jobId))
        {
            StartCoordinator(jobId, null);
        }
        else
        {
            // Journalled here only once the coordinator finds the job in its journal and opens it again: a resume of
            // an unknown id (a typo) leaves no trace.
            AcceptUnjournalled(jobId, null);
        }

        client.Tell(new JobAccepted(jobId));
    }

    private void OnSubscribe(JobCoordinatorProtocol.SubscribeToJob message)
    {
        if (EnsureCoordinator(message.JobId) is { } coordinator)
        {
            coordinator.Forward(message);
        }
        else if (_openingFailures.TryGetValue(message.JobId, out var failed))
        {
            Sender.Tell(failed);
        }
        else
        {
            Sender.Tell(new JobCoordinatorProtocol.JobFailed(message.JobId,
                $"No job '{message.JobId}' is known here: check the job id, or start the job again (a job that fails while it is being opened is not kept).",
                Jobs.JobFailureKind.InvalidJob));
        }
    }

    private IActorRef? EnsureCoordinator(string jobId)
    {
        if (_coordinators.TryGetValue(jobId, out var coordinator))
        {
            return coordinator;
        }

        // A known job whose coordinator stopped (finished, or gave up after repeated failures):
        // start it again; it replays its journal and reports the outcome or continues.
        return _running.Contains(jobId) || _finished.Contains(jobId) ? StartCoordinator(jobId, null) : null;
    }

    private IActorRef StartCoordinator(string jobId, Jobs.JobDescriptor? job)
    {
        // NOTE: a coordinator stopped after a failed opening may still hold its name while the corrected job starts,
        // so names after the first carry a counter.
        var name = _jobOfCoordinator.ContainsValue(jobId) ? $"job-{jobId}-{++_coordinatorsStarted}" : "job-" + jobId;
        var coordinator = Context.ActorOf(
            JobCoordinatorProtocol.Props(jobId, job, _workloads, _settings.Coordinator), name);
        Context.Watch(coordinator);
        _coordinators[jobId] = coordinator;
        _jobOfCoordinator[coordinator] = jobId;
        return coordinator;
    }

    private void OnRequestTask(JobCoordinatorProtocol.RequestTask message)
    {
        // NOTE: jobs run one after another: every worker pulls from the oldest unfinished job, so a
        // second job never competes with the first for memory.
        foreach (var jobId in _running)
        {
            if (_coordinators.TryGetValue(jobId, out var coordinator))
            {
                coordinator.Forward(message);
                return;
            }
        }

        Sender.Tell(JobCoordinatorProtocol.NoTaskAvailable.Instance);
    }

    private void ForwardToJob(string jobId, object message)
    {
        if (_coordinators.TryGetValue(jobId, out var coordinator))
        {
            coordinator.Forward(message);
        }
        else
        {
            _log.Debug("Dropping {0} for job {1}, which is not running here.", message.GetType().Name, jobId);
        }
    }

    private void OnJobFinished(string jobId, bool succeeded, JobCoordinatorProtocol.JobFailed? failure)
    {
        if (_unjournalled.Remove(jobId))
        {
            // The job ended before it was opened (it could not be opened, or a resumed job was found complete or
            // unresumable): nothing to journal here. Its coordinator goes; a late subscriber still learns why.
            _running.Remove(jobId);
            if (_coordinators.Remove(jobId, out var coordinator))
            {
                // NOTE: a PoisonPill, not Context.Stop: a subscription this registry forwarded a moment ago may still be
                // in the coordinator's mailbox, and a stop would overtake it (the subscriber would never hear of the
                // failure); the pill is handled after it.
                coordinator.Tell(PoisonPill.Instance);
            }

            if (failure is not null)
            {
                RememberOpeningFailure(failure);
            }

            return;
        }

        if (!_running.Contains(jobId))
        {
            return;
        }

        Persist(new RegistryJournal.JobFinished(jobId, succeeded), Apply);
    }

    private void RememberOpeningFailure(JobCoordinatorProtocol.JobFailed failure)
    {
        const int Kept = 64;
        if (_openingFailures.TryAdd(failure.JobId, failure))
        {
            _openingFailureOrder.Enqueue(failure.JobId);
        }
        else
        {
            _openingFailures[failure.JobId] = failure;
        }

        while (_openingFailureOrder.Count > Kept)
        {
            _openingFailures.Remove(_openingFailureOrder.Dequeue());
        }
    }

    private void ReleaseNode(Member member, string why)
    {
        var address = member.Address.ToString();
        _log.Warning("Node {0} is {1}: its unfinished tasks are handed out again.", address, why);
        var release = new JobCoordinatorProtocol.ReleaseTasksOfNode(address);
        foreach (var coordinator in _coordinators.Values)
        {
            coordinator.Tell(release);
        }
    }

    private void OnCoordinatorStopped(Terminated message)
    {
        if (_jobOfCoordinator.Remove(message.ActorRef, out var jobId))
        {
            if (_coordinators.TryGetValue(jobId, out var current) && !current.Equals(message.ActorRef))
            {
                // An earlier coordinator of the job (stopped after a failed opening); a newer one runs.
                return;
            }

            _coordinators.Remove(jobId);
            if (_unjournalled.Remove(jobId))
            {
                _running.Remove(jobId);
                return;
            }

            if (_running.Contains(jobId))
            {
                _log.Warning("The coordinator of job {0} stopped before the job finished; a subscription or resume starts it again.", jobId);
            }
        }
    }
}
