using Adrn.Linkage.Configuration;
using Adrn.Linkage.Output;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Privacy;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Linkage.Tests.Panel;

/// <summary>
/// The linked panel is generic: what it holds comes from a definition file (examples/linked-panel.json for the synthetic
/// study), and the core names no study column.
/// </summary>
public sealed class LinkedPanelDefinitionTests
{
    private static readonly PseudonymKey Key = PseudonymKey.FromSecret("a test key of enough length");

    [Fact]
    public void The_synthetic_definition_derives_each_variable_as_its_label_says()
    {
        var dir = SharedData.TempDir();
        var options = ResearchOutputClassificationTests.Inputs(dir);
        var output = Path.Combine(dir, "linked_panel.arrow");
        LinkedPanelBuilder.Build(options, output);

        using var stream = File.OpenRead(output);
        using var reader = new ArrowFileReader(stream);
        using var batch = reader.ReadNextRecordBatch();
        var names = batch.Schema.FieldsList.Select(f => f.Name).ToList();
        // Columns in the definition's order: the two keys, the variables, the probability.
        Assert.Equal(["person_key", "employer_key", "year", "sex", "birth_year", "age", "soc_major", "qualification_level", "hours", "annual_pay", "log_pay",
            "sic_section", "sic_division", "itl1", "employer_birth_year", "employment", "turnover", "gva", "log_gva_per_worker", "exporter", "foreign_owned",
            "investment", "log_investment_per_worker", "management_score", "link_probability"], names);
        // Expected values computed by hand from the two input rows (r1 linked to e1 by the truth layout, r2 unlinked).
        Assert.Equal(Key.Pseudonymise("person", "p1"), ((StringArray)batch.Column("person_key")).GetString(0));
        Assert.Equal(Key.Pseudonymise("employer", "e1"), ((StringArray)batch.Column("employer_key")).GetString(0));
        Assert.True(batch.Column("employer_key").IsNull(1));
        Assert.Equal(1980, ((Int32Array)batch.Column("birth_year")).GetValue(0));
        Assert.Equal(40, ((Int32Array)batch.Column("age")).GetValue(0));
        Assert.Equal(45, ((Int32Array)batch.Column("age")).GetValue(1));
        Assert.Equal(Math.Log(31000), ((DoubleArray)batch.Column("log_pay")).GetValue(0)!.Value, 12);
        Assert.Equal(Math.Log(2_000_000.0 / 120), ((DoubleArray)batch.Column("log_gva_per_worker")).GetValue(0)!.Value, 12);
        Assert.Equal(1990, ((Int32Array)batch.Column("employer_birth_year")).GetValue(0));
        Assert.True(batch.Column("sic_section").IsNull(1));
        Assert.Equal(1.0, ((DoubleArray)batch.Column("link_probability")).GetValue(0));
        Assert.True(batch.Column("link_probability").IsNull(1));
        // Descriptions travel in the file, from the definition's labels.
        Assert.Contains("log", batch.Schema.GetFieldByName("log_pay").Metadata[Adrn.Tables.TableSchema.DescriptionKey], StringComparison.Ordinal);
        Assert.Null(ColumnDescriptions.Of("log_pay"));
    }

    [Fact]
    public void A_definition_copying_an_identifier_is_refused_before_any_file_is_read()
    {
        var dir = SharedData.TempDir();
        var definition = ResearchOutputClassificationTests.Definition with
        {
            Variables =
            [
                new PanelVariable { Name = "ni", Type = VariableType.Text, Source = "payroll", Column = "nino" },
                new PanelVariable { Name = "dob", Type = VariableType.Text, Source = "payroll", Column = "date_of_birth" },
                new PanelVariable { Name = "born", Type = VariableType.Int32, Source = "payroll", Column = "date_of_birth", Derive = VariableDerivation.YearOf },
                new PanelVariable { Name = "name_year", Type = VariableType.Int32, Source = "register", Column = "registered_name", Derive = VariableDerivation.YearOf },
            ],
        };
        var options = new LinkedPanelOptions
        {
            Definition = definition, RecordsPath = Path.Combine(dir, "absent.csv"), LinkedPath = Path.Combine(dir, "absent.csv"),
            LinksPath = Path.Combine(dir, "absent.csv"), Key = Key,
        };
        var ex = Assert.Throws<DisclosureRiskException>(() => LinkedPanelBuilder.Build(options, Path.Combine(dir, "panel.arrow")));
        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("payroll column 'nino' is a direct_identifier", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("payroll column 'date_of_birth' is a quasi_identifier", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("register column 'registered_name' is a direct_identifier: nothing derived from it", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_definition_is_reported_at_once_with_its_path()
    {
        var ex = Assert.Throws<InvalidDataException>(() => LinkedPanelDefinition.Parse("""
            { "records": { "source": "a", "id_column": "id", "key": { "name": "k", "domain": "d" } },
              "linked": { "source": "a", "id_column": "id", "key": { "domain": "e" }, "colour": "red" },
              "probability": { "name": "p" },
              "variables": [ { "name": "x", "type": "decimal", "source": "a", "column": "c" },
                             { "name": "y", "type": "text", "source": "b", "column": "c", "derive": "log_ratio" } ] }
            """, "panel.json"));
        Assert.StartsWith("panel.json: invalid linked panel definition", ex.Message, StringComparison.Ordinal);
        foreach (var expected in new[] { "linked.colour: unknown field", "linked.key.name: required", "variables[0].type: 'decimal'", "variables[1].with:", "variables[1].type: a derived variable is a number" })
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("employer_paye_ref", DataClassification.DirectIdentifier)]
    [InlineData("registered_name", DataClassification.DirectIdentifier)]
    [InlineData("cohort_id", DataClassification.DirectIdentifier)]
    [InlineData("FirstName", DataClassification.DirectIdentifier)]
    [InlineData("home_postcode", DataClassification.QuasiIdentifier)]
    [InlineData("date_of_birth", DataClassification.QuasiIdentifier)]
    [InlineData("dob", DataClassification.QuasiIdentifier)]
    [InlineData("birth_year", null)]
    [InlineData("annual_pay", null)]
    [InlineData("identity_checked", null)]
    public void Column_names_imply_a_class_by_the_kind_of_identifier_they_name_not_by_a_study_list(string column, DataClassification? expected)
    {
        // The rule of docs/privacy.md: words of the name (split at _ - . and case changes), not a list of one study's columns.
        Assert.Equal(expected, ColumnClassifications.KnownFileColumn(column));
    }
}
