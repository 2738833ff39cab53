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
}
