using System.Globalization;
using Adrn.Synthetic.Production;

namespace Adrn.Synthetic.Tests;

/// <summary>
/// The business survey (firm-year inputs and output from the planted production model): one row per register
/// firm and payroll year, consistent with its truth file and with the register it starts from.
/// </summary>
public sealed class BusinessSurveyTests(GeneratedPopulationFixture population) : IClassFixture<GeneratedPopulationFixture>
{
    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_register_firm_has_one_row_per_payroll_year_with_positive_inputs_and_output()
    {
        var survey = population.Table("business_survey.csv");
        Assert.Equal(["employer_id", "year", "employment", "capital", "intermediate_inputs", "investment", "value_added"], survey.Header);
        Assert.Equal(population.Options.Employers * population.Options.Years, survey.Count);
        var firms = population.Employers.Column("employer_id").ToHashSet();
        Assert.All(survey.Rows, r => Assert.Contains(survey.Get(r, "employer_id"), firms));
        Assert.Equal(survey.Count, survey.Rows.Select(r => (survey.Get(r, "employer_id"), survey.Get(r, "year"))).Distinct().Count());
        foreach (var column in new[] { "employment", "capital", "intermediate_inputs", "investment", "value_added" })
            Assert.All(survey.Column(column), v => Assert.True(D(v) > 0, $"{column} {v}"));
        Assert.Contains("business_survey.arrow", population.Summary.Files);
        Assert.Contains("business_survey.parquet", population.Summary.Files);
    }

    [Fact]
    public void Planted_output_is_the_production_function_of_the_published_inputs_plus_the_truth_files_tfp_and_shock()
    {
        // log VA = β0 + β_l log L + β_k log K + ω + ε with the published (rounded) L, K and VA: rounding K and VA to
        // pounds moves log VA by less than 1e-3 on these magnitudes (tolerance stated before running).
        var p = ProductionFunctionParameters.Default;
        var survey = population.Table("business_survey.csv");
        var truth = population.Table("truth/business_survey.csv");
        Assert.Equal(survey.Count, truth.Count);
        for (var i = 0; i < survey.Count; i++)
        {
            var s = survey.Rows[i];
            var t = truth.Rows[i];
            Assert.Equal(survey.Get(s, "employer_id"), truth.Get(t, "employer_id"));
            var predicted = p.Intercept + (p.LabourElasticity * Math.Log(D(survey.Get(s, "employment")))) + (p.CapitalElasticity * Math.Log(D(survey.Get(s, "capital"))))
                + D(truth.Get(t, "log_tfp")) + D(truth.Get(t, "output_shock"));
            Assert.True(Math.Abs(Math.Log(D(survey.Get(s, "value_added"))) - predicted) < 1e-3, $"row {i + 1}: {Math.Log(D(survey.Get(s, "value_added")))} vs {predicted}");
        }
    }

    [Fact]
    public void First_year_tfp_is_a_scaled_copy_of_the_registers_planted_productivity()
    {
        var survey = population.Table("truth/business_survey.csv");
        var planted = population.Table("truth/employers.csv");
        var first = population.Options.FirstYear.ToString(CultureInfo.InvariantCulture);
        var omega = survey.Rows.Where(r => survey.Get(r, "year") == first).ToDictionary(r => survey.Get(r, "employer_id"), r => D(survey.Get(r, "log_tfp")));
        var pairs = planted.Rows.Select(r => (Gva: D(planted.Get(r, "log_gva_per_worker_planted")), Omega: omega[planted.Get(r, "employer_id")])).ToList();
        double mx = pairs.Average(t => t.Gva), my = pairs.Average(t => t.Omega);
        var corr = pairs.Sum(t => (t.Gva - mx) * (t.Omega - my)) / Math.Sqrt(pairs.Sum(t => (t.Gva - mx) * (t.Gva - mx)) * pairs.Sum(t => (t.Omega - my) * (t.Omega - my)));
        Assert.True(corr > 0.9999, $"corr {corr}");
        var sd = Math.Sqrt(pairs.Average(t => (t.Omega - my) * (t.Omega - my)));
        Assert.Equal(ProductionFunctionParameters.Default.TfpSd, sd, 3);
    }

    [Fact]
    public void Invalid_production_parameters_are_reported_all_at_once()
    {
        var problems = new ProductionFunctionParameters { LabourElasticity = 1.2, Persistence = 1, Depreciation = 0 }.Validate();
        Assert.Equal(3, problems.Count);
        Assert.Throws<ArgumentException>(() => SyntheticBusinessSurvey.Simulate(0, 3, 1));
    }
}
