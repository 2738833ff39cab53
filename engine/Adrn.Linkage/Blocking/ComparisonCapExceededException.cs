namespace Adrn.Linkage.Blocking;

/// <summary>Blocking would produce more comparisons than the job's <c>max_comparisons</c>.</summary>
public sealed class ComparisonCapExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComparisonCapExceededException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Message naming the rule and the count.</param>
    public ComparisonCapExceededException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Message naming the rule and the count.</param>
    /// <param name="innerException">Cause.</param>
    public ComparisonCapExceededException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The blocking report that triggered the refusal.</summary>
    public BlockingReport? Report { get; init; }
}
