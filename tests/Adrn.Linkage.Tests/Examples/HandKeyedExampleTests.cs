using Adrn.Linkage.Configuration;
using Adrn.Synthetic;
using Xunit.Abstractions;

namespace Adrn.Linkage.Tests.Examples;

/// <summary>
/// Acceptance of issue 16 on the hand-keyed noise profile at the acceptance size (20,000 employers, 200,000 payroll rows
/// over 2 years, 20,000 cohort members, seed 7): the example jobs examples/employee-employer-hand-keyed.json and
/// examples/cohort-employee-hand-keyed.json. Truth: the generator's truth files. The table of figures before and after
/// each part is made by `Adrn.Bench ablation` (docs/methodology.md).
/// </summary>
public sealed class HandKeyedExampleTests(HandKeyedExampleTests.Population population, ITestOutputHelper output) : IClassFixture<HandKeyedExampleTests.Population>
{
    /// <summary>The hand-keyed population, generated once (or read from ADRN_HAND_KEYED_DIR).</summary>
    public sealed class Population
    {
        public Population()
        {
            var given = Environment.GetEnvironmentVariable("ADRN_HAND_KEYED_DIR");
            if (!string.IsNullOrEmpty(given))
            {
                Directory = given;
                return;
            }

            Directory = SharedData.TempDir();
            SyntheticPopulation.Generate(NoiseProfiles.HandKeyed(new SyntheticPopulationOptions
            {
                Employers = 20_000, Employees = 200_000, Cohort = 20_000, Years = 2, Seed = 7, Formats = OutputFormats.Csv,
            }), Directory);
        }

        public string Directory { get; }
    }

    private LinkageRunResult Run(string example)
    {
        var config = LinkageJobConfig.Load(SharedData.Example(example), new Dictionary<string, string> { ["data"] = population.Directory });
        var result = LinkageJob.Run(config, SharedData.TempDir());
        var e = result.Evaluation;
        output.WriteLine($"{example}: pairs {result.PairsCompared:N0}, links {result.Links:N0}, truth {e.TruthPairs:N0}, P {e.Precision:F4} R {e.Recall:F4} F1 {e.F1:F4}, prior {result.RegisterPosterior?.Prior:F4}");
        foreach (var (k, v) in result.Timings) output.WriteLine($"  {k}: {v} s");
        return result;
    }

    [Fact]
    public void Hand_keyed_payroll_rows_link_to_their_employers_with_precision_0_998_and_recall_0_99()
    {
        var result = Run("employee-employer-hand-keyed.json");
        var e = result.Evaluation;
        Assert.Equal(200_000, e.TruthPairs);
        Assert.True(e.Precision >= 0.998 && e.Recall >= 0.99, $"precision {e.Precision:F4}, recall {e.Recall:F4}");
        // Almost every payroll row has its employer in the register: the estimated prior says so.
        Assert.InRange(result.RegisterPosterior!.Prior, 0.98, 1.0);
    }

    [Fact]
    public void Hand_keyed_cohort_members_link_to_payroll_persons_with_F1_0_99()
    {
        var result = Run("cohort-employee-hand-keyed.json");
        var e = result.Evaluation;
        Assert.Equal(19_000, e.TruthPairs);
        Assert.True(e.F1 >= 0.99, $"F1 {e.F1:F4} (precision {e.Precision:F4}, recall {e.Recall:F4})");
        // 95% of the cohort is drawn from payroll (SyntheticPopulationOptions.CohortInPayrollShare): the estimate finds it.
        Assert.InRange(result.RegisterPosterior!.Prior, 0.93, 0.97);
    }
}
