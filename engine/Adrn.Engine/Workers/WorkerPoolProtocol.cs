using Adrn.Engine.Workloads;
using Akka.Actor;

namespace Adrn.Engine.Workers;

/// <summary>The protocol of <see cref="WorkerPool"/>, the parent and supervisor of a node's workers.</summary>
public static class WorkerPoolProtocol
{
    /// <summary>The actor name of a node's worker pool.</summary>
    public const string Name = "workers";

    /// <summary>Props of a pool of <paramref name="workerCount"/> workers.</summary>
    /// <param name="jobs">The job registry or its singleton proxy.</param>
    /// <param name="workloads">The node's workload cache.</param>
    /// <param name="workerCount">Workers (each runs one task at a time); at least 0.</param>
    /// <param name="settings">Worker settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(IActorRef jobs, WorkloadCache workloads, int workerCount, PartitionWorkerSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workerCount);
        return Akka.Actor.Props.Create(() => new WorkerPool(jobs, workloads, workerCount, settings));
    }
}
