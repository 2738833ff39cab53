namespace Adrn.Synthetic.Waves;

/// <summary>What happened in one wave (written to <c>waves/dgp-waves.json</c>, so tests can check the achieved churn).</summary>
internal sealed class WaveStatistics
{
    public int Year { get; init; }

    public int ActiveFirms { get; set; }

    public int ListedFirms { get; set; }

    public int FirmBirths { get; set; }

    public int FirmDeaths { get; set; }

    public int Renames { get; set; }

    public int LegalFormChanges { get; set; }

    public int SiteMoves { get; set; }

    public int Takeovers { get; set; }

    public int RegisterMissingBirths { get; set; }

    public int RegisterDroppedBeforeDeath { get; set; }

    public int Employed { get; set; }

    public int PayrollRows { get; set; }

    public int SecondJobs { get; set; }

    public int SecondJobsStarted { get; set; }

    public int JobMoves { get; set; }

    public int Exits { get; set; }

    public int Entrants { get; set; }

    public int EntrantsWithoutNino { get; set; }

    public int Returners { get; set; }

    public int SeekersWithoutJob { get; set; }

    public int UnfilledVacancies { get; set; }

    public int SurnameChanges { get; set; }

    public int HomeMoves { get; set; }

    /// <summary>The counts by snake_case name, in a fixed order.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts() =>
    [
        new("year", Year), new("active_firms", ActiveFirms), new("listed_firms", ListedFirms), new("firm_births", FirmBirths),
        new("firm_deaths", FirmDeaths), new("renames", Renames), new("legal_form_changes", LegalFormChanges), new("site_moves", SiteMoves),
        new("takeovers", Takeovers), new("register_missing_births", RegisterMissingBirths),
        new("register_dropped_before_death", RegisterDroppedBeforeDeath), new("employed", Employed), new("payroll_rows", PayrollRows),
        new("second_jobs", SecondJobs), new("second_jobs_started", SecondJobsStarted), new("job_moves", JobMoves), new("exits", Exits),
        new("entrants", Entrants), new("entrants_without_nino", EntrantsWithoutNino), new("returners", Returners),
        new("seekers_without_job", SeekersWithoutJob), new("unfilled_vacancies", UnfilledVacancies), new("surname_changes", SurnameChanges),
        new("home_moves", HomeMoves),
    ];
}
