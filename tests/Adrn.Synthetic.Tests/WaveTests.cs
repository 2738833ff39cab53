using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Adrn.Synthetic.Tests;

/// <summary>The yearly waves of <c>adrn synth --waves</c>: same files without waves, byte-identical waves, realistic churn, complete truth.</summary>
public sealed class WaveTests : IClassFixture<WaveTests.Waves>
{
    private readonly Waves _waves;

    public WaveTests(Waves waves) => _waves = waves;

    [Fact]
    public void Switching_waves_on_leaves_every_other_file_byte_identical()
    {
        var without = TempDirectory.Create("adrn-synth-no-waves");
        try
        {
            var summary = SyntheticPopulation.Generate(_waves.Options with { Waves = null }, without);
            Assert.DoesNotContain(summary.Files, f => f.StartsWith("waves/", StringComparison.Ordinal) || f == "truth/wave_entities.csv");
            foreach (var file in summary.Files)
                Assert.True(Hash(Path.Combine(without, file)) == Hash(Path.Combine(_waves.Directory, file)), $"{file} differs when waves are written");
        }
        finally
        {
            TempDirectory.Delete(without);
        }
    }

    [Fact]
    public void The_same_options_give_byte_identical_waves()
    {
        var again = TempDirectory.Create("adrn-synth-waves-again");
        try
        {
            var summary = SyntheticPopulation.Generate(_waves.Options, again);
            Assert.Equal(_waves.Summary.Files, summary.Files);
            foreach (var file in summary.Files.Where(f => f.StartsWith("waves/", StringComparison.Ordinal) || f == "truth/wave_entities.csv"))
                Assert.True(Hash(Path.Combine(again, file)) == Hash(Path.Combine(_waves.Directory, file)), $"{file} differs between two runs");
        }
        finally
        {
            TempDirectory.Delete(again);
        }
    }

    [Fact]
    public void Each_year_has_a_register_snapshot_and_a_payroll_file_with_todays_columns_and_ids_unique_across_waves()
    {
        var registerIds = new HashSet<string>();
        var payrollIds = new HashSet<string>();
        var baseEmployers = CsvTable.Read(Path.Combine(_waves.Directory, "employers.csv"));
        var baseEmployees = CsvTable.Read(Path.Combine(_waves.Directory, "employees.csv"));
        foreach (var year in _waves.Years)
        {
            var register = _waves.Register(year);
            var payroll = _waves.Payroll(year);
            Assert.Equal(baseEmployers.Header, register.Header);
            Assert.Equal(baseEmployees.Header, payroll.Header);
            Assert.All(register.Column("employer_id"), id => Assert.True(registerIds.Add(id), $"register id {id} repeats"));
            Assert.All(payroll.Column("record_id"), id => Assert.True(payrollIds.Add(id), $"payroll record id {id} repeats"));
            Assert.All(payroll.Column("year"), y => Assert.Equal(year, y));
        }
    }

    [Fact]
    public void The_truth_names_the_person_and_employer_of_every_payroll_record_and_the_entity_of_every_other_record()
    {
        var truth = CsvTable.Read(Path.Combine(_waves.Directory, "truth", "wave_entities.csv"));
        Assert.Equal(["source", "record_id", "wave", "entity_type", "true_entity_id"], truth.Header);
        var all = truth.Rows.Select(r => (truth.Get(r, "source"), truth.Get(r, "record_id"), truth.Get(r, "entity_type"))).ToList();
        var keys = all.ToHashSet();
        Assert.Equal(all.Count, keys.Count);
        foreach (var year in _waves.Years)
        {
            foreach (var id in _waves.Payroll(year).Column("record_id"))
            {
                Assert.Contains(("payroll", id, "person"), keys);
                Assert.Contains(("payroll", id, "employer"), keys);
            }

            Assert.All(_waves.Register(year).Column("employer_id"), id => Assert.Contains(("register", id, "employer"), keys));
        }

        var cohort = CsvTable.Read(Path.Combine(_waves.Directory, "waves", "cohort.csv"));
        Assert.All(cohort.Column("cohort_id"), id => Assert.Contains(("cohort", id, "person"), keys));
        // Base persons keep their base person id as true entity, so truth/persons.csv describes them.
        var basePersons = CsvTable.Read(Path.Combine(_waves.Directory, "truth", "persons.csv")).Column("person_id").ToHashSet();
        var wavePersons = truth.Rows.Where(r => truth.Get(r, "source") == "payroll" && truth.Get(r, "entity_type") == "person").Select(r => truth.Get(r, "true_entity_id")).ToHashSet();
        Assert.True(wavePersons.Count(basePersons.Contains) > 0.9 * basePersons.Count);
    }

