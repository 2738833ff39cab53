namespace Adrn.Synthetic.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Default_options_are_valid()
    {
        Assert.Empty(new SyntheticPopulationOptions().Validate());
    }

    [Fact]
    public void Validate_reports_every_problem_at_once()
    {
        var options = new SyntheticPopulationOptions
        {
            Employers = -1,
            Employees = -5,
            Cohort = -2,
            Years = 0,
            MoveRate = 1.5,
            Formats = OutputFormats.None,
            Noise = new NoiseOptions { PayeMissingRate = -0.1, CohortDobSwapRate = 2 },
        };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.StartsWith("employers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("employees", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cohort", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("years", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("move rate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("formats", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PayeMissingRate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("CohortDobSwapRate", StringComparison.Ordinal));
        Assert.Equal(8, problems.Count);
    }

    [Fact]
    public void Too_few_employees_for_one_worker_per_employer_and_year_is_reported()
    {
        var problems = new SyntheticPopulationOptions { Employers = 100, Employees = 250, Years = 3 }.Validate();

        var problem = Assert.Single(problems);
        Assert.Contains("300", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_refuses_invalid_options_with_every_problem_in_the_message()
    {
        var options = new SyntheticPopulationOptions { Employers = 0, Cohort = -1 };

        var error = Assert.Throws<ArgumentException>(() => SyntheticPopulation.Generate(options, Path.GetTempPath()));

        Assert.Contains("employers", error.Message, StringComparison.Ordinal);
        Assert.Contains("cohort", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_handles_one_worker_per_employer()
    {
        var directory = TempDirectory.Create("adrn-synth-edge");
        try
        {
            var summary = SyntheticPopulation.Generate(new SyntheticPopulationOptions { Employers = 500, Employees = 500, Cohort = 10, Years = 1, Formats = OutputFormats.Csv }, directory);

            var employers = CsvTable.Read(Path.Combine(directory, "employers.csv"));
            Assert.All(employers.Column("employment"), e => Assert.Equal("1", e));
            Assert.Equal(500, summary.RowsOf("employees"));
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
