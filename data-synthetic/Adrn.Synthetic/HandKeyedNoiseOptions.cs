namespace Adrn.Synthetic;

/// <summary>
/// The extra corruptions of the <c>hand-keyed</c> noise profile (<see cref="NoiseProfiles.HandKeyed"/>): what a clerk
/// or a respondent typing an employer does on top of the default noise. Every rate is a probability in [0, 1].
/// Payroll rates apply per job spell (a person at an employer) like <see cref="NoiseOptions"/>; cohort rates per
/// member. These corruptions are drawn from streams of their own, so switching them on never changes a value the
/// default noise produces elsewhere.
/// </summary>
public sealed record HandKeyedNoiseOptions
{
    /// <summary>Payroll: share of spells whose (otherwise kept) PAYE reference is left empty as well. Default 0.08.</summary>
    public double PayeMissingRate { get; init; } = 0.08;

    /// <summary>Payroll: share of spells whose PAYE reference loses one digit of its tax-office part ("123/AB56789" → "13/AB56789"). Default 0.05.</summary>
    public double PayeOfficeDigitDroppedRate { get; init; } = 0.05;

    /// <summary>Payroll: share of spells whose PAYE reference has no tax-office part at all ("AB56789"). Default 0.03.</summary>
    public double PayeOfficeMissingRate { get; init; } = 0.03;

    /// <summary>Payroll: share of spells whose keyed employer name gets one more typing error (a quarter of them two). Default 0.15.</summary>
    public double EmployerNameTypoRate { get; init; } = 0.15;

    /// <summary>Payroll: share of spells where two adjacent words of the employer name are typed as one ("PRICECONSULTANTS"). Default 0.05.</summary>
    public double EmployerNameGluedRate { get; init; } = 0.05;

    /// <summary>Payroll: share of spells where a long word of the employer name is split in two ("Fabri cations"). Default 0.03.</summary>
    public double EmployerNameSplitRate { get; init; } = 0.03;

    /// <summary>Payroll: share of spells whose employer name is abbreviated the way clerks do (Mgmt, Intl, Bros, Svcs, Eng, &amp;/and). Default 0.12.</summary>
    public double EmployerNameAbbreviationRate { get; init; } = 0.12;

    /// <summary>Payroll: share of spells at firms whose name holds "Son" or "Sons" where the other form is typed. Default 0.5.</summary>
    public double EmployerNameSonsRate { get; init; } = 0.5;

    /// <summary>Payroll: share of spells whose legal form is added (a name keyed without one gets "Ltd") or replaced (Ltd ↔ Limited ↔ Co Ltd ↔ PLC). Default 0.10.</summary>
    public double EmployerNameLegalFormChangedRate { get; init; } = 0.10;

    /// <summary>Payroll: share of spells whose employer name is left empty as well. Default 0.02.</summary>
    public double EmployerNameMissingRate { get; init; } = 0.02;

    /// <summary>Payroll: share of spells that record the postcode of the firm's old site (a different district, 40% another area). Default 0.06.</summary>
    public double EmployerPostcodeOldSiteRate { get; init; } = 0.06;

    /// <summary>Payroll: share of spells whose employer postcode is left empty as well. Default 0.05.</summary>
    public double EmployerPostcodeMissingRate { get; init; } = 0.05;

    /// <summary>Cohort: share of members whose self-reported employer name has one typing error. Default 0.10.</summary>
    public double CohortEmployerTypoRate { get; init; } = 0.10;

    /// <summary>Cohort: share of members who type two words of the employer name as one. Default 0.03.</summary>
    public double CohortEmployerGluedRate { get; init; } = 0.03;

    /// <summary>Every rate by its option name, in a fixed order (used for validation and dgp.json).</summary>
    /// <returns>The rates.</returns>
    public IReadOnlyList<KeyValuePair<string, double>> Rates() =>
    [
        new(nameof(PayeMissingRate), PayeMissingRate),
        new(nameof(PayeOfficeDigitDroppedRate), PayeOfficeDigitDroppedRate),
        new(nameof(PayeOfficeMissingRate), PayeOfficeMissingRate),
        new(nameof(EmployerNameTypoRate), EmployerNameTypoRate),
        new(nameof(EmployerNameGluedRate), EmployerNameGluedRate),
        new(nameof(EmployerNameSplitRate), EmployerNameSplitRate),
        new(nameof(EmployerNameAbbreviationRate), EmployerNameAbbreviationRate),
        new(nameof(EmployerNameSonsRate), EmployerNameSonsRate),
        new(nameof(EmployerNameLegalFormChangedRate), EmployerNameLegalFormChangedRate),
        new(nameof(EmployerNameMissingRate), EmployerNameMissingRate),
        new(nameof(EmployerPostcodeOldSiteRate), EmployerPostcodeOldSiteRate),
        new(nameof(EmployerPostcodeMissingRate), EmployerPostcodeMissingRate),
        new(nameof(CohortEmployerTypoRate), CohortEmployerTypoRate),
        new(nameof(CohortEmployerGluedRate), CohortEmployerGluedRate),
    ];
}
