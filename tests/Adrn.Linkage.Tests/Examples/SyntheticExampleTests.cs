using Adrn.Linkage.Configuration;
using Xunit.Abstractions;

namespace Adrn.Linkage.Tests.Examples;

public sealed class SyntheticExampleTests(SyntheticPopulationFixture population, ITestOutputHelper output) : IClassFixture<SyntheticPopulationFixture>
{
    private LinkageRunResult Run(string example, string data)
    {
        var config = LinkageJobConfig.Load(SharedData.Example(example), new Dictionary<string, string> { ["data"] = data });
        var result = LinkageJob.Run(config, SharedData.TempDir());
        var e = result.Evaluation;
        output.WriteLine($"{example}: rows {result.RowsRead}, pairs {result.PairsCompared}, links {result.Links}, truth {e.TruthPairs}, P {e.Precision:F4} R {e.Recall:F4} F1 {e.F1:F4}, lambda {result.Model.ProbabilityTwoRandomRecordsMatch:G4}");
        foreach (var (k, v) in result.Timings) output.WriteLine($"  {k}: {v} s");
        output.WriteLine($"  peak working set of the test process: {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
        foreach (var step in result.Model.Training) output.WriteLine($"  {step.Step}: {step.Pairs} pairs, {step.Seconds} s, {step.Iterations.Count} iterations, converged {step.Converged}");
        return result;
    }

    // Acceptance: precision >= 0.995 and recall >= 0.99 (truth: the generator's truth/employee_employer.csv).
    [Fact]
    public void Synthetic_employee_to_employer_links_many_to_one_with_high_precision_and_recall()
    {
        var data = population.Directory;
        var e = Run("employee-employer.json", data).Evaluation;
        Assert.True(e.Precision >= 0.995 && e.Recall >= 0.99, $"precision {e.Precision:F4}, recall {e.Recall:F4}");
    }

    // Acceptance: precision >= 0.99 and recall >= 0.98 (truth: the generator's truth/cohort_employee.csv).
    [Fact]
    public void Synthetic_cohort_to_payroll_person_links_one_to_one_with_high_precision_and_recall()
    {
        var data = population.Directory;
        var e = Run("cohort-employee.json", data).Evaluation;
        Assert.True(e.Precision >= 0.99 && e.Recall >= 0.98, $"precision {e.Precision:F4}, recall {e.Recall:F4}");
    }
}
