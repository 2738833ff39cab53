using Adrn.Engine.Workloads;
using Akka.Actor;

namespace Adrn.Engine.Workers;

/// <summary>Starts and supervises a node's partition workers.</summary>
public sealed class WorkerPool : ReceiveActor
{
    /// <summary>Creates the pool; use <see cref="WorkerPoolProtocol.Props"/>.</summary>
    /// <param name="jobs">The job registry or its proxy.</param>
    /// <param name="workloads">The node's workload cache.</param>
    /// <param name="workerCount">Workers to start.</param>
    /// <param name="settings">Worker settings.</param>
    public WorkerPool(IActorRef jobs, WorkloadCache workloads, int workerCount, PartitionWorkerSettings settings)
    {
        for (var i = 1; i <= workerCount; i++)
        {
            Context.ActorOf(PartitionWorkerProtocol.Props(jobs, workloads, settings), "worker-" + i);
        }
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() =>
        // NOTE: partition errors are reported to the coordinator, not thrown; an exception here is
        // a fault of the worker itself, and a fresh worker simply asks for work again.
        new OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: ex => ex switch
        {
            ActorInitializationException => Directive.Stop,
            _ => Directive.Restart,
        });
}
