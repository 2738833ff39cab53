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

    /// <summary>
    /// The files <see cref="Open"/> would read that the job file names (sources, truth files), after variable
    /// substitution, so that a node can refuse a job that reaches outside its data roots before reading anything
    /// but the job file. The job file, the descriptor's truth file and the output folder are not listed: the caller
    /// checks those first. The default lists none (a workload that reads nothing else).
    /// </summary>
    /// <param name="job">The job, whose job file is known to be readable by this node.</param>
    /// <returns>The inputs, each with what it is to the job.</returns>
    IEnumerable<JobInput> InputsOf(JobDescriptor job) => [];
}
