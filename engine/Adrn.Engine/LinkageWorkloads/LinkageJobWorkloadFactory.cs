using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>Opens Fellegi–Sunter linkage jobs (JSON job files of Adrn.Linkage) as partitioned workloads.</summary>
public sealed class LinkageJobWorkloadFactory : IJobWorkloadFactory
{
    /// <inheritdoc />
    public IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken) => LinkageJobWorkload.Open(job);
}
