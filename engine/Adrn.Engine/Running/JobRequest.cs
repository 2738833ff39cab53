using Adrn.Engine.Jobs;
using Adrn.Engine.Registry;

namespace Adrn.Engine.Running;

/// <summary>What a client asks of the engine: start a new job or resume a journalled one.</summary>
public sealed record JobRequest
{
    private JobRequest(string jobId, JobDescriptor? job)
    {
        JobId = jobId;
        Job = job;
    }

    /// <summary>The job id.</summary>
    public string JobId { get; }

    /// <summary>The job to start, or null when resuming.</summary>
    public JobDescriptor? Job { get; }

    /// <summary>Starts <paramref name="job"/>.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The request.</returns>
    public static JobRequest Start(JobDescriptor job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobRequest(JobDescriptor.ValidateJobId(job.JobId), job);
    }

    /// <summary>Resumes the journalled job <paramref name="jobId"/> without redoing its finished partitions.</summary>
    /// <param name="jobId">The job.</param>
    /// <returns>The request.</returns>
    public static JobRequest Resume(string jobId) => new(JobDescriptor.ValidateJobId(jobId), null);

    /// <summary>The registry command for this request.</summary>
    internal object ToCommand() => Job is null
        ? new JobRegistryProtocol.ResumeJob(JobId)
        : new JobRegistryProtocol.SubmitJob(Job);
}
