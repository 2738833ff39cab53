using Adrn.Engine.Serialization;
using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Akka.Actor;

namespace Adrn.Engine.Registry;

/// <summary>
/// The protocol of <see cref="JobRegistry"/>, the entry point of a node's (or a cluster's) jobs:
/// clients submit and resume jobs through it, and workers pull tasks through it without knowing
/// which job is running.
/// </summary>
public static class JobRegistryProtocol
{
    /// <summary>The actor name of the registry (local mode) or of its cluster singleton.</summary>
    public const string Name = "jobs";

    /// <summary>Props of the registry.</summary>
    /// <param name="workloads">The node's workload cache.</param>
    /// <param name="settings">Settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(WorkloadCache workloads, JobRegistrySettings settings) =>
        Akka.Actor.Props.Create(() => new JobRegistry(workloads, settings));

    /// <summary>Start a new job; answered by <see cref="JobAccepted"/> or <see cref="JobRejected"/>. Idempotent for the same descriptor.</summary>
    /// <param name="Job">The job.</param>
    public sealed record SubmitJob(JobDescriptor Job) : IAdrnMessage;

    /// <summary>Continue a journalled job from its finished partitions; answered by <see cref="JobAccepted"/>.</summary>
    /// <param name="JobId">The job.</param>
    public sealed record ResumeJob(string JobId) : IAdrnMessage;

    /// <summary>The job runs (or has finished); subscribe to it for progress and the outcome.</summary>
    /// <param name="JobId">The job.</param>
    public sealed record JobAccepted(string JobId) : IAdrnMessage;

    /// <summary>The job cannot be started.</summary>
    /// <param name="JobId">The job.</param>
    /// <param name="Reason">Why.</param>
    public sealed record JobRejected(string JobId, string Reason) : IAdrnMessage;

    /// <summary>Ask which jobs the registry knows; answered by <see cref="KnownJobs"/>.</summary>
    public sealed record GetJobs : IAdrnMessage
    {
        /// <summary>The single instance.</summary>
        public static GetJobs Instance { get; } = new();
    }

    /// <summary>The jobs the registry knows.</summary>
    /// <param name="Running">Ids of unfinished jobs, oldest first.</param>
    /// <param name="Finished">Ids of finished jobs (succeeded or failed).</param>
    public sealed record KnownJobs(IReadOnlyList<string> Running, IReadOnlyList<string> Finished) : IAdrnMessage;
}
