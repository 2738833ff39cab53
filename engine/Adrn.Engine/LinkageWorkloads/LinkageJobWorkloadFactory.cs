using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Adrn.Linkage;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>Opens linkage jobs (<see cref="LinkageJobWorkload"/>) for the actor runtime.</summary>
/// <param name="scorers">Supplies scorers other than Fellegi–Sunter (the learned scorer), or null when only Fellegi–Sunter jobs run.</param>
public sealed class LinkageJobWorkloadFactory(IPairScorerProvider? scorers = null) : IJobWorkloadFactory
{
    /// <inheritdoc />
    public IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken) => LinkageJobWorkload.Open(job, scorers);

    /// <inheritdoc />
    public IJobWorkload OpenForWorker(JobDescriptor job, CancellationToken cancellationToken) => LinkageSliceWorkload.Open(job, scorers);
}
