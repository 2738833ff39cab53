using System.Globalization;

namespace Adrn.Synthetic.Tests;

public sealed class TruthConsistencyTests(GeneratedPopulationFixture population) : IClassFixture<GeneratedPopulationFixture>
{
    [Fact]
    public void Every_payroll_row_has_exactly_one_true_employer_that_exists_in_the_register()
    {
        var truth = population.Table("truth/employee_employer.csv");
        var employerIds = population.Employers.Column("employer_id").ToHashSet();
        var recordIds = population.Employees.Column("record_id").ToList();

        Assert.Equal(recordIds.Count, recordIds.Distinct().Count());
        Assert.Equal(recordIds, truth.Column("record_id").ToList());
        Assert.All(truth.Column("employer_id"), id => Assert.Contains(id, employerIds));
    }

    [Fact]
    public void Every_cohort_truth_pair_points_to_an_existing_member_and_payroll_person()
    {
        var truth = population.Table("truth/cohort_employee.csv");
        var cohortIds = population.Cohort.Column("cohort_id").ToHashSet();
        var personIds = population.Employees.Column("person_id").ToHashSet();

        Assert.All(truth.Column("cohort_id"), id => Assert.Contains(id, cohortIds));
        Assert.All(truth.Column("person_id"), id => Assert.Contains(id, personIds));
        Assert.Equal(truth.Count, truth.Column("cohort_id").Distinct().Count());
        Assert.Equal(truth.Count, truth.Column("person_id").Distinct().Count());
        // About 95% of members come from payroll (the default CohortInPayrollShare).
        Assert.Equal(1_900, truth.Count);
    }

    [Fact]
    public void Payroll_is_a_balanced_panel_with_one_job_per_person_and_year()
    {
        var employees = population.Employees;
        var years = employees.Column("year").Distinct().OrderBy(y => y, StringComparer.Ordinal).ToList();
        Assert.Equal(["2019", "2020", "2021"], years);
        var perPerson = employees.Rows.GroupBy(r => employees.Get(r, "person_id")).ToList();
        Assert.Equal(population.Options.Persons, perPerson.Count);
        Assert.All(perPerson, g => Assert.Equal(3, g.Select(r => employees.Get(r, "year")).Distinct().Count()));
        var persons = population.Table("truth/persons.csv");
        Assert.Equal(perPerson.Select(g => g.Key).OrderBy(k => k, StringComparer.Ordinal), persons.Column("person_id").OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Register_employment_equals_the_workers_in_payroll_every_year()
    {
        var employees = population.Employees;
        var truth = population.Table("truth/employee_employer.csv");
        var employment = population.Employers.Rows.ToDictionary(
            r => population.Employers.Get(r, "employer_id"),
            r => int.Parse(population.Employers.Get(r, "employment"), CultureInfo.InvariantCulture));
        var counts = new Dictionary<(string, string), int>();
        for (var i = 0; i < employees.Count; i++)
        {
            var key = (truth.Rows[i][1], employees.Get(employees.Rows[i], "year"));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (var year in new[] { "2019", "2020", "2021" })
        {
            Assert.All(employment, kv => Assert.Equal(kv.Value, counts.GetValueOrDefault((kv.Key, year))));
        }
    }

    [Fact]
    public void People_change_jobs_at_about_the_configured_yearly_rate()
    {
        var employees = population.Employees;
        var truth = population.Table("truth/employee_employer.csv");
        var byPerson = new Dictionary<string, string[]>();
        for (var i = 0; i < employees.Count; i++)
        {
            var row = employees.Rows[i];
            var person = employees.Get(row, "person_id");
            var t = int.Parse(employees.Get(row, "year"), CultureInfo.InvariantCulture) - 2019;
            if (!byPerson.TryGetValue(person, out var jobs))
            {
                byPerson[person] = jobs = new string[3];
            }

            jobs[t] = truth.Rows[i][1];
        }

        var moves = byPerson.Values.Sum(j => (j[0] != j[1] ? 1 : 0) + (j[1] != j[2] ? 1 : 0));
        var rate = moves / (2.0 * byPerson.Count);
        // Binomial SE with 13,332 person-years is 0.0026; movers sent back to their own firm are swapped away.
        Assert.InRange(rate, 0.09, 0.11);
    }
}
