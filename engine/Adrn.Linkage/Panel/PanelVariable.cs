namespace Adrn.Linkage.Panel;

/// <summary>One variable of a linked panel (<see cref="LinkedPanelDefinition"/>): where it comes from and how it is derived.</summary>
public sealed record PanelVariable
{
    /// <summary>Column name in the panel (snake_case).</summary>
    public required string Name { get; init; }

    /// <summary>One sentence on the column, written into the panel's files as its description.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>Type of the column.</summary>
    public required VariableType Type { get; init; }

    /// <summary>The input it is read from: the name of the definition's <see cref="LinkedPanelDefinition.Records"/> or <see cref="LinkedPanelDefinition.Linked"/>.</summary>
    public required string Source { get; init; }

    /// <summary>The file column read (the date for <see cref="VariableDerivation.YearOf"/> and <see cref="VariableDerivation.Age"/>, the numerator for <see cref="VariableDerivation.LogRatio"/>).</summary>
    public required string Column { get; init; }

    /// <summary>How the value is derived from <see cref="Column"/> (<see cref="VariableDerivations"/>).</summary>
    public VariableDerivation Derive { get; init; } = VariableDerivation.Copy;

    /// <summary>The second column a derivation needs (<see cref="VariableDerivations.NeedsSecondColumn"/>), or null.</summary>
    public string? With { get; init; }

    /// <summary>Whether every row must have a value (a row without one fails the build naming row and column); the column is then not nullable.</summary>
    public bool Required { get; init; }
}
