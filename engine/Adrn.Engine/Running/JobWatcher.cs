using Adrn.Engine.Coordination;
using Adrn.Engine.Jobs;
using Adrn.Engine.Registry;
using Akka.Actor;
using Akka.Remote;

namespace Adrn.Engine.Running;

/// <summary>Submits a job and relays its progress and outcome to the calling code.</summary>
public sealed class JobWatcher : ReceiveActor, IWithTimers
{
    private const string ResendTimer = "resend";
    private readonly ActorSelection _jobs;
    private readonly JobRequest _request;
    private readonly TaskCompletionSource<JobOutcome> _outcome;
    private readonly IProgress<JobCoordinatorProtocol.JobProgress>? _progress;
    private readonly TimeSpan _resendInterval;
    private readonly TimeSpan _acceptTimeout;
    private readonly Action<string>? _notice;
    private bool _accepted;
    private bool _connectionLost;

    /// <summary>Creates the watcher; use <see cref="JobWatcherProtocol.Props"/>.</summary>
    /// <param name="jobs">The job registry or its proxy.</param>
    /// <param name="request">What to submit.</param>
    /// <param name="outcome">Completed with the outcome.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="resendInterval">How often submission and subscription are re-sent.</param>
    /// <param name="acceptTimeout">How long to wait for the registry to accept the job before giving up.</param>
    /// <param name="notice">Receives one line when the connection to a remote registry is lost (again once it was back); may be null.</param>
    public JobWatcher(
        ActorSelection jobs,
        JobRequest request,
        TaskCompletionSource<JobOutcome> outcome,
        IProgress<JobCoordinatorProtocol.JobProgress>? progress,
        TimeSpan resendInterval,
        TimeSpan acceptTimeout,
        Action<string>? notice = null)
    {
        _jobs = jobs;
        _request = request;
        _outcome = outcome;
        _progress = progress;
        _notice = notice;

        Receive<Resend>(_ => Send());
        Receive<JobRegistryProtocol.JobAccepted>(_ =>
        {
            Reconnected();
            _accepted = true;
            _jobs.Tell(new JobCoordinatorProtocol.SubscribeToJob(_request.JobId));
        });
        Receive<JobRegistryProtocol.JobRejected>(m => Finish(new JobOutcome(m.JobId, false, null, m.Reason, JobFailureKind.InvalidJob)));
        Receive<JobCoordinatorProtocol.JobProgress>(m =>
        {
            Reconnected();
            _progress?.Report(m);
        });
        Receive<JobCoordinatorProtocol.JobSucceeded>(m => Finish(new JobOutcome(m.JobId, true, m.Summary, null)));
        Receive<JobCoordinatorProtocol.JobFailed>(m => Finish(new JobOutcome(m.JobId, false, null, m.Reason, m.Kind)));
        Receive<DisassociatedEvent>(m => ConnectionLost(m.RemoteAddress, null));
        Receive<AssociationErrorEvent>(m => ConnectionLost(m.RemoteAddress, m.Cause?.Message));
        Receive<AcceptTimedOut>(_ =>
        {
            if (!_accepted)
            {
                Finish(new JobOutcome(_request.JobId, false, null,
                    $"No adrn job registry answered at {_jobs.Anchor.Path.Address}{_jobs.PathString} within {acceptTimeout.TotalSeconds:0} s: is a seed node running and reachable there?"));
            }
        });
        _resendInterval = resendInterval;
        _acceptTimeout = acceptTimeout;
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_notice is not null && !_jobs.Anchor.Path.Address.HasLocalScope)
        {
            // NOTE: the client's own remoting log is silenced (it prints stack traces for a lost connection);
            // these events are how the user still learns, in one line, that the cluster went away and came back.
            Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
            Context.System.EventStream.Subscribe(Self, typeof(AssociationErrorEvent));
        }

        Send();
        Timers.StartPeriodicTimer(ResendTimer, Resend.Instance, _resendInterval);
        Timers.StartSingleTimer("accept-timeout", AcceptTimedOut.Instance, _acceptTimeout);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _outcome.TrySetResult(new JobOutcome(_request.JobId, false, null, "The client stopped before the job finished."));
    }

    private void ConnectionLost(Address remote, string? cause)
    {
        if (_connectionLost || !remote.Equals(_jobs.Anchor.Path.Address))
        {
            return;
        }

        _connectionLost = true;
        _notice?.Invoke(_accepted
            ? $"lost the connection to {remote}; waiting for it to come back (a restarted seed node resumes the job from its journal; Ctrl+C stops waiting, the job keeps running)."
            : $"cannot reach {remote}{(string.IsNullOrWhiteSpace(cause) ? string.Empty : " (" + cause.Split('\n')[0].Trim().TrimEnd('.') + ")")}; trying again until the job is accepted or {_acceptTimeout.TotalSeconds:0} s have passed.");
    }

    // NOTE: no line for the way back: the progress lines that follow show it, and a lost connection stays one line.
    private void Reconnected() => _connectionLost = false;

    private void Send()
    {
        // NOTE: both are idempotent, and re-sending them is what carries a client across a lost
        // message or a coordinator that restarted (its subscribers are not journalled).
        _jobs.Tell(_accepted ? new JobCoordinatorProtocol.SubscribeToJob(_request.JobId) : _request.ToCommand());
    }

    private void Finish(JobOutcome outcome)
    {
        _outcome.TrySetResult(outcome);
        Context.Stop(Self);
    }

    private sealed record AcceptTimedOut
    {
        public static AcceptTimedOut Instance { get; } = new();
    }

    private sealed record Resend
    {
        public static Resend Instance { get; } = new();
    }
}
