using System.Globalization;

namespace Adrn.Synthetic;

/// <summary>
/// Churn between the yearly waves written by <c>adrn synth --waves</c> (one register snapshot and one payroll file
/// per year). Rates are yearly probabilities in [0, 1]; defaults follow the orders of magnitude in the project's
/// domain notes (ONS business demography, labour-market flows). Churn is drawn from its own seeded streams, so
/// switching waves on changes none of the other files.
/// </summary>
public sealed record WaveOptions
{
    /// <summary>Firm births per year as a share of active firms (ONS: about 11-13%). Default 0.12. Births are mostly micro.</summary>
    public double FirmBirthRate { get; init; } = 0.12;

    /// <summary>
    /// Yearly death probability of a micro firm (under 10 workers); larger firms die far less often (a quarter of
    /// this at 10-49, a tenth at 50-249, a thirtieth at 250+), which gives an overall death rate of about 10-12%
    /// (ONS). Default 0.12.
    /// </summary>
    public double MicroFirmDeathRate { get; init; } = 0.12;

    /// <summary>Surviving firms renamed per year; a firm without a trading name keeps its old name as trading name. Default 0.02.</summary>
    public double RenameRate { get; init; } = 0.02;

    /// <summary>Surviving firms whose legal form changes (Ltd ↔ Limited, Ltd → PLC), same company number. Default 0.005.</summary>
    public double LegalFormChangeRate { get; init; } = 0.005;

    /// <summary>Surviving firms that move site (new address and postcode) per year. Default 0.03.</summary>
    public double SiteMoveRate { get; init; } = 0.03;

    /// <summary>Surviving firms taken over per year: a new PAYE scheme for the same workforce, half of them renamed. Default 0.01.</summary>
    public double TakeoverRate { get; init; } = 0.01;

    /// <summary>Share of firms born in a year that the register snapshot of that year does not list yet (payroll names them first). Default 0.15.</summary>
    public double RegisterBirthLagShare { get; init; } = 0.15;

    /// <summary>Share of firms dying after a year that the register snapshot of that year already dropped (payroll still names them). Default 0.15.</summary>
    public double RegisterDeathLeadShare { get; init; } = 0.15;

    /// <summary>Employed persons moving job to job per year (8-12%). Default 0.10.</summary>
    public double JobMoveRate { get; init; } = 0.10;

    /// <summary>Employed persons leaving the labour market per year (retirement, inactivity); persons of 64 and over leave far more often. Default 0.03.</summary>
    public double ExitRate { get; init; } = 0.03;

    /// <summary>Persons entering the labour market per year as a share of the employed (school leavers, migrants, returners). Default 0.035.</summary>
    public double EntryRate { get; init; } = 0.035;

    /// <summary>Share of entrants who are migrants without a National Insurance number in their first wave. Default 0.2.</summary>
    public double EntrantWithoutNinoShare { get; init; } = 0.2;

    /// <summary>Yearly probability that an inactive person (exited, or displaced without a new job) returns. Default 0.25.</summary>
    public double ReturnRate { get; init; } = 0.25;

    /// <summary>Yearly probability that a woman of 20 to 45 changes surname (marriage). Default 0.02.</summary>
    public double SurnameChangeRate { get; init; } = 0.02;

    /// <summary>Persons moving home per year (about 10%). Default 0.10.</summary>
    public double HomeMoveRate { get; init; } = 0.10;

    /// <summary>Share of employed persons holding a second job at another employer (about 4%). Default 0.04.</summary>
    public double SecondJobShare { get; init; } = 0.04;

    /// <summary>Yearly probability that a second job continues into the next wave. Default 0.7.</summary>
    public double SecondJobPersistence { get; init; } = 0.7;

    /// <summary>Standard deviation of a firm's yearly shock to log GVA per worker after the first wave. Default 0.05.</summary>
    public double ProductivityShockSd { get; init; } = 0.05;

    /// <summary>Every rate by its option name, in a fixed order (validation and <c>waves/dgp-waves.json</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Rates() =>
    [
        new(nameof(FirmBirthRate), FirmBirthRate),
        new(nameof(MicroFirmDeathRate), MicroFirmDeathRate),
        new(nameof(RenameRate), RenameRate),
        new(nameof(LegalFormChangeRate), LegalFormChangeRate),
        new(nameof(SiteMoveRate), SiteMoveRate),
        new(nameof(TakeoverRate), TakeoverRate),
        new(nameof(RegisterBirthLagShare), RegisterBirthLagShare),
        new(nameof(RegisterDeathLeadShare), RegisterDeathLeadShare),
        new(nameof(JobMoveRate), JobMoveRate),
        new(nameof(ExitRate), ExitRate),
        new(nameof(EntryRate), EntryRate),
        new(nameof(EntrantWithoutNinoShare), EntrantWithoutNinoShare),
        new(nameof(ReturnRate), ReturnRate),
        new(nameof(SurnameChangeRate), SurnameChangeRate),
        new(nameof(HomeMoveRate), HomeMoveRate),
        new(nameof(SecondJobShare), SecondJobShare),
        new(nameof(SecondJobPersistence), SecondJobPersistence),
    ];

    /// <summary>Every problem with these options (empty when usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, rate) in Rates())
        {
            if (double.IsNaN(rate) || rate < 0 || rate > 1)
            {
                problems.Add($"wave {name} must be between 0 and 1 (got {rate.ToString(CultureInfo.InvariantCulture)}).");
            }
        }

        if (double.IsNaN(ProductivityShockSd) || ProductivityShockSd < 0 || ProductivityShockSd > 1)
        {
            problems.Add($"wave {nameof(ProductivityShockSd)} must be between 0 and 1 (got {ProductivityShockSd.ToString(CultureInfo.InvariantCulture)}).");
        }

        return problems;
    }
}
