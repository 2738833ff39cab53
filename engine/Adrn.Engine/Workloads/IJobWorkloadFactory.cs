using Adrn.Engine.Jobs;

namespace Adrn.Engine.Workloads;

/// <summary>Opens the workload of a job on the node that runs it (each node opens it once and caches it).</summary>
public interface IJobWorkloadFactory
{
    /// <summary>Reads and prepares the job so that its partitions can run.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops the preparation early.</param>
    /// <returns>The workload; the caller disposes it.</returns>
    IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken);
}