    [Fact]
    public void Churn_follows_the_rates_of_the_domain_notes()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_waves.Directory, "waves", "dgp-waves.json")));
        var waves = doc.RootElement.GetProperty("waves").EnumerateArray().ToList();
        Assert.Equal(3, waves.Count);
        for (var t = 1; t < waves.Count; t++)
        {
            int Count(string name) => waves[t].GetProperty(name).GetInt32();
            var firms = waves[t - 1].GetProperty("active_firms").GetInt32();
            var employed = waves[t - 1].GetProperty("employed").GetInt32();
            // DOMAIN.md, "Change over time": births 11-13% and deaths 10-12% of active enterprises a year (sampling
            // error allowed at 2,000 firms), job-to-job moves 8-12%, entry and exit a few per cent, home moves ~10%,
            // second jobs ~4%; renames and site moves a few per cent of survivors.
            Assert.InRange(Count("firm_births") / (double)firms, 0.09, 0.15);
            Assert.InRange(Count("firm_deaths") / (double)firms, 0.07, 0.15);
            Assert.InRange(Count("job_moves") / (double)employed, 0.07, 0.13);
            Assert.InRange(Count("entrants") / (double)employed, 0.02, 0.05);
            Assert.InRange(Count("exits") / (double)employed, 0.02, 0.06);
            Assert.InRange(Count("home_moves") / (double)employed, 0.08, 0.13);
            Assert.InRange(Count("renames") + Count("site_moves") + Count("takeovers"), 1, firms / 10);
            Assert.True(Count("register_missing_births") > 0, "payroll names some employers the register lists a year later");
            Assert.True(Count("surname_changes") > 0);
            Assert.True(Count("entrants_without_nino") > 0);
        }

        foreach (var w in waves) Assert.InRange(w.GetProperty("second_jobs").GetInt32() / (double)w.GetProperty("employed").GetInt32(), 0.025, 0.055);
    }

    [Fact]
    public void A_renamed_firm_keeps_its_company_number_and_its_old_name_as_trading_name()
    {
        var first = _waves.Register(_waves.Years[0]);
        var last = _waves.Register(_waves.Years[^1]);
        var before = first.Rows.ToDictionary(r => first.Get(r, "ch_number"), r => (Name: first.Get(r, "registered_name"), Trading: first.Get(r, "trading_name")));
        var renamed = last.Rows.Where(r => before.TryGetValue(last.Get(r, "ch_number"), out var b) && b.Name != last.Get(r, "registered_name")).ToList();
        Assert.NotEmpty(renamed);
        // Legal-form changes rename too (Ltd to Limited); renames proper keep the old name (without legal form) as trading name.
        Assert.Contains(renamed, r => before[last.Get(r, "ch_number")].Name.StartsWith(last.Get(r, "trading_name"), StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_wave_repeats_the_base_register()
    {
        var register = _waves.Register(_waves.Years[0]);
        var base_ = CsvTable.Read(Path.Combine(_waves.Directory, "employers.csv"));
        var byCh = base_.Rows.ToDictionary(r => base_.Get(r, "ch_number"));
        foreach (var row in register.Rows)
        {
            var b = byCh[register.Get(row, "ch_number")];
            foreach (var column in new[] { "paye_ref", "registered_name", "postcode", "employment", "gva", "turnover", "investment", "management_score" })
                Assert.Equal(base_.Get(b, column), register.Get(row, column));
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A population with waves (2,000 employers, 3 years), generated once for the class.</summary>
    public sealed class Waves : IDisposable
    {
        private readonly Dictionary<string, CsvTable> _tables = [];

        public Waves()
        {
            Options = new SyntheticPopulationOptions
            {
                Employers = 2_000,
                Employees = 30_000,
                Cohort = 1_000,
                Years = 3,
                Seed = 5,
                Formats = OutputFormats.Csv,
                Waves = new WaveOptions(),
            };
            Directory = TempDirectory.Create("adrn-synth-waves");
            Summary = SyntheticPopulation.Generate(Options, Directory);
        }

        public SyntheticPopulationOptions Options { get; }

        public string Directory { get; }

        public SyntheticPopulationSummary Summary { get; }

        public IReadOnlyList<string> Years => Enumerable.Range(Options.FirstYear, Options.Years).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();

        public CsvTable Register(string year) => Table(Path.Combine("waves", year, "employers.csv"));

        public CsvTable Payroll(string year) => Table(Path.Combine("waves", year, "employees.csv"));

        public void Dispose() => TempDirectory.Delete(Directory);

        private CsvTable Table(string relative)
        {
            lock (_tables)
            {
                if (!_tables.TryGetValue(relative, out var t)) _tables[relative] = t = CsvTable.Read(Path.Combine(Directory, relative));
                return t;
            }
        }
    }
}
