namespace Adrn.Dataset.Spec;

/// <summary>A dataset spec (or a source added to one) is invalid; <see cref="Problems"/> lists every problem found.</summary>
public sealed class DatasetSpecException : Exception
{
    /// <summary>Creates the exception from a non-empty list of problems.</summary>
    /// <param name="problems">Every problem, each naming the field concerned.</param>
    public DatasetSpecException(IReadOnlyList<string> problems)
        : base(BuildMessage(problems)) => Problems = problems;

    /// <summary>Creates the exception with one problem.</summary>
    public DatasetSpecException() : this(["invalid dataset spec"]) { }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public DatasetSpecException(string message) : this([message]) { }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetSpecException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Every problem, in the order of the spec.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? "Invalid dataset spec: " + problems[0]
            : $"Invalid dataset spec ({problems.Count} problems):" + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", problems);
    }
}
