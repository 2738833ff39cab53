using System.Text.Json;

namespace Adrn.Synthetic.Tests;

/// <summary>
/// The hand-keyed noise profile: the default profile is untouched by it (its corruptions come from streams of their
/// own), and each corruption occurs at its configured rate, measured against the truth with the default noise off
/// (tolerances about four binomial standard errors; payroll noise is per job spell).
/// </summary>
public sealed class HandKeyedNoiseTests : IDisposable
{
    private static readonly SyntheticPopulationOptions Small = new()
    {
        Employers = 2_000, Employees = 20_000, Cohort = 2_000, Years = 2, Seed = 2_024, Formats = OutputFormats.Csv,
    };

    private readonly List<string> _dirs = [];

    private string Generate(SyntheticPopulationOptions options)
    {
        var dir = TempDirectory.Create("adrn-hand-keyed");
        _dirs.Add(dir);
        SyntheticPopulation.Generate(options, dir);
        return dir;
    }

    [Fact]
    public void Switching_the_hand_keyed_corruptions_on_changes_only_the_payroll_employer_fields_and_the_cohort_employer_name()
    {
        // Same default NoiseOptions, with and without the extra corruptions: every other value must be identical,
        // because the extra draws come from streams of their own.
        var plain = Generate(Small);
        var keyed = Generate(Small with { HandKeyed = new HandKeyedNoiseOptions() });
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "employers.csv")), File.ReadAllText(Path.Combine(keyed, "employers.csv")));
        foreach (var truth in new[] { "truth/employee_employer.csv", "truth/cohort_employee.csv", "truth/persons.csv", "truth/employers.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(plain, truth)), File.ReadAllText(Path.Combine(keyed, truth)));

        AssertSameExcept(Path.Combine(plain, "employees.csv"), Path.Combine(keyed, "employees.csv"), "employer_paye_ref", "employer_name", "employer_postcode");
        AssertSameExcept(Path.Combine(plain, "cohort.csv"), Path.Combine(keyed, "cohort.csv"), "employer_name");

        // The default dgp.json has no hand-keyed section; the hand-keyed one records the profile and its rates.
        using var dgp = JsonDocument.Parse(File.ReadAllText(Path.Combine(keyed, "dgp.json")));
        Assert.Equal("hand-keyed", dgp.RootElement.GetProperty("noise_profile").GetString());
        Assert.Equal(0.05, dgp.RootElement.GetProperty("hand_keyed_noise").GetProperty("PayeOfficeDigitDroppedRate").GetDouble());
        Assert.DoesNotContain("hand_keyed", File.ReadAllText(Path.Combine(plain, "dgp.json")), StringComparison.Ordinal);
    }

    private static void AssertSameExcept(string a, string b, params string[] changed)
    {
        var x = CsvTable.Read(a);
        var y = CsvTable.Read(b);
        Assert.Equal(x.Header, y.Header);
        Assert.Equal(x.Count, y.Count);
        var differing = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < x.Count; r++)
            for (var c = 0; c < x.Header.Length; c++)
                if (x.Rows[r][c] != y.Rows[r][c]) differing.Add(x.Header[c]);
        Assert.Subset(changed.ToHashSet(StringComparer.Ordinal), differing);
        Assert.Equal(changed.Order(StringComparer.Ordinal), differing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Paye_postcode_and_glued_name_corruptions_occur_at_their_configured_rates()
    {
        var dir = Generate(Small with
        {
            Noise = NoiseOptions.None,
            HandKeyed = new HandKeyedNoiseOptions
            {
                PayeMissingRate = 0.10, PayeOfficeDigitDroppedRate = 0.20, PayeOfficeMissingRate = 0.10,
                EmployerNameTypoRate = 0, EmployerNameGluedRate = 0.30, EmployerNameSplitRate = 0, EmployerNameAbbreviationRate = 0,
                EmployerNameSonsRate = 0, EmployerNameLegalFormChangedRate = 0, EmployerNameMissingRate = 0.05,
                EmployerPostcodeOldSiteRate = 0.20, EmployerPostcodeMissingRate = 0.10, CohortEmployerTypoRate = 0, CohortEmployerGluedRate = 0,
            },
        });
        var spells = NoiseModelTests.NoisyPopulation.Open(dir).Spells();
        double Share(Func<NoiseModelTests.Spell, bool> f) => spells.Count(f) / (double)spells.Count;

        Assert.InRange(Share(s => s.RecordedPaye.Length == 0), 0.10 - 0.02, 0.10 + 0.02);
        // A dropped office digit: 2 digits, the slash and the same reference part ("123/AB56789" -> "13/AB56789").
        Assert.InRange(Share(s => s.RecordedPaye.Length == s.TruePaye.Length - 1 && s.RecordedPaye[2] == '/' && s.RecordedPaye[3..] == s.TruePaye[4..]),
            (0.9 * 0.20) - 0.025, (0.9 * 0.20) + 0.025);
        Assert.InRange(Share(s => s.RecordedPaye == s.TruePaye[4..]), (0.9 * 0.10) - 0.02, (0.9 * 0.10) + 0.02);
        Assert.All(spells, s => Assert.True(s.RecordedPaye.Length == 0 || s.RecordedPaye[^7..] == s.TruePaye[^7..], $"{s.TruePaye} -> {s.RecordedPaye}"));

        Assert.InRange(Share(s => s.RecordedPostcode.Length == 0), 0.10 - 0.02, 0.10 + 0.02);
        // The old site is in another district (outward code) than the firm's postcode.
        Assert.InRange(Share(s => s.RecordedPostcode.Length > 0 && s.RecordedPostcode.Split(' ')[0] != s.TruePostcode.Split(' ')[0]), 0.20 - 0.025, 0.20 + 0.025);
        Assert.Equal(0, spells.Count(s => s.RecordedPostcode.Length > 0 && s.RecordedPostcode != s.TruePostcode && s.RecordedPostcode.Split(' ')[0] == s.TruePostcode.Split(' ')[0]));

        Assert.InRange(Share(s => s.RecordedName.Length == 0), 0.05 - 0.012, 0.05 + 0.012);
        // Glued: the registered name with exactly one space fewer and the same letters.
        var named = spells.Where(s => s.RecordedName.Length > 0).ToList();
        var glued = named.Count(s => s.RecordedName.Length == s.TrueName.Length - 1 && s.RecordedName.Replace(" ", "", StringComparison.Ordinal) == s.TrueName.Replace(" ", "", StringComparison.Ordinal));
        Assert.InRange(glued / (double)named.Count, 0.30 - 0.03, 0.30 + 0.03);
        Assert.Equal(named.Count, glued + named.Count(s => s.RecordedName == s.TrueName));
    }

    [Fact]
    public void Typos_split_words_and_son_for_sons_change_a_name_the_way_a_clerk_does()
    {
        var dir = Generate(Small with
        {
            Noise = NoiseOptions.None,
            HandKeyed = new HandKeyedNoiseOptions
            {
                PayeMissingRate = 0, PayeOfficeDigitDroppedRate = 0, PayeOfficeMissingRate = 0, EmployerNameTypoRate = 0.20,
                EmployerNameGluedRate = 0, EmployerNameSplitRate = 0.20, EmployerNameAbbreviationRate = 0, EmployerNameSonsRate = 1,
                EmployerNameLegalFormChangedRate = 0, EmployerNameMissingRate = 0, EmployerPostcodeOldSiteRate = 0, EmployerPostcodeMissingRate = 0,
                CohortEmployerTypoRate = 0.5, CohortEmployerGluedRate = 0,
            },
        });
        var spells = NoiseModelTests.NoisyPopulation.Open(dir).Spells();
        // Split words: one space more, same letters. Every firm with "Sons" in its name is keyed "Son".
        var split = spells.Count(s => s.RecordedName.Length == s.TrueName.Length + 1 && s.RecordedName.Replace(" ", "", StringComparison.Ordinal) == s.TrueName.Replace(" ", "", StringComparison.Ordinal));
        var eligible = spells.Count(s => s.TrueName.Split(' ').Any(w => w.Length >= 7 && w.All(char.IsLetter)));
        Assert.InRange(split / (double)eligible, 0.20 * 0.8 - 0.03, 0.20 + 0.03);
        var sons = spells.Where(s => s.TrueName.Contains(" Sons ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sons);
        Assert.All(sons, s => Assert.DoesNotContain(" Sons ", s.RecordedName, StringComparison.Ordinal));
        Assert.True(sons.Count(s => s.RecordedName.Contains(" Son ", StringComparison.Ordinal)) > 0.6 * sons.Count);
        // Typos change a name without changing its words' count much: the edit is one or two characters.
        var changed = spells.Where(s => s.RecordedName != s.TrueName && !s.TrueName.Contains(" Sons ", StringComparison.Ordinal)).ToList();
        Assert.InRange(changed.Count / (double)spells.Count, 0.25, 0.45);

        // Cohort: half of the self-reported employer names (the registered name, default noise off) carry one typing error.
        var employees = CsvTable.Read(Path.Combine(dir, "employees.csv"));
        var employeeTruth = CsvTable.Read(Path.Combine(dir, "truth/employee_employer.csv"));
        var registered = CsvTable.Read(Path.Combine(dir, "employers.csv"));
        var nameOf = registered.Rows.ToDictionary(r => registered.Get(r, "employer_id"), r => registered.Get(r, "registered_name"));
        var lastEmployer = new Dictionary<string, string>();
        for (var i = 0; i < employees.Count; i++) lastEmployer[employees.Get(employees.Rows[i], "person_id")] = employeeTruth.Rows[i][1];
        var cohort = CsvTable.Read(Path.Combine(dir, "cohort.csv"));
        var cohortTruth = CsvTable.Read(Path.Combine(dir, "truth/cohort_employee.csv")).Rows.ToDictionary(r => r[0], r => r[1]);
        var members = cohort.Rows.Where(r => cohortTruth.ContainsKey(cohort.Get(r, "cohort_id"))).ToList();
        var mistyped = members.Count(r => cohort.Get(r, "employer_name") != nameOf[lastEmployer[cohortTruth[cohort.Get(r, "cohort_id")]]]);
        Assert.InRange(mistyped / (double)members.Count, 0.5 - 0.05, 0.5 + 0.05);
    }

    [Fact]
    public void The_hand_keyed_profile_raises_person_field_noise_and_its_rates_are_validated()
    {
        var options = NoiseProfiles.Apply(Small, "hand-keyed");
        Assert.NotNull(options.HandKeyed);
        Assert.True(options.Noise.CohortNicknameRate > new NoiseOptions().CohortNicknameRate);
        Assert.True(options.Noise.CohortDobSwapRate > new NoiseOptions().CohortDobSwapRate);
        Assert.True(options.Noise.CohortSurnameChangeRate > new NoiseOptions().CohortSurnameChangeRate);
        Assert.True(options.Noise.CohortPreviousPostcodeRate > new NoiseOptions().CohortPreviousPostcodeRate);
        Assert.Same(Small, NoiseProfiles.Apply(Small, "default"));
        Assert.Throws<ArgumentException>(() => NoiseProfiles.Apply(Small, "sloppy"));

        var problems = (Small with { HandKeyed = new HandKeyedNoiseOptions { PayeOfficeMissingRate = 1.5, EmployerNameGluedRate = -0.1 } }).Validate();
        Assert.Contains(problems, p => p.Contains("PayeOfficeMissingRate", StringComparison.Ordinal) && p.Contains("1.5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("EmployerNameGluedRate", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var d in _dirs) TempDirectory.Delete(d);
    }
}
