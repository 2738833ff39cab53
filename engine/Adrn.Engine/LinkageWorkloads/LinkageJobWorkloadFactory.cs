using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Adrn.Linkage;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>Opens linkage jobs (<see cref="LinkageJobWorkload"/>) for the actor runtime.</summary>
/// <param name="scorers">Supplies scorers other than Fellegi–Sunter (the learned scorer), or null when only Fellegi–Sunter jobs run.</param>
/// <param name="progress">Receives the stages this node runs for a job it coordinates (reading and standardising, blocking, training), or null.</param>
public sealed class LinkageJobWorkloadFactory(IPairScorerProvider? scorers = null, IProgress<LinkageProgress>? progress = null) : IJobWorkloadFactory
{
    /// <inheritdoc />
    public IJobWorkload Open(JobDescriptor job, CancellationToken cancellationToken) => LinkageJobWorkload.Open(job, scorers, progress);

    /// <inheritdoc />
    public IJobWorkload OpenForWorker(JobDescriptor job, CancellationToken cancellationToken) => LinkageSliceWorkload.Open(job, scorers);
}
