using System.Globalization;
using Adrn.Synthetic;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// Size and location of the synthetic study the notebooks run on. Notebooks read it from the
/// environment (<see cref="FromEnvironment"/>) so a test can run the same notebook on a small
/// population: <c>ADRN_STUDY_EMPLOYERS</c>, <c>ADRN_STUDY_EMPLOYEES</c> (payroll rows),
/// <c>ADRN_STUDY_COHORT</c>, <c>ADRN_STUDY_SEED</c> and <c>ADRN_STUDY_DIR</c> (work folder). With
/// <c>ADRN_STUDY_RELEASE</c> the notebooks read the panel of a research release of the persistent dataset instead of
/// linking the population themselves (docs/dataset.md).
/// </summary>
public sealed record StudySettings
{
    /// <summary>Employers in the register (default 5,000).</summary>
    public int Employers { get; init; } = 5_000;

    /// <summary>Payroll rows (person-job-years) over all years (default 60,000).</summary>
    public long Employees { get; init; } = 60_000;

    /// <summary>Cohort members (default 5,000).</summary>
    public int Cohort { get; init; } = 5_000;

    /// <summary>Payroll years (default 3).</summary>
    public int Years { get; init; } = 3;

    /// <summary>Seed of the synthetic population (default 42).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Folder for generated data and linkage outputs (default <c>$TMPDIR/adrn-study</c>).</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "adrn-study");

    /// <summary>
    /// A research release folder (<c>adrn dataset release --formats arrow</c>) whose <c>panel.arrow</c> the notebooks analyse
    /// instead of a linkage run of their own, or null (default: link the population).
    /// </summary>
    public string? ReleaseDirectory { get; init; }

    /// <summary>
    /// For a release of synthetic data only: a CSV with <c>employer_key</c> (the release's pseudonyms) and the columns of
    /// <c>truth/employers.csv</c>, written by the trusted linker who holds the release key, so the planted comparisons can
    /// be made. A release never carries it. Null when absent.
    /// </summary>
    public string? ReleaseTruthPath { get; init; }

    /// <summary>Recording noise of the population (default: the generator's defaults, see docs/synthetic-data.md).</summary>
    public NoiseOptions Noise { get; init; } = new();

    /// <summary>Short name of <see cref="Noise"/>, part of the population's folder name (default <c>default</c>).</summary>
    public string NoiseName { get; init; } = "default";

    /// <summary>
    /// The same population drawn with much noisier employer fields in payroll (a harder linkage):
    /// PAYE reference missing 60% and wrong 15% of the time, employer postcode missing 30% and wrong
    /// 15%, trading names keyed 60%, abbreviations 40% and typing errors 30% of the time.
    /// </summary>
    public StudySettings WithHardNoise() => this with
    {
        NoiseName = "hard",
        Noise = new NoiseOptions
        {
            PayeMissingRate = 0.60,
            PayeWrongRate = 0.15,
            EmployerNameTradingNameRate = 0.60,
            EmployerNameAbbreviationRate = 0.40,
            EmployerNameTypoRate = 0.30,
            EmployerPostcodeMissingRate = 0.30,
            EmployerPostcodeWrongRate = 0.15,
        },
    };

    /// <summary>Settings from the <c>ADRN_STUDY_*</c> environment variables, defaults where unset.</summary>
    /// <exception cref="FormatException">A variable is set but is not a positive whole number (the message names it).</exception>
    public static StudySettings FromEnvironment()
    {
        var defaults = new StudySettings();
        return new StudySettings
        {
            Employers = (int)Read("ADRN_STUDY_EMPLOYERS", defaults.Employers),
            Employees = Read("ADRN_STUDY_EMPLOYEES", defaults.Employees),
            Cohort = (int)Read("ADRN_STUDY_COHORT", defaults.Cohort),
            Years = (int)Read("ADRN_STUDY_YEARS", defaults.Years),
            Seed = (ulong)Read("ADRN_STUDY_SEED", (long)defaults.Seed),
            WorkDirectory = Environment.GetEnvironmentVariable("ADRN_STUDY_DIR") is { Length: > 0 } dir ? dir : defaults.WorkDirectory,
            ReleaseDirectory = Environment.GetEnvironmentVariable("ADRN_STUDY_RELEASE") is { Length: > 0 } release ? release : null,
            ReleaseTruthPath = Environment.GetEnvironmentVariable("ADRN_STUDY_RELEASE_TRUTH") is { Length: > 0 } truth ? truth : null,
        };
    }

    private static long Read(string name, long fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"Environment variable {name}='{text}' must be a positive whole number.");
    }

    /// <summary>The folder name of this population inside <see cref="WorkDirectory"/> (sizes and seed).</summary>
    public string PopulationName =>
        string.Create(CultureInfo.InvariantCulture, $"synth-r{Employers}-p{Employees}-c{Cohort}-y{Years}-s{Seed}-{NoiseName}");
}
