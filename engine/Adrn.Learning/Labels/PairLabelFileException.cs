namespace Adrn.Learning.Labels;

/// <summary>A labels file has problems; every one found is listed (file, line, ids, reason).</summary>
public sealed class PairLabelFileException : FormatException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">Every problem, in file order.</param>
    public PairLabelFileException(IReadOnlyList<PairLabelProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public PairLabelFileException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PairLabelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PairLabelFileException()
        : this("the labels file has problems")
    {
    }

    /// <summary>The problems, in file order.</summary>
    public IReadOnlyList<PairLabelProblem> Problems { get; }

    private static string Describe(IReadOnlyList<PairLabelProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        const int shown = 50;
        var lines = problems.Take(shown).Select(p => "  " + p);
        var more = problems.Count > shown ? $"\n  ... and {problems.Count - shown} more" : string.Empty;
        return $"the labels file has {problems.Count} problem(s); nothing was imported:\n{string.Join("\n", lines)}{more}";
    }
}
