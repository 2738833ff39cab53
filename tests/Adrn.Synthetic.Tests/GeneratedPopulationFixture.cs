namespace Adrn.Synthetic.Tests;

/// <summary>Generates one small population (2,000 employers, 20,000 payroll rows, 2,000 cohort, 3 years) per test class.</summary>
public sealed class GeneratedPopulationFixture : IDisposable
{
    private readonly Dictionary<string, CsvTable> _tables = new(StringComparer.Ordinal);

    public GeneratedPopulationFixture()
    {
        Options = new SyntheticPopulationOptions
        {
            Employers = 2_000,
            Employees = 20_000,
            Cohort = 2_000,
            Years = 3,
            Seed = 20_240_601,
            Formats = OutputFormats.Csv | OutputFormats.Arrow | OutputFormats.Parquet,
        };
        Directory = TempDirectory.Create("adrn-synth-fixture");
        Summary = SyntheticPopulation.Generate(Options, Directory);
    }

    public SyntheticPopulationOptions Options { get; }

    public string Directory { get; }

    public SyntheticPopulationSummary Summary { get; }

    public CsvTable Employers => Table("employers.csv");

    public CsvTable Employees => Table("employees.csv");

    public CsvTable Cohort => Table("cohort.csv");

    public CsvTable Table(string relativePath)
    {
        lock (_tables)
        {
            if (!_tables.TryGetValue(relativePath, out var table))
            {
                table = CsvTable.Read(Path.Combine(Directory, relativePath));
                _tables[relativePath] = table;
            }

            return table;
        }
    }

    public void Dispose() => TempDirectory.Delete(Directory);
}
