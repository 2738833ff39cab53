namespace Adrn.Stats.Formulas;

/// <summary>A formula could not be parsed; the message quotes the formula and points at the position.</summary>
public sealed class FormulaParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public FormulaParseException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public FormulaParseException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FormulaParseException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a position in a formula.</summary>
    /// <param name="formula">The formula text.</param>
    /// <param name="position">Zero-based character position of the problem.</param>
    /// <param name="problem">What is wrong there.</param>
    public FormulaParseException(string formula, int position, string problem)
        : base($"Cannot parse formula \"{formula}\" at position {position + 1}: {problem}\n  {formula}\n  {new string(' ', Math.Max(position, 0))}^")
    {
        Position = position;
    }

    /// <summary>Zero-based character position of the problem, or -1 when not known.</summary>
    public int Position { get; } = -1;
}
