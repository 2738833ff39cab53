using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;

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

    /// <inheritdoc />
    /// <remarks>Each source's file and the job's truth file, as the job file names them once its variables are filled in.</remarks>
    public IEnumerable<JobInput> InputsOf(JobDescriptor job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // NOTE: requireInputFiles false: whether a file outside the roots exists is none of the submitter's business.
        var config = LinkageJobConfig.Load(job.ConfigPath, job.Variables, requireInputFiles: false);
        var inputs = config.Sources.Select(s => new JobInput($"source '{s.Name}'", s.Path)).ToList();
        if (config.Truth?.PairsPath is { } truth)
        {
            inputs.Add(new JobInput("truth.pairs", truth));
        }

        return inputs;
    }
}
