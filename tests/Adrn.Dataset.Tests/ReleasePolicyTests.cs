using Adrn.Dataset.Release;
using Adrn.Dataset.Spec;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Privacy;

namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class ReleasePolicyTests(StoreFixture store)
{
    [Theory]
    [InlineData("""{ "name": "nino_copy", "label": "x", "type": "text", "source": "payroll", "column": "nino" }""", "'nino' is a direct_identifier")]
    [InlineData("""{ "name": "dob", "label": "x", "type": "text", "source": "payroll", "column": "date_of_birth" }""", "'date_of_birth' is a quasi_identifier")]
    [InlineData("""{ "name": "name_year", "label": "x", "type": "int32", "source": "payroll", "column": "first_name", "derive": "year_of" }""", "'first_name' is a direct_identifier")]
    [InlineData("""{ "name": "paye", "label": "x", "type": "text", "source": "register", "column": "paye_ref" }""", "'paye_ref' is a direct_identifier")]
    [InlineData("""{ "name": "contract", "label": "x", "type": "text", "source": "payroll", "column": "contract_type" }""", "'contract_type' is unclassified")]
    public void A_spec_whose_release_would_carry_an_identifier_is_refused(string variable, string problem)
    {
        var path = SpecVariants.Write(store.NewDirectory("spec"), spec => SpecVariants.AddVariable(spec, variable));

        var error = Assert.Throws<DatasetSpecException>(() => DatasetSpec.Load(path));

        Assert.Contains(error.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_spec_cannot_declare_a_well_known_identifier_an_attribute()
    {
        var path = SpecVariants.Write(store.NewDirectory("spec"), spec =>
        {
            SpecVariants.Source(spec, "payroll")["classifications"]!["nino"] = "attribute";
            SpecVariants.AddVariable(spec, """{ "name": "nino_copy", "label": "x", "type": "text", "source": "payroll", "column": "nino" }""");
        });

        var error = Assert.Throws<DatasetSpecException>(() => DatasetSpec.Load(path));

        Assert.Contains(error.Problems, p => p.Contains("'nino' is a direct_identifier", StringComparison.Ordinal));
    }

    [Fact]
    public void A_release_whose_files_would_hold_identifiers_is_not_written()
    {
        // A column the spec calls an attribute but which holds NINOs: the policy cannot know, the scan of the files must.
        var dir = store.NewDirectory("leak");
        var payroll = Path.Combine(dir, "employees.csv");
        var lines = File.ReadAllLines(store.Waves.Payroll("2019"));
        var nino = Array.IndexOf(lines[0].Split(','), "nino");
        File.WriteAllLines(payroll, lines.Select((l, i) => l + "," + (i == 0 ? "staff_code" : l.Split(',')[nino])));
        var spec = SpecVariants.Write(dir, s =>
        {
            SpecVariants.Source(s, "payroll")["classifications"]!["staff_code"] = "attribute";
            SpecVariants.AddVariable(s, """{ "name": "staff_code", "label": "Staff code", "type": "text", "source": "payroll", "column": "staff_code" }""");
        });
        using var opened = DatasetStore.Init(spec, Path.Combine(dir, "store"));
        opened.AddWave(new AddWaveRequest("register", "2019", store.Waves.Register("2019")));
        opened.AddWave(new AddWaveRequest("payroll", "2019", payroll));
        var output = Path.Combine(dir, "release");

        var error = Assert.Throws<DisclosureRiskException>(() => opened.Release(new ReleaseRequest(output, PseudonymKey.CreateEphemeral(), [SourceFormat.Csv])));

        Assert.Contains(error.Problems, p => p.Contains("panel.csv: column staff_code holds a value of payroll.nino", StringComparison.Ordinal));
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.EnumerateDirectories(dir, ".release.partial-*"));
    }

    [Theory]
    [InlineData("Employers in B1 1AA and beyond", "register.postcode")]
    [InlineData("employer 123/AB56789", "register.paye_ref")]
    [InlineData("born 1985-03-02", "payroll.date_of_birth")]
    [InlineData("QA123456B", "payroll.nino")]
    [InlineData("Smith", "payroll.surname")]
    [InlineData("  Smith ", "payroll.surname")]
    public void The_scanner_finds_identifiers_in_cells_and_inside_text(string text, string origin)
    {
        var forbidden = ForbiddenValues.FromValues(new Dictionary<string, string>
        {
            ["B1 1AA"] = "register.postcode", ["123/AB56789"] = "register.paye_ref", ["1985-03-02"] = "payroll.date_of_birth",
            ["QA123456B"] = "payroll.nino", ["Smith"] = "payroll.surname",
        });

        Assert.Equal(origin, ReleaseScanner.Check(text, forbidden));
    }

    [Theory]
    [InlineData("Mean pay of Smith & Sons' workers")]
    [InlineData("B1 1AB")]
    [InlineData("1985-03-03")]
    public void The_scanner_does_not_flag_a_name_inside_a_sentence_or_a_different_value(string text)
    {
        var forbidden = ForbiddenValues.FromValues(new Dictionary<string, string>
        {
            ["B1 1AA"] = "register.postcode", ["1985-03-02"] = "payroll.date_of_birth", ["Smith"] = "payroll.surname",
        });

        Assert.Null(ReleaseScanner.Check(text, forbidden));
    }
}
