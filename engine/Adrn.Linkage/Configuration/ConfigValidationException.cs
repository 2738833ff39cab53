namespace Adrn.Linkage.Configuration;

/// <summary>A job configuration (or its sources) is invalid; <see cref="Problems"/> lists every problem found.</summary>
public sealed class ConfigValidationException : Exception
{
    /// <summary>Creates the exception from a non-empty list of problems.</summary>
    /// <param name="problems">Every problem, each naming the field (and file, column) concerned.</param>
    public ConfigValidationException(IReadOnlyList<string> problems)
        : base(BuildMessage(problems)) => Problems = problems;

    /// <summary>Creates the exception with a single problem.</summary>
    public ConfigValidationException() : this(["invalid configuration"]) { }

    /// <summary>Creates the exception with a single problem.</summary>
    /// <param name="message">The problem.</param>
    public ConfigValidationException(string message) : this([message]) { }

    /// <summary>Creates the exception with a single problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Every problem found, in the order of the configuration file.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? "Invalid linkage job: " + problems[0]
            : $"Invalid linkage job ({problems.Count} problems):" + Environment.NewLine + "  - " +
              string.Join(Environment.NewLine + "  - ", problems);
    }
}
