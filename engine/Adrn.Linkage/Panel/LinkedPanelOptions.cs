using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;

namespace Adrn.Linkage.Panel;

/// <summary>Inputs of the linked employer–employee panel.</summary>
public sealed record LinkedPanelOptions
{
    /// <summary>Payroll records (CSV, Arrow IPC or Parquet) with the synthetic payroll schema (docs/synthetic-data.md).</summary>
    public required string EmployeesPath { get; init; }

    /// <summary>Business register (CSV, Arrow IPC or Parquet) with the synthetic register schema.</summary>
    public required string EmployersPath { get; init; }

    /// <summary>
    /// Resolved employee-to-employer links: a <c>links</c> output of <c>adrn link</c> (columns <c>id_l</c>,
    /// <c>id_r</c>, <c>match_probability</c>), or a truth file with columns <c>record_id,employer_id</c>
    /// (probability 1), for the panel on true links.
    /// </summary>
    public required string LinksPath { get; init; }

    /// <summary>Key of the pseudonymous <c>person_key</c> and <c>employer_key</c> columns.</summary>
    public required PseudonymKey Key { get; init; }

    /// <summary>Links below this probability are treated as no link (employer columns null). Default 0.</summary>
    public double MinimumProbability { get; init; }

    /// <summary>
    /// Further payroll columns to carry, as text, after the standard columns (same names). Each must be an
    /// <see cref="DataClassification.Attribute"/> by <see cref="Classifications"/>; otherwise the build fails before
    /// any work (<see cref="DisclosureRiskException"/>).
    /// </summary>
    public IReadOnlyList<string> EmployeeAttributes { get; init; } = [];

    /// <summary>
    /// Further register columns to carry, as text, written as <c>employer_</c> + name (null when unlinked). Each must
    /// be an attribute by <see cref="Classifications"/>, as for <see cref="EmployeeAttributes"/>.
    /// </summary>
    public IReadOnlyList<string> EmployerAttributes { get; init; } = [];

    /// <summary>
    /// File column -> disclosure class of the payroll and register columns (for example from
    /// <see cref="ResearchOutputPolicy.ClassificationsOf"/>). Columns absent here fall back to the classes of
    /// well-known names (<see cref="ColumnClassifications.KnownFileColumn"/>); unknown columns are refused.
    /// </summary>
    public IReadOnlyDictionary<string, DataClassification> Classifications { get; init; } = new Dictionary<string, DataClassification>();
}
