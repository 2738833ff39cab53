using Adrn.Engine.Jobs;

namespace Adrn.Engine.Workloads;

/// <summary>Opens the workload of a job on a node.</summary>
public interface IJobWorkloadFactory
{
    /// <summary>
    /// Opens a job where its coordinator runs: reads and prepares its inputs (the only process that does), plans its
    /// partitions and makes them available to other nodes (<see cref="IJobWorkload.ShipAsync"/>).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>The workload.</returns>
    IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a job on a node that only runs partition tasks for a coordinator elsewhere: from what the coordinator's
    /// node shipped (prepared value tables and partition slices in the job's folder), without reading the raw inputs.
    /// Such a workload counts and scores partitions only. The default opens the job as <see cref="Open"/> does.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>The workload.</returns>
    IJobWorkload OpenForWorker(JobDescriptor job, CancellationToken cancellationToken) => Open(job, cancellationToken);
}
