using Adrn.Synthetic;

namespace Adrn.Dataset.Tests;

/// <summary>
/// Synthetic waves for the store tests, generated once per test run: 3 yearly register snapshots (about 500 employers),
/// 3 payroll waves (about 5,000 person-jobs each) and a cohort sweep of 500, with churn (adrn synth --waves).
/// </summary>
public sealed class SyntheticWaves
{
    public const int Employers = 500;
    public const int Years = 3;

    private static readonly Lazy<SyntheticWaves> Shared = new(() => new SyntheticWaves());

    private SyntheticWaves()
    {
        Directory = Path.Combine(Path.GetTempPath(), "adrn-dataset-waves-" + Guid.NewGuid().ToString("N")[..8]);
        Options = new SyntheticPopulationOptions
        {
            Employers = Employers,
            Employees = 15_000,
            Cohort = 500,
            Years = Years,
            Seed = 11,
            Formats = OutputFormats.Csv,
            Waves = new WaveOptions(),
        };
        SyntheticPopulation.Generate(Options, Directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
    }

    public static SyntheticWaves Instance => Shared.Value;

    public SyntheticPopulationOptions Options { get; }

    public string Directory { get; }

    public IReadOnlyList<string> Labels => Enumerable.Range(Options.FirstYear, Years).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public string Register(string wave) => Path.Combine(Directory, "waves", wave, "employers.csv");

    public string Payroll(string wave) => Path.Combine(Directory, "waves", wave, "employees.csv");

    public string Cohort => Path.Combine(Directory, "waves", "cohort.csv");

    public string Truth => Path.Combine(Directory, "truth", "wave_entities.csv");

    public string CohortLabel => Labels[^1];
}
