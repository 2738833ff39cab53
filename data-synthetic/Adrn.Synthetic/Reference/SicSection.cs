namespace Adrn.Synthetic.Reference;

/// <summary>
/// One SIC 2007 section with the generator's parameters for it: share of firms, divisions, name
/// words, and its effects in the planted productivity, management and exporting models.
/// </summary>
/// <param name="Code">Section letter A..U.</param>
/// <param name="Title">Short title.</param>
/// <param name="FirmShare">Relative share of employing firms.</param>
/// <param name="Divisions">2-digit SIC divisions in the section.</param>
/// <param name="Words">Words used in company names of the sector.</param>
/// <param name="ProductivityEffect">Additive effect on log GVA per worker (planted).</param>
/// <param name="ManagementEffect">Additive effect on the management score.</param>
/// <param name="ExportPropensity">Additive effect on the log-odds of exporting.</param>
/// <param name="GvaShareOfTurnover">GVA as a share of turnover.</param>
internal sealed record SicSection(
    string Code,
    string Title,
    double FirmShare,
    string[] Divisions,
    string[] Words,
    double ProductivityEffect,
    double ManagementEffect,
    double ExportPropensity,
    double GvaShareOfTurnover);
