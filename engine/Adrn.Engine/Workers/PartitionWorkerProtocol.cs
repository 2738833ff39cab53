using Adrn.Engine.Serialization;
using Adrn.Engine.Workloads;
using Akka.Actor;

namespace Adrn.Engine.Workers;

/// <summary>
/// The protocol of <see cref="PartitionWorker"/>. A worker runs one partition task at a time and holds at most
/// <see cref="PartitionWorkerSettings.TasksAhead"/> more waiting their turn: it asks the job registry for a task
/// whenever it holds fewer, runs them in turn and reports each (work pulling), so a node's memory is bounded by its
/// number of workers whatever the size of the job (a waiting task is a message; its records load when it starts).
/// </summary>
public static class PartitionWorkerProtocol
{
    /// <summary>Props of a worker.</summary>
    /// <param name="jobs">Where to pull tasks from and report to: the job registry or its singleton proxy.</param>
    /// <param name="workloads">The node's workload cache.</param>
    /// <param name="settings">Settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(IActorRef jobs, WorkloadCache workloads, PartitionWorkerSettings settings) =>
        Akka.Actor.Props.Create(() => new PartitionWorker(jobs, workloads, settings));

    /// <summary>Ask whether the worker is running a task; answered by <see cref="WorkerState"/>.</summary>
    public sealed record GetWorkerState : IAdrnMessage
    {
        /// <summary>The single instance.</summary>
        public static GetWorkerState Instance { get; } = new();
    }

    /// <summary>The state of a worker.</summary>
    /// <param name="Busy">Whether it runs a task.</param>
    /// <param name="TasksRun">Tasks it has finished (successfully or not) since it started.</param>
    public sealed record WorkerState(bool Busy, int TasksRun) : IAdrnMessage;
}
