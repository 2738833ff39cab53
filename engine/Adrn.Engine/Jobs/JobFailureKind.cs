namespace Adrn.Engine.Jobs;

/// <summary>
/// How a job failed, which decides what its client tells the user and the exit code of <c>adrn link</c>:
/// a job that could not be opened left nothing in the journal (there is nothing to resume), while one
/// that failed later keeps its finished partitions for a resume.
/// </summary>
public enum JobFailureKind
{
    /// <summary>
    /// The work failed after the job was opened and journalled (a partition kept failing, training or writing the
    /// outputs failed): fix the cause, then resume the job; its finished partitions are kept. Exit code 1.
    /// </summary>
    WorkFailed = 0,

    /// <summary>
    /// The job or the command that submitted it is wrong, and the user can fix it: an invalid job file, a missing
    /// column, the comparison cap exceeded, a path outside the node's data roots, an unknown or reused job id.
    /// Found before the job was journalled, so nothing can be resumed: fix it and start the job again. Exit code 2.
    /// </summary>
    InvalidJob = 1,

    /// <summary>
    /// The job could not be opened for another reason (an input could not be read, for example); nothing was
    /// journalled: start the job again once the cause is fixed. Exit code 1.
    /// </summary>
    NotStarted = 2,
}
