namespace Adrn.Cli;

/// <summary>
/// Thrown by a command when an argument is well-formed but unusable (for example an output folder
/// that cannot be written). The command line turns it into a message on standard error and exit
/// code <see cref="ExitCodes.BadUsage"/>.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a message the user can act on.</summary>
    /// <param name="message">What was wrong with the arguments and how to fix it.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">What was wrong with the arguments and how to fix it.</param>
    /// <param name="innerException">The error that revealed the problem.</param>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public UsageException()
        : base("The command line was not usable.")
    {
    }
}
