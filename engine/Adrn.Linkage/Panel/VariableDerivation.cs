namespace Adrn.Linkage.Panel;

/// <summary>How a variable of a research output (a linked panel, a dataset release) is made from source columns.</summary>
public enum VariableDerivation
{
    /// <summary>The column's value (must be an attribute).</summary>
    Copy,

    /// <summary>The year of a date column (a coarsening: the date may be a quasi-identifier).</summary>
    YearOf,

    /// <summary>A year column minus the year of a date column (age in whole years at that year).</summary>
    Age,

    /// <summary>The natural logarithm of a positive attribute; missing otherwise.</summary>
    Log,

    /// <summary>The natural logarithm of the ratio of two positive attributes; missing otherwise.</summary>
    LogRatio,
}
