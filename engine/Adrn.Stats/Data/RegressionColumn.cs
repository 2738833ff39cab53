using System.Globalization;

namespace Adrn.Stats.Data;

/// <summary>
/// One column of a <see cref="IRegressionData"/> source. Implementations wrap the source's own
/// storage (an Arrow array, a DataFrame column, a parsed CSV column) and convert values only when
/// the regression asks for them, so a table is never copied as a whole.
/// </summary>
public abstract class RegressionColumn
{
    /// <summary>Creates a column description.</summary>
    /// <param name="name">The column name as it appears in formulas.</param>
    /// <param name="kind">The logical type of the column.</param>
    /// <param name="length">The number of rows.</param>
    protected RegressionColumn(string name, ColumnKind kind, int length)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Kind = kind;
        Length = length;
    }

    /// <summary>The column name as it appears in formulas.</summary>
    public string Name { get; }

    /// <summary>The logical type of the column.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>
    /// Writes the column as doubles into <paramref name="destination"/> (length <see cref="Length"/>);
    /// missing values become <see cref="double.NaN"/>, booleans 0/1.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is text.</exception>
    public abstract void CopyNumeric(Span<double> destination);

    /// <summary>
    /// Returns the value of <paramref name="row"/> as a factor label (invariant culture for numbers),
    /// or <c>null</c> when missing.
    /// </summary>
    /// <param name="row">Zero-based row index.</param>
    public abstract string? GetLabel(int row);

    /// <summary>Formats a numeric value as a factor label: integers without decimals, invariant culture.</summary>
    /// <param name="value">The value; NaN gives <c>null</c>.</param>
    protected static string? NumericLabel(double value) =>
        double.IsNaN(value) ? null : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Throws the error used when a text column is asked for numbers.</summary>
    protected InvalidOperationException TextIsNotNumeric() =>
        new($"Column '{Name}' holds text and cannot be used as a numeric variable; use it as a factor, e.g. i({Name}) or as a fixed effect.");
}
