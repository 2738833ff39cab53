namespace Adrn.Linkage.Output;

/// <summary>
/// An output folder cannot be used by a job: it holds another job's outputs, another job is writing into it, or it
/// does not belong to the job being resumed. The user fixes it in the command (another <c>--out</c>, <c>--force</c>,
/// the right folder), so the CLI reports it as bad usage (exit code 2).
/// </summary>
public sealed class OutputFolderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutputFolderException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public OutputFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public OutputFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
