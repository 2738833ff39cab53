namespace Adrn.Synthetic;

/// <summary>
/// Corruption rates applied to the recorded (not the true) values. Every rate is a probability in
/// [0, 1]. Payroll rates apply per job spell (one person at one employer), so a provider's keying
/// of an employer stays the same in every year of the spell. Defaults keep linkage feasible: an
/// ideal linker can reach employee→employer precision ≥ 0.995 and recall ≥ 0.99, and
/// cohort→payroll precision ≥ 0.99 and recall ≥ 0.98.
/// </summary>
public sealed record NoiseOptions
{
    /// <summary>Payroll: share of job spells whose employer PAYE reference is empty. Default 0.06.</summary>
    public double PayeMissingRate { get; init; } = 0.06;

    /// <summary>
    /// Payroll: share of job spells whose PAYE reference is wrong: the previous employer's
    /// reference (stale) when the person moved into this job, otherwise one mistyped character.
    /// Default 0.03.
    /// </summary>
    public double PayeWrongRate { get; init; } = 0.03;

    /// <summary>Payroll: share of spells at firms that have a trading name where the trading name is keyed. Default 0.30.</summary>
    public double EmployerNameTradingNameRate { get; init; } = 0.30;

    /// <summary>Payroll: share of spells whose keyed employer name drops the legal form (Ltd, Limited, PLC, LLP). Default 0.30.</summary>
    public double EmployerNameLegalFormDroppedRate { get; init; } = 0.30;

    /// <summary>Payroll: share of spells whose keyed name abbreviates words (Limited→Ltd, and→&amp;, Engineering→Eng). Default 0.10.</summary>
    public double EmployerNameAbbreviationRate { get; init; } = 0.10;

    /// <summary>Payroll: share of spells whose keyed name is in upper or lower case. Default 0.20.</summary>
    public double EmployerNameCaseRate { get; init; } = 0.20;

    /// <summary>Payroll: share of spells whose keyed name has one typing error (substitution, deletion, transposition or insertion). Default 0.05.</summary>
    public double EmployerNameTypoRate { get; init; } = 0.05;

    /// <summary>Payroll: share of spells with no employer name. Default 0.005.</summary>
    public double EmployerNameMissingRate { get; init; } = 0.005;

    /// <summary>Payroll: share of spells with no employer postcode. Default 0.05.</summary>
    public double EmployerPostcodeMissingRate { get; init; } = 0.05;

    /// <summary>Payroll: share of spells whose employer postcode has the wrong unit (same sector, valid format). Default 0.02.</summary>
    public double EmployerPostcodeWrongRate { get; init; } = 0.02;

    /// <summary>Cohort: share of members whose first name has one typing error. Default 0.03.</summary>
    public double CohortFirstNameTypoRate { get; init; } = 0.03;

    /// <summary>Cohort: share of members with a name that has a nickname (Robert→Bob) who report the nickname. Default 0.10.</summary>
    public double CohortNicknameRate { get; init; } = 0.10;

    /// <summary>Cohort: share of members whose surname has one typing error. Default 0.03.</summary>
    public double CohortSurnameTypoRate { get; init; } = 0.03;

    /// <summary>Cohort: share of members reporting a different surname (marriage, change of name). Default 0.005.</summary>
    public double CohortSurnameChangeRate { get; init; } = 0.005;

    /// <summary>Cohort: share of members whose date admits a swap (day ≤ 12 and day ≠ month) reporting day and month swapped. Default 0.03.</summary>
    public double CohortDobSwapRate { get; init; } = 0.03;

    /// <summary>Cohort: share of members whose date of birth has the day or year off by one. Default 0.01.</summary>
    public double CohortDobTypoRate { get; init; } = 0.01;

    /// <summary>Cohort: share of members with no date of birth. Default 0.01.</summary>
    public double CohortDobMissingRate { get; init; } = 0.01;

    /// <summary>Cohort: share of members with the wrong sex recorded. Default 0.002.</summary>
    public double CohortSexErrorRate { get; init; } = 0.002;

    /// <summary>Cohort: share of members reporting their previous home postcode. Default 0.08.</summary>
    public double CohortPreviousPostcodeRate { get; init; } = 0.08;

