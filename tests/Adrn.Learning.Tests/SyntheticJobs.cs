using Adrn.Linkage.Configuration;
using Adrn.Synthetic;

namespace Adrn.Learning.Tests;

/// <summary>
/// One small synthetic population (fixed seed) and the two example jobs opened on it, shared by the tests of the
/// collection so the data is generated and each Fellegi–Sunter model trained only once.
/// </summary>
public sealed class SyntheticJobs : IDisposable
{
    private readonly Lazy<LinkageWorkspace> _employer;
    private readonly Lazy<LinkageWorkspace> _cohort;

    public SyntheticJobs()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "adrn-learning-tests-" + Environment.ProcessId);
        SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            Employers = 1500, Employees = 15000, Cohort = 1500, Years = 3, Seed = 20261125, Formats = OutputFormats.Csv,
        }, DataDirectory);
        _employer = new Lazy<LinkageWorkspace>(() => LinkageWorkspace.Open(Load("employee-employer.json")));
        _cohort = new Lazy<LinkageWorkspace>(() => LinkageWorkspace.Open(Load("cohort-employee.json")));
    }

    public string DataDirectory { get; }

    public LinkageWorkspace EmployeeEmployer => _employer.Value;

    public LinkageWorkspace CohortEmployee => _cohort.Value;

    public string EmployeeEmployerTruth => Path.Combine(DataDirectory, "truth", "employee_employer.csv");

    public string CohortEmployeeTruth => Path.Combine(DataDirectory, "truth", "cohort_employee.csv");

    public LinkageJobConfig Load(string example) =>
        LinkageJobConfig.Load(RepositoryPaths.Example(example), new Dictionary<string, string> { ["data"] = DataDirectory });

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run uses its own process id.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SyntheticJobsCollection : ICollectionFixture<SyntheticJobs>
{
    public const string Name = "synthetic jobs";
}
