using Adrn.Linkage.Configuration;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Privacy;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Linkage.Tests.Panel;

public sealed class ResearchOutputClassificationTests
{
    private static readonly PseudonymKey Key = PseudonymKey.FromSecret("a test key of enough length");

    /// <summary>The synthetic study's panel definition (examples/linked-panel.json): payroll rows linked to register employers.</summary>
    internal static LinkedPanelDefinition Definition { get; } = LinkedPanelDefinition.Load(SharedData.Example("linked-panel.json"));

    internal static LinkedPanelOptions Inputs(string dir) => new()
    {
        Definition = Definition,
        RecordsPath = Write(dir, "employees.csv",
            "record_id,person_id,year,sex,date_of_birth,soc_major,qualification_level,hours,annual_pay,first_name,contract_type\n" +
            "r1,p1,2020,F,1980-02-03,2,4,37.5,31000,Ann,permanent\n" +
            "r2,p2,2020,M,1975-11-30,5,2,40,24000,Bob,temporary\n"),
        LinkedPath = Write(dir, "employers.csv",
            "employer_id,sic_section,sic_division,itl1,birth_year,employment,turnover,gva,exporter,foreign_owned,investment,management_score,registered_name,postcode,legal_status\n" +
            "e1,C,25,TLC,1990,120,5000000,2000000,1,0,100000,0.6,Acme Ltd,AB1 2CD,company\n"),
        LinksPath = Write(dir, "links.csv", "record_id,employer_id\nr1,e1\n"),
        Key = Key,
    };

    private static string Write(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Classified_attribute_columns_are_carried_from_payroll_and_register()
    {
        var dir = SharedData.TempDir();
        var options = Inputs(dir) with
        {
            RecordAttributes = ["contract_type"],
            LinkedAttributes = ["legal_status"],
            Classifications = new Dictionary<string, DataClassification> { ["contract_type"] = DataClassification.Attribute, ["legal_status"] = DataClassification.Attribute },
        };
        var output = Path.Combine(dir, "linked_panel.arrow");
        var summary = LinkedPanelBuilder.Build(options, output);
        Assert.Equal(2, summary.Rows);
        Assert.Equal(1, summary.LinkedRows);

        using var stream = File.OpenRead(output);
        using var reader = new ArrowFileReader(stream);
        using var batch = reader.ReadNextRecordBatch();
        var names = batch.Schema.FieldsList.Select(f => f.Name).ToList();
        Assert.Equal(LinkedPanelBuilder.CheckedSchema(Inputs(dir)).FieldsList.Count + 2, names.Count);
        var contract = (StringArray)batch.Column("contract_type");
        Assert.Equal("permanent", contract.GetString(0));
        Assert.Equal("temporary", contract.GetString(1));
        var status = (StringArray)batch.Column("employer_legal_status");
        Assert.Equal("company", status.GetString(0));
        Assert.True(status.IsNull(1)); // r2 has no link, so no employer attributes.
        // Nothing identifying reaches the panel: the input names, ids and full dates appear in no column name.
        Assert.DoesNotContain("first_name", names);
        Assert.DoesNotContain("person_id", names);
        Assert.DoesNotContain("date_of_birth", names);
    }

    [Fact]
    public void A_direct_identifier_request_fails_before_any_file_is_read_naming_the_column_and_its_class()
    {
        var dir = SharedData.TempDir();
        // Inputs that do not exist: reaching them would throw FileNotFoundException, so the refusal comes first.
        var options = new LinkedPanelOptions
        {
            Definition = Definition,
            RecordsPath = Path.Combine(dir, "absent-employees.csv"),
            LinkedPath = Path.Combine(dir, "absent-employers.csv"),
            LinksPath = Path.Combine(dir, "absent-links.csv"),
            Key = Key,
            RecordAttributes = ["first_name"],
            LinkedAttributes = ["registered_name"],
        };
        var output = Path.Combine(dir, "linked_panel.arrow");
        var ex = Assert.Throws<DisclosureRiskException>(() => LinkedPanelBuilder.Build(options, output));
        Assert.Contains("'first_name' is a direct_identifier", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Problems, p => p.Contains("'registered_name'", StringComparison.Ordinal) && p.Contains("direct_identifier", StringComparison.Ordinal));
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".tmp"));
    }

    [Fact]
    public void A_quasi_identifier_request_such_as_full_date_of_birth_or_postcode_fails_before_any_work()
    {
        var dir = SharedData.TempDir();
        var options = Inputs(dir) with { RecordAttributes = ["date_of_birth"], LinkedAttributes = ["postcode"] };
        var output = Path.Combine(dir, "linked_panel.arrow");
        var ex = Assert.Throws<DisclosureRiskException>(() => LinkedPanelBuilder.Build(options, output));
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("payroll column 'date_of_birth' is a quasi_identifier", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("register column 'postcode' is a quasi_identifier", StringComparison.Ordinal));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_job_classification_marking_a_file_column_as_identifier_is_enforced_and_unclassified_columns_are_refused()
    {
        var dir = SharedData.TempDir();
        File.WriteAllText(Path.Combine(dir, "employees.csv"), "record_id,surname_at_birth\nr1,x\n");
        var config = LinkageJobConfig.Parse("""
        { "link_type": "dedupe_only",
          "sources": [ { "name": "employees", "path": "employees.csv", "id_column": "record_id", "columns": { "surname": "surname_at_birth" },
                         "classifications": { "contract_type": "quasi_identifier" } } ],
          "columns": [ { "name": "surname", "type": "name" } ],
          "blocking_rules": [ { "parts": ["surname"] } ],
          "comparisons": [ { "column": "surname", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
          "training": { "probability_two_random_records_match": 0.001 } }
        """, dir);
        var map = ResearchOutputPolicy.ClassificationsOf(config, "employees");
        Assert.Equal(DataClassification.DirectIdentifier, map["surname_at_birth"]);
        Assert.Equal(DataClassification.DirectIdentifier, map["record_id"]);

        var options = Inputs(dir) with { RecordAttributes = ["surname_at_birth", "contract_type", "shoe_size"], Classifications = map };
        var ex = Assert.Throws<DisclosureRiskException>(() => LinkedPanelBuilder.Build(options, Path.Combine(dir, "panel.arrow")));
        Assert.Contains(ex.Problems, p => p.Contains("'surname_at_birth' is a direct_identifier", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("'contract_type' is a quasi_identifier", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("'shoe_size' is unclassified", StringComparison.Ordinal));
    }
}
