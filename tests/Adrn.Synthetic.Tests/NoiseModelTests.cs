using System.Globalization;

namespace Adrn.Synthetic.Tests;

/// <summary>
/// Measures corruption rates by comparing recorded values with the truth. The generation uses
/// raised rates so that each measured share has a small standard error; tolerances are about
/// four binomial standard errors (payroll noise is per job spell, so spells are the units).
/// </summary>
public sealed class NoiseModelTests : IClassFixture<NoiseModelTests.NoisyPopulation>
{
    private readonly NoisyPopulation _population;

    public NoiseModelTests(NoisyPopulation population) => _population = population;

    public static NoiseOptions Raised { get; } = new()
    {
        PayeMissingRate = 0.20,
        PayeWrongRate = 0.10,
        EmployerPostcodeMissingRate = 0.15,
        EmployerPostcodeWrongRate = 0.10,
        EmployerNameMissingRate = 0.05,
        CohortDobSwapRate = 0.40,
        CohortDobMissingRate = 0.10,
        CohortDobTypoRate = 0,
        CohortPostcodeMissingRate = 0.10,
        CohortPreviousPostcodeRate = 0.30,
        CohortSexErrorRate = 0.05,
        CohortEmployerMissingRate = 0.25,
    };

    [Fact]
    public void Missing_and_wrong_paye_references_match_the_configured_rates()
    {
        var spells = _population.Spells();
        var missing = spells.Count(s => s.RecordedPaye.Length == 0) / (double)spells.Count;
        var wrong = spells.Count(s => s.RecordedPaye.Length > 0 && s.RecordedPaye != s.TruePaye) / (double)spells.Count;

        Assert.InRange(missing, 0.20 - 0.02, 0.20 + 0.02);
        Assert.InRange(wrong, 0.10 - 0.015, 0.10 + 0.015);
    }

    [Fact]
    public void Missing_and_wrong_employer_postcodes_match_the_configured_rates()
    {
        var spells = _population.Spells();
        var missing = spells.Count(s => s.RecordedPostcode.Length == 0) / (double)spells.Count;
        var wrong = spells.Count(s => s.RecordedPostcode.Length > 0 && s.RecordedPostcode != s.TruePostcode) / (double)spells.Count;
        var sameSector = spells.Where(s => s.RecordedPostcode.Length > 0 && s.RecordedPostcode != s.TruePostcode)
            .All(s => s.RecordedPostcode[..^2] == s.TruePostcode[..^2]);

        Assert.InRange(missing, 0.15 - 0.02, 0.15 + 0.02);
        Assert.InRange(wrong, 0.10 - 0.015, 0.10 + 0.015);
        Assert.True(sameSector, "a wrong employer postcode keeps the true postcode sector");
        Assert.InRange(spells.Count(s => s.RecordedName.Length == 0) / (double)spells.Count, 0.05 - 0.012, 0.05 + 0.012);
    }

