using Adrn.Engine.Coordination;
using Adrn.Engine.Registry;
using Akka.Actor;

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
    private bool _accepted;

    /// <summary>Creates the watcher; use <see cref="JobWatcherProtocol.Props"/>.</summary>
    /// <param name="jobs">The job registry or its proxy.</param>
    /// <param name="request">What to submit.</param>
    /// <param name="outcome">Completed with the outcome.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="resendInterval">How often submission and subscription are re-sent.</param>
    /// <param name="acceptTimeout">How long to wait for the registry to accept the job before giving up.</param>
    public JobWatcher(
        ActorSelection jobs,
        JobRequest request,
        TaskCompletionSource<JobOutcome> outcome,
        IProgress<JobCoordinatorProtocol.JobProgress>? progress,
        TimeSpan resendInterval,
        TimeSpan acceptTimeout)
    {
        _jobs = jobs;
        _request = request;
        _outcome = outcome;
        _progress = progress;

        Receive<Resend>(_ => Send());
        Receive<JobRegistryProtocol.JobAccepted>(_ =>
        {
            _accepted = true;
            _jobs.Tell(new JobCoordinatorProtocol.SubscribeToJob(_request.JobId));
        });
        Receive<JobRegistryProtocol.JobRejected>(m => Finish(new JobOutcome(m.JobId, false, null, m.Reason)));
        Receive<JobCoordinatorProtocol.JobProgress>(m => _progress?.Report(m));
        Receive<JobCoordinatorProtocol.JobSucceeded>(m => Finish(new JobOutcome(m.JobId, true, m.Summary, null)));
        Receive<JobCoordinatorProtocol.JobFailed>(m => Finish(new JobOutcome(m.JobId, false, null, m.Reason)));
        Receive<AcceptTimedOut>(_ =>
        {
            if (!_accepted)
            {
                Finish(new JobOutcome(_request.JobId, false, null,
                    $"No adrn job registry answered at {_jobs.PathString} within {acceptTimeout.TotalSeconds:0} s: is a seed node running and reachable there?"));
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
        Send();
        Timers.StartPeriodicTimer(ResendTimer, Resend.Instance, _resendInterval);
        Timers.StartSingleTimer("accept-timeout", AcceptTimedOut.Instance, _acceptTimeout);
    }

    /// <inheritdoc />
    protected override void PostStop() =>
        _outcome.TrySetResult(new JobOutcome(_request.JobId, false, null, "The client stopped before the job finished."));

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