    /// <summary>Cohort: share of members with no postcode. Default 0.02.</summary>
    public double CohortPostcodeMissingRate { get; init; } = 0.02;

    /// <summary>Cohort: share of members with no employer name. Default 0.15.</summary>
    public double CohortEmployerMissingRate { get; init; } = 0.15;

    /// <summary>Cohort: share of members at firms with a trading name who report the trading name. Default 0.30.</summary>
    public double CohortEmployerTradingNameRate { get; init; } = 0.30;

    /// <summary>Cohort: share of members who abbreviate the employer name (initials, dropped legal form, short words). Default 0.10.</summary>
    public double CohortEmployerAbbreviationRate { get; init; } = 0.10;

    /// <summary>Cohort: share of members whose occupation (SOC major group) is misreported by one group or at random. Default 0.15.</summary>
    public double CohortOccupationErrorRate { get; init; } = 0.15;

    /// <summary>Every rate by its option name, in a fixed order (used for validation and dgp.json).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Rates() =>
    [
        new(nameof(PayeMissingRate), PayeMissingRate),
        new(nameof(PayeWrongRate), PayeWrongRate),
        new(nameof(EmployerNameTradingNameRate), EmployerNameTradingNameRate),
        new(nameof(EmployerNameLegalFormDroppedRate), EmployerNameLegalFormDroppedRate),
        new(nameof(EmployerNameAbbreviationRate), EmployerNameAbbreviationRate),
        new(nameof(EmployerNameCaseRate), EmployerNameCaseRate),
        new(nameof(EmployerNameTypoRate), EmployerNameTypoRate),
        new(nameof(EmployerNameMissingRate), EmployerNameMissingRate),
        new(nameof(EmployerPostcodeMissingRate), EmployerPostcodeMissingRate),
        new(nameof(EmployerPostcodeWrongRate), EmployerPostcodeWrongRate),
        new(nameof(CohortFirstNameTypoRate), CohortFirstNameTypoRate),
        new(nameof(CohortNicknameRate), CohortNicknameRate),
        new(nameof(CohortSurnameTypoRate), CohortSurnameTypoRate),
        new(nameof(CohortSurnameChangeRate), CohortSurnameChangeRate),
        new(nameof(CohortDobSwapRate), CohortDobSwapRate),
        new(nameof(CohortDobTypoRate), CohortDobTypoRate),
        new(nameof(CohortDobMissingRate), CohortDobMissingRate),
        new(nameof(CohortSexErrorRate), CohortSexErrorRate),
        new(nameof(CohortPreviousPostcodeRate), CohortPreviousPostcodeRate),
        new(nameof(CohortPostcodeMissingRate), CohortPostcodeMissingRate),
        new(nameof(CohortEmployerMissingRate), CohortEmployerMissingRate),
        new(nameof(CohortEmployerTradingNameRate), CohortEmployerTradingNameRate),
        new(nameof(CohortEmployerAbbreviationRate), CohortEmployerAbbreviationRate),
        new(nameof(CohortOccupationErrorRate), CohortOccupationErrorRate),
    ];

    /// <summary>A copy with every rate set to zero: recorded values equal the true values.</summary>
    public static NoiseOptions None { get; } = new()
    {
        PayeMissingRate = 0, PayeWrongRate = 0, EmployerNameTradingNameRate = 0, EmployerNameLegalFormDroppedRate = 0,
        EmployerNameAbbreviationRate = 0, EmployerNameCaseRate = 0, EmployerNameTypoRate = 0, EmployerNameMissingRate = 0,
        EmployerPostcodeMissingRate = 0, EmployerPostcodeWrongRate = 0, CohortFirstNameTypoRate = 0, CohortNicknameRate = 0,
        CohortSurnameTypoRate = 0, CohortSurnameChangeRate = 0, CohortDobSwapRate = 0, CohortDobTypoRate = 0,
        CohortDobMissingRate = 0, CohortSexErrorRate = 0, CohortPreviousPostcodeRate = 0, CohortPostcodeMissingRate = 0,
        CohortEmployerMissingRate = 0, CohortEmployerTradingNameRate = 0, CohortEmployerAbbreviationRate = 0,
        CohortOccupationErrorRate = 0,
    };
}
