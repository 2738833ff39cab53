namespace Adrn.Synthetic;

/// <summary>
/// What to generate. Counts follow the data contract: <see cref="Employees"/> is the number of
/// person-job-year rows, so persons = <see cref="Employees"/> / <see cref="Years"/> (a balanced panel).
/// </summary>
public sealed record SyntheticPopulationOptions
{
    /// <summary>Largest register the identifier schemes keep unique (Companies House prefixes have 6 digits).</summary>
    public const int MaxEmployers = 1_000_000;

    /// <summary>Number of enterprises in the business register. Default 1,000.</summary>
    public int Employers { get; init; } = 1_000;

    /// <summary>Number of payroll rows (person-job-years); at least <see cref="Employers"/> × <see cref="Years"/>. Default 30,000.</summary>
    public long Employees { get; init; } = 30_000;

    /// <summary>Number of cohort-study members. Default 2,000.</summary>
    public int Cohort { get; init; } = 2_000;

    /// <summary>Number of payroll years (1..30). Default 3.</summary>
    public int Years { get; init; } = 3;

    /// <summary>Seed of every random draw: the same options give byte-identical files. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>First payroll year and the register's reference year (1990..2100). Default 2019.</summary>
    public int FirstYear { get; init; } = 2019;

    /// <summary>Table formats to write. Default CSV and Arrow.</summary>
    public OutputFormats Formats { get; init; } = OutputFormats.Csv | OutputFormats.Arrow;

    /// <summary>Yearly probability that a person moves to another employer (0..1). Default 0.10.</summary>
    public double MoveRate { get; init; } = 0.10;

    /// <summary>
    /// Assortative matching in [-1, 1]: the correlation between a worker's skill and the rank key
    /// used to match workers to jobs ranked by firm wage effect. 0 is random matching. Default 0.35.
    /// </summary>
    public double Sorting { get; init; } = 0.35;

    /// <summary>Share of cohort members drawn from payroll persons (the rest have no payroll record). Default 0.95.</summary>
    public double CohortInPayrollShare { get; init; } = 0.95;

    /// <summary>Corruption rates of recorded values.</summary>
    public NoiseOptions Noise { get; init; } = new();

    /// <summary>
    /// The extra corruptions of the <c>hand-keyed</c> noise profile, or null (the default profile) to leave them out.
    /// Set it with <see cref="NoiseProfiles.HandKeyed"/>, which also raises the person-field rates of <see cref="Noise"/>.
    /// </summary>
    public HandKeyedNoiseOptions? HandKeyed { get; init; }

    /// <summary>
    /// When set, also writes one register snapshot and one payroll file per year under <c>waves/</c>, a cohort sweep
    /// and <c>truth/wave_entities.csv</c>, with churn between the years (docs/synthetic-data.md). Null (the default)
    /// writes no waves; the other files are the same either way.
    /// </summary>
    public WaveOptions? Waves { get; init; }

    /// <summary>Persons in the payroll panel: <see cref="Employees"/> / <see cref="Years"/>, rounded down.</summary>
    public long Persons => Years > 0 ? Employees / Years : 0;

    /// <summary>Checks every option and returns all problems at once (empty when the options are usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Employers < 1)
        {
            problems.Add($"employers must be at least 1 (got {Employers}).");
        }
        else if (Employers > MaxEmployers)
        {
            problems.Add($"employers must be at most {MaxEmployers:N0} (got {Employers}).");
        }

        if (Employees < 0)
        {
            problems.Add($"employees must not be negative (got {Employees}).");
        }

        if (Cohort < 0)
        {
            problems.Add($"cohort must not be negative (got {Cohort}).");
        }

        if (Years < 1 || Years > 30)
        {
            problems.Add($"years must be between 1 and 30 (got {Years}).");
        }

        if (FirstYear < 1990 || FirstYear > 2100)
        {
            problems.Add($"first year must be between 1990 and 2100 (got {FirstYear}).");
        }

        if (Employers >= 1 && Employees >= 0 && Years >= 1 && Persons < Employers)
        {
            problems.Add(
                $"employees must be at least employers × years = {(long)Employers * Years} so that every employer has a worker in every year (got {Employees}).");
        }

        if (Persons > 19_000_000)
        {
            problems.Add($"employees / years must be at most 19,000,000 persons (the size of the synthetic NINO space) (got {Persons}).");
        }

        if ((Formats & (OutputFormats.Csv | OutputFormats.Arrow | OutputFormats.Parquet)) == OutputFormats.None)
        {
            problems.Add("formats must include at least one of csv, arrow, parquet.");
        }

        if ((Formats & ~(OutputFormats.Csv | OutputFormats.Arrow | OutputFormats.Parquet)) != OutputFormats.None)
        {
            problems.Add($"formats contains an unknown format ({Formats}).");
        }

        CheckProbability(problems, "move rate", MoveRate);
        CheckProbability(problems, "cohort in-payroll share", CohortInPayrollShare);
        if (double.IsNaN(Sorting) || Sorting < -1 || Sorting > 1)
        {
            problems.Add($"sorting must be between -1 and 1 (got {Sorting}).");
        }

        if (Noise is null)
        {
            problems.Add("noise options must not be null.");
        }
        else
        {
            foreach (var (name, rate) in Noise.Rates())
            {
                CheckProbability(problems, $"noise {name}", rate);
            }
        }

        foreach (var (name, rate) in HandKeyed?.Rates() ?? [])
        {
            CheckProbability(problems, $"hand-keyed noise {name}", rate);
        }

        if (Waves is not null)
        {
            problems.AddRange(Waves.Validate());
        }

        return problems;
    }

    private static void CheckProbability(List<string> problems, string name, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            problems.Add($"{name} must be between 0 and 1 (got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
    }
}
