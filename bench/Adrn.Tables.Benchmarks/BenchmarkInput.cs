using Adrn.Synthetic;

namespace Adrn.Tables.Benchmarks;

/// <summary>The payroll CSV every reader benchmark reads.</summary>
internal static class BenchmarkInput
{
    public static string EmployeesCsv()
    {
        if (Environment.GetEnvironmentVariable("ADRN_BENCH_CSV") is { Length: > 0 } given) return given;
        var dir = Path.Combine(Path.GetTempPath(), "adrn-tables-bench");
        var path = Path.Combine(dir, "employees.csv");
        if (!File.Exists(path))
        {
            SyntheticPopulation.Generate(
                new SyntheticPopulationOptions { Employers = 100_000, Employees = 1_000_000, Years = 3, Seed = 42, Formats = OutputFormats.Csv }, dir);
        }

        return path;
    }
}
