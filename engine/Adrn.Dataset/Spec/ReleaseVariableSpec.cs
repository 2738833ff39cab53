using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Spec;

/// <summary>One variable of a release: where it comes from, how it is derived, and how the codebook documents it.</summary>
public sealed record ReleaseVariableSpec
{
    /// <summary>Column name in the release (snake_case).</summary>
    public required string Name { get; init; }

    /// <summary>Label for the codebook.</summary>
    public required string Label { get; init; }

    /// <summary>Type of the column.</summary>
    public required VariableType Type { get; init; }

    /// <summary>Unit for the codebook (e.g. <c>GBP per year</c>), or empty.</summary>
    public string Unit { get; init; } = string.Empty;

    /// <summary>
    /// The source the value comes from: the panel source (the row's own record) or another source linked to a spine the
    /// panel source is also linked to (the record of that source for the row's entity in the same wave).
    /// </summary>
    public required string Source { get; init; }

    /// <summary>The file column read (the date for <see cref="VariableDerivation.YearOf"/> and <see cref="VariableDerivation.Age"/>, the numerator for <see cref="VariableDerivation.LogRatio"/>).</summary>
    public required string Column { get; init; }

    /// <summary>How the value is derived from <see cref="Column"/>.</summary>
    public VariableDerivation Derive { get; init; } = VariableDerivation.Copy;

    /// <summary>The second column a derivation needs: the year column for <see cref="VariableDerivation.Age"/>, the denominator for <see cref="VariableDerivation.LogRatio"/>.</summary>
    public string? With { get; init; }

    /// <summary>A human-readable account of the derivation, for the codebook.</summary>
    public string DerivationText => Derive switch
    {
        VariableDerivation.Copy => $"{Source}.{Column}",
        VariableDerivation.YearOf => $"year of {Source}.{Column} (coarsened)",
        VariableDerivation.Age => $"{Source}.{With} minus the year of {Source}.{Column} (coarsened)",
        VariableDerivation.Log => $"ln({Source}.{Column}); missing when not positive",
        VariableDerivation.LogRatio => $"ln({Source}.{Column} / {Source}.{With}); missing when not positive",
        _ => Derive.ToString(),
    };
}
