namespace Adrn.Linkage.Configuration;

/// <summary>
/// Disclosure class of a column (see <c>docs/privacy.md</c>): it decides whether the column may appear in a
/// research output such as <c>linked_panel</c>.
/// </summary>
public enum DataClassification
{
    /// <summary>Identifies a person or business on its own (name, NINO, PAYE reference): never in research outputs.</summary>
    DirectIdentifier,

    /// <summary>
    /// Identifies in combination with other data (full date of birth, full postcode): never in research outputs
    /// in full; a coarsened derivative (birth year, postcode area) may be carried as an attribute.
    /// </summary>
    QuasiIdentifier,

    /// <summary>An analytical variable (pay, hours, industry): may appear in research outputs.</summary>
    Attribute,
}
