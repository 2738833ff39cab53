namespace Adrn.Dataset;

/// <summary>
/// A wave label already in the store was added again with different bytes. Waves are immutable: add the corrected file
/// under a new label, or relink. (The same bytes again are accepted and change nothing.)
/// </summary>
public sealed class WaveConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WaveConflictException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What conflicts.</param>
    public WaveConflictException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What conflicts.</param>
    /// <param name="innerException">The cause.</param>
    public WaveConflictException(string message, Exception innerException) : base(message, innerException) { }
}
