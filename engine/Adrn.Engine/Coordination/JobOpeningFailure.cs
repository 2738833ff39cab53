using Adrn.Engine.Jobs;
using Adrn.Engine.Security;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;

namespace Adrn.Engine.Coordination;

/// <summary>What a coordinator tells its client when a job cannot be opened (read, validated and planned).</summary>
public static class JobOpeningFailure
{
    /// <summary>
    /// <see cref="JobFailureKind.InvalidJob"/> for problems the user fixes in the job file or the command: an invalid
    /// job (every problem listed, including a missing column), more comparisons than <c>max_comparisons</c>, a path
    /// outside the node's data roots; otherwise <see cref="JobFailureKind.NotStarted"/>.
    /// </summary>
    /// <param name="error">Why the job could not be opened.</param>
    /// <returns>The kind of failure.</returns>
    public static JobFailureKind KindOf(Exception error) => error switch
    {
        ConfigValidationException or ComparisonCapExceededException or PathOutsideDataRootsException or Adrn.Linkage.Output.OutputFolderException
            or Adrn.Tables.TableFormatException => JobFailureKind.InvalidJob,
        _ => JobFailureKind.NotStarted,
    };

    /// <summary>The message of a job that could not be opened, with what to do next.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="error">Why it could not be opened.</param>
    /// <param name="resumeHint">For a journalled job being resumed, how to resume it again; null for a new job, which was not journalled.</param>
    /// <returns>The message.</returns>
    public static string Describe(string jobId, Exception error, string? resumeHint)
    {
        var advice = resumeHint ?? (KindOf(error) == JobFailureKind.InvalidJob
            ? "Nothing was journalled, so there is nothing to resume: fix the job file or the command, then start the job again."
            : "Nothing was journalled, so there is nothing to resume: start the job again once the cause is fixed.");
        var message = error.Message.TrimEnd();
        // A validation message lists its problems one per line; the advice then goes on a line of its own.
        return message.Contains('\n', StringComparison.Ordinal)
            ? $"Job {jobId} could not be opened: {message}\n{advice}"
            : $"Job {jobId} could not be opened: {message.TrimEnd('.')}. {advice}";
    }
}
