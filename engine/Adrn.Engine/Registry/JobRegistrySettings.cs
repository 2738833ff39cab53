using Adrn.Engine.Coordination;

namespace Adrn.Engine.Registry;

/// <summary>Typed settings of the <see cref="JobRegistry"/>.</summary>
public sealed record JobRegistrySettings
{
    /// <summary>
    /// Whether the registry restarts the coordinators of unfinished jobs when it starts (cluster
    /// mode: a restarted seed node resumes its jobs). Local mode resumes only on request. Default false.
    /// </summary>
    public bool ResumeUnfinishedJobs { get; init; }

    /// <summary>Whether to watch cluster membership and hand out again the tasks of unreachable nodes. Default false.</summary>
    public bool WatchClusterMembership { get; init; }

    /// <summary>Settings of each job's coordinator.</summary>
    public JobCoordinatorSettings Coordinator { get; init; } = JobCoordinatorSettings.Default;
}
