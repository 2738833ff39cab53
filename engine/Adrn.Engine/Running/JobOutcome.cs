using Adrn.Engine.Jobs;

namespace Adrn.Engine.Running;

/// <summary>How a job ended, as seen by the client that ran or submitted it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Succeeded">Whether the outputs were written.</param>
/// <param name="Summary">What was written, when it succeeded.</param>
/// <param name="Error">What failed, and how to resume or why there is nothing to resume, when it failed.</param>
/// <param name="FailureKind">How it failed, when it failed: whether the job (or the command) was wrong or the work failed.</param>
public sealed record JobOutcome(string JobId, bool Succeeded, JobSummary? Summary, string? Error, JobFailureKind FailureKind = JobFailureKind.WorkFailed);
