using Adrn.Engine.Coordination;
using Akka.Actor;

namespace Adrn.Engine.Running;

/// <summary>
/// The protocol of <see cref="JobWatcher"/>, the client side of a job: it submits (or resumes) the
/// job until accepted, keeps its progress subscription alive across coordinator restarts, and
/// completes a task with the outcome.
/// </summary>
public static class JobWatcherProtocol
{
    /// <summary>Props of a watcher.</summary>
    /// <param name="jobs">The job registry (local) or its proxy on a cluster node (remote).</param>
    /// <param name="request">What to submit.</param>
    /// <param name="outcome">Completed with the outcome.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="resendInterval">How often the submission and subscription are re-sent.</param>
    /// <param name="acceptTimeout">How long to wait for the registry to accept the job before giving up.</param>
    /// <param name="notice">Receives one line when the connection to a remote registry is lost (again once it was back); may be null.</param>
    /// <returns>The props.</returns>
    public static Props Props(
        ActorSelection jobs,
        JobRequest request,
        TaskCompletionSource<JobOutcome> outcome,
        IProgress<JobCoordinatorProtocol.JobProgress>? progress,
        TimeSpan resendInterval,
        TimeSpan acceptTimeout,
        Action<string>? notice = null) =>
        Akka.Actor.Props.Create(() => new JobWatcher(jobs, request, outcome, progress, resendInterval, acceptTimeout, notice));
}
