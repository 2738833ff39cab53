namespace Adrn.Linkage.Panel;

/// <summary>
/// A research output was asked to carry a column that is not an attribute (a direct identifier, a quasi-identifier
/// or an unclassified column). Thrown before any file is read or written; <see cref="Problems"/> names each column
/// and its class.
/// </summary>
public sealed class DisclosureRiskException : InvalidOperationException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="output">The research output concerned (for example <c>linked_panel</c>).</param>
    /// <param name="problems">One message per refused column.</param>
    public DisclosureRiskException(string output, IReadOnlyList<string> problems)
        : base(BuildMessage(output, problems)) => Problems = problems;

    /// <summary>Creates the exception with one problem.</summary>
    public DisclosureRiskException() : this("research output", ["a column is not an attribute"]) { }

    /// <summary>Creates the exception with one problem.</summary>
    /// <param name="message">The problem.</param>
    public DisclosureRiskException(string message) : this("research output", [message]) { }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public DisclosureRiskException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>One message per refused column, naming it and its class.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(string output, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"{output} may carry only attributes and pseudonymous keys (docs/privacy.md): " + string.Join("; ", problems);
    }
}