    [Fact]
    public void Cohort_date_of_birth_swaps_and_blanks_match_the_configured_rates()
    {
        var members = _population.Members();
        var missing = members.Count(m => m.ReportedDob.Length == 0) / (double)members.Count;
        var eligible = members.Where(m => m.ReportedDob.Length > 0 && m.TrueDob.Day <= 12 && m.TrueDob.Day != m.TrueDob.Month).ToList();
        var swapped = eligible.Count(m => DateOnly.ParseExact(m.ReportedDob, "yyyy-MM-dd", CultureInfo.InvariantCulture) == new DateOnly(m.TrueDob.Year, m.TrueDob.Day, m.TrueDob.Month));
        var changedIneligible = members.Count(m => m.ReportedDob.Length > 0 && !(m.TrueDob.Day <= 12 && m.TrueDob.Day != m.TrueDob.Month) && m.ReportedDob != m.TrueDob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.InRange(missing, 0.10 - 0.03, 0.10 + 0.03);
        Assert.InRange(swapped / (double)eligible.Count, 0.40 - 0.07, 0.40 + 0.07);
        Assert.Equal(0, changedIneligible);
    }

    [Fact]
    public void Cohort_postcodes_and_sex_are_corrupted_at_the_configured_rates()
    {
        var members = _population.Members();
        var missing = members.Count(m => m.ReportedPostcode.Length == 0) / (double)members.Count;
        var reported = members.Where(m => m.ReportedPostcode.Length > 0).ToList();
        var previous = reported.Count(m => m.ReportedPostcode != m.TrueHomePostcode) / (double)reported.Count;
        var sexErrors = members.Count(m => m.ReportedSex != m.TrueSex) / (double)members.Count;
        var employerMissing = members.Count(m => m.ReportedEmployer.Length == 0) / (double)members.Count;

        Assert.InRange(missing, 0.10 - 0.03, 0.10 + 0.03);
        Assert.InRange(previous, 0.30 - 0.05, 0.30 + 0.05);
        Assert.InRange(sexErrors, 0.05 - 0.02, 0.05 + 0.02);
        Assert.InRange(employerMissing, 0.25 - 0.04, 0.25 + 0.04);
    }

    [Fact]
    public void Without_noise_recorded_values_equal_the_true_values()
    {
        var clean = TempDirectory.Create("adrn-synth-clean");
        try
        {
            var options = new SyntheticPopulationOptions { Employers = 300, Employees = 6_000, Cohort = 500, Years = 2, Formats = OutputFormats.Csv, Noise = NoiseOptions.None };
            SyntheticPopulation.Generate(options, clean);
            var population = NoisyPopulation.Open(clean);

            Assert.All(population.Spells(), s =>
            {
                Assert.Equal(s.TruePaye, s.RecordedPaye);
                Assert.Equal(s.TruePostcode, s.RecordedPostcode);
                Assert.Equal(s.TrueName, s.RecordedName);
            });
            Assert.All(population.Members(), m =>
            {
                Assert.Equal(m.TrueDob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.ReportedDob);
                Assert.Equal(m.TrueHomePostcode, m.ReportedPostcode);
                Assert.Equal(m.TrueFirstName, m.ReportedFirstName);
                Assert.Equal(m.TrueSurname, m.ReportedSurname);
                Assert.Equal(m.TrueSex, m.ReportedSex);
            });
        }
        finally
        {
            TempDirectory.Delete(clean);
        }
    }

    public sealed record Spell(string TruePaye, string RecordedPaye, string TruePostcode, string RecordedPostcode, string TrueName, string RecordedName);

    public sealed record Member(DateOnly TrueDob, string ReportedDob, string TrueHomePostcode, string ReportedPostcode, string TrueSex, string ReportedSex, string TrueFirstName, string ReportedFirstName, string TrueSurname, string ReportedSurname, string ReportedEmployer);

    /// <summary>A population generated with <see cref="Raised"/> noise, joined to its truth.</summary>
    public sealed class NoisyPopulation : IDisposable
    {
        private readonly bool _owned;

        public NoisyPopulation()
        {
            Directory = TempDirectory.Create("adrn-synth-noisy");
            _owned = true;
            SyntheticPopulation.Generate(
                new SyntheticPopulationOptions { Employers = 2_000, Employees = 20_000, Cohort = 2_000, Years = 3, Seed = 99, Formats = OutputFormats.Csv, Noise = Raised },
                Directory);
        }

        private NoisyPopulation(string directory) => Directory = directory;

        /// <summary>Reads a population generated elsewhere (the caller deletes it).</summary>
        public static NoisyPopulation Open(string directory) => new(directory);

        public string Directory { get; }

        public List<Spell> Spells()
        {
            var employers = CsvTable.Read(Path.Combine(Directory, "employers.csv"));
            var employees = CsvTable.Read(Path.Combine(Directory, "employees.csv"));
            var truth = CsvTable.Read(Path.Combine(Directory, "truth/employee_employer.csv"));
            var register = employers.Rows.ToDictionary(r => employers.Get(r, "employer_id"));
            var seen = new HashSet<(string, string)>();
            var spells = new List<Spell>();
            for (var i = 0; i < employees.Count; i++)
            {
                var row = employees.Rows[i];
                var employerId = truth.Rows[i][1];
                // Payroll noise is drawn once per job spell (person at employer): count each spell once.
                if (!seen.Add((employees.Get(row, "person_id"), employerId)))
                {
                    continue;
                }

                var firm = register[employerId];
                spells.Add(new Spell(
                    employers.Get(firm, "paye_ref"), employees.Get(row, "employer_paye_ref"),
                    employers.Get(firm, "postcode"), employees.Get(row, "employer_postcode"),
                    employers.Get(firm, "registered_name"), employees.Get(row, "employer_name")));
            }

            return spells;
        }

        public List<Member> Members()
        {
            var employees = CsvTable.Read(Path.Combine(Directory, "employees.csv"));
            var cohort = CsvTable.Read(Path.Combine(Directory, "cohort.csv"));
            var truth = CsvTable.Read(Path.Combine(Directory, "truth/cohort_employee.csv"));
            var person = new Dictionary<string, string[]>();
            foreach (var row in employees.Rows)
            {
                person[employees.Get(row, "person_id")] = row;
            }

            var members = cohort.Rows.ToDictionary(r => cohort.Get(r, "cohort_id"));
            return truth.Rows.Select(t =>
            {
                var m = members[t[0]];
                var p = person[t[1]];
                return new Member(
                    DateOnly.ParseExact(employees.Get(p, "date_of_birth"), "yyyy-MM-dd", CultureInfo.InvariantCulture), cohort.Get(m, "date_of_birth"),
                    employees.Get(p, "home_postcode"), cohort.Get(m, "postcode"),
                    employees.Get(p, "sex"), cohort.Get(m, "sex"),
                    employees.Get(p, "first_name"), cohort.Get(m, "first_name"),
                    employees.Get(p, "surname"), cohort.Get(m, "surname"),
                    cohort.Get(m, "employer_name"));
            }).ToList();
        }

        public void Dispose()
        {
            if (_owned)
            {
                TempDirectory.Delete(Directory);
            }
        }
    }
}
