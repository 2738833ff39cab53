using System.Globalization;

namespace Adrn.Linkage.Panel;

/// <summary>
/// The one definition of the variables research outputs derive from source columns (the linked panel,
/// <see cref="LinkedPanelBuilder"/>, and a dataset release): their names in configuration files and how each value is
/// computed from the source's text. A missing or unusable input gives a missing value, never an error.
/// </summary>
public static class VariableDerivations
{
    /// <summary>Reads a variable type from its configuration name (<c>text</c>, <c>int32</c> or <c>int</c>, <c>double</c>; null is <c>text</c>).</summary>
    /// <param name="name">The name, or null.</param>
    /// <returns>The type, or null when the name is not one of them.</returns>
    public static VariableType? ParseType(string? name) => name switch
    {
        null or "text" => VariableType.Text,
        "int32" or "int" => VariableType.Int32,
        "double" => VariableType.Double,
        _ => null,
    };

    /// <summary>Reads a derivation from its configuration name (<c>copy</c>, <c>year_of</c>, <c>age</c>, <c>log</c>, <c>log_ratio</c>; null is <c>copy</c>).</summary>
    /// <param name="name">The name, or null.</param>
    /// <returns>The derivation, or null when the name is not one of them.</returns>
    public static VariableDerivation? ParseDerivation(string? name) => name switch
    {
        null or "copy" => VariableDerivation.Copy,
        "year_of" => VariableDerivation.YearOf,
        "age" => VariableDerivation.Age,
        "log" => VariableDerivation.Log,
        "log_ratio" => VariableDerivation.LogRatio,
        _ => null,
    };

    /// <summary>Whether a derivation needs a second column (<c>with</c>): the year for <see cref="VariableDerivation.Age"/>, the denominator for <see cref="VariableDerivation.LogRatio"/>.</summary>
    /// <param name="derivation">The derivation.</param>
    /// <returns>True when it reads two columns.</returns>
    public static bool NeedsSecondColumn(VariableDerivation derivation) => derivation is VariableDerivation.Age or VariableDerivation.LogRatio;

    /// <summary>
    /// The number a derivation other than <see cref="VariableDerivation.Copy"/> makes: the year of a date
    /// (<see cref="YearOf(string?)"/>), a year minus the year of a date, the natural log of a positive number, the natural
    /// log of the ratio of two positive numbers.
    /// </summary>
    /// <param name="derivation">The derivation.</param>
    /// <param name="value">The value of the variable's column.</param>
    /// <param name="with">The value of its second column (<see cref="NeedsSecondColumn"/>), or null.</param>
    /// <returns>The number, or null when an input is missing or unusable.</returns>
    public static double? Number(VariableDerivation derivation, string? value, string? with) => derivation switch
    {
        VariableDerivation.YearOf => YearOf(value),
        VariableDerivation.Age => int.TryParse(with, NumberStyles.Integer, CultureInfo.InvariantCulture, out var at) && YearOf(value) is { } born ? at - born : null,
        VariableDerivation.Log => ParseNumber(value) is { } x && x > 0 ? Math.Log(x) : null,
        VariableDerivation.LogRatio => ParseNumber(value) is { } n && n > 0 && ParseNumber(with) is { } d && d > 0 ? Math.Log(n / d) : null,
        _ => ParseNumber(value),
    };

    /// <summary>The year of a date (any date the invariant culture parses, else its first four digits), or null.</summary>
    /// <param name="date">The date as text.</param>
    /// <returns>The year.</returns>
    public static int? YearOf(string? date) =>
        DateOnly.TryParse(date, CultureInfo.InvariantCulture, out var d) ? d.Year
        : date is { Length: >= 4 } && int.TryParse(date.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;

    /// <summary>A finite number written in the invariant culture, or null.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number.</returns>
    public static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    /// <summary>A whole number written in the invariant culture, or null.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number.</returns>
    public static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
