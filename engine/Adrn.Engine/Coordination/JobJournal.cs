using Adrn.Engine.Serialization;
using Adrn.Engine.Jobs;

namespace Adrn.Engine.Coordination;

/// <summary>
/// The events a <see cref="JobCoordinator"/> writes to its journal (persistence id
/// <c>adrn-job-{JobId}</c>). Replaying them restores which partitions are finished and the trained
/// model, so a resumed job never redoes finished work.
/// </summary>
public static class JobJournal
{
    /// <summary>The persistence id of a job's coordinator.</summary>
    /// <param name="jobId">The job.</param>
    /// <returns><c>adrn-job-{jobId}</c>.</returns>
    public static string PersistenceId(string jobId) => "adrn-job-" + jobId;

    /// <summary>The job was started from <paramref name="Job"/>, whose inputs hashed to <paramref name="ConfigHash"/>.</summary>
    /// <param name="Job">The job.</param>
    /// <param name="ConfigHash">Hash of the job file and inputs when the job started.</param>
    /// <param name="PartitionCount">Number of partitions P (scoring tasks).</param>
    /// <param name="CountingUnits">Number of counting tasks before training (0 when training is one step).</param>
    public sealed record JobStarted(JobDescriptor Job, string ConfigHash, int PartitionCount, int CountingUnits) : IAdrnMessage;

    /// <summary>A partition finished and its result file was renamed into place.</summary>
    /// <param name="Result">The result file, row count and checksum.</param>
    public sealed record PartitionCompleted(PartitionResult Result) : IAdrnMessage;

    /// <summary>EM finished on the merged agreement-pattern counts.</summary>
    /// <param name="ModelJson">The model parameters as JSON.</param>
    public sealed record ModelTrained(string ModelJson) : IAdrnMessage;

    /// <summary>The merged outputs were written; the job is finished.</summary>
    /// <param name="Summary">What was written.</param>
    public sealed record JobCompleted(JobSummary Summary) : IAdrnMessage;

    /// <summary>The job stopped on an error; a resume starts it again from its finished partitions.</summary>
    /// <param name="Reason">What failed and how to resume.</param>
    /// <param name="Kind">How it failed (absent in journals written before it existed: <see cref="JobFailureKind.WorkFailed"/>).</param>
    public sealed record JobFailed(string Reason, JobFailureKind Kind = JobFailureKind.WorkFailed) : IAdrnMessage;

    /// <summary>A failed job was resumed.</summary>
    /// <param name="Attempt">How many times the job has been resumed after a failure.</param>
    public sealed record JobResumed(int Attempt) : IAdrnMessage;
}
