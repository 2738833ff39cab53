using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Tests.Configuration;

public sealed class ColumnClassificationTests
{
    private const string Tail = """
      "blocking_rules": [ { "parts": ["surname"] } ],
      "comparisons": [ { "column": "surname", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
      "training": { "probability_two_random_records_match": 0.001 }
    """;

    private static LinkageJobConfig Parse(string columnsAndSources)
    {
        var t = new TestJob();
        t.File("a.csv", "id,surname\n1,x\n");
        return LinkageJobConfig.Parse("{ \"link_type\": \"dedupe_only\", " + columnsAndSources + "," + Tail + "}", t.Directory);
    }

    [Fact]
    public void Columns_default_to_the_class_of_their_type_as_documented_in_privacy_md()
    {
        // Expected classes are the table of docs/privacy.md: name, nino -> direct; date, postcode -> quasi; else attribute.
        var config = Parse("""
          "sources": [ { "path": "a.csv", "id_column": "id" } ],
          "columns": [ { "name": "surname", "type": "name" }, { "name": "ni", "type": "nino" }, { "name": "born", "type": "date" },
                       { "name": "pc", "type": "postcode" }, { "name": "pay", "type": "number" }, "sector", "paye_ref" ]
        """);
        Assert.Equal(DataClassification.DirectIdentifier, config.FindColumn("surname")!.Classification);
        Assert.Equal(DataClassification.DirectIdentifier, config.FindColumn("ni")!.Classification);
        Assert.Equal(DataClassification.QuasiIdentifier, config.FindColumn("born")!.Classification);
        Assert.Equal(DataClassification.QuasiIdentifier, config.FindColumn("pc")!.Classification);
        Assert.Equal(DataClassification.Attribute, config.FindColumn("pay")!.Classification);
        Assert.Equal(DataClassification.Attribute, config.FindColumn("sector")!.Classification);
        // A text column with a well-known identifier name takes the safer class of its name.
        Assert.Equal(DataClassification.DirectIdentifier, config.FindColumn("paye_ref")!.Classification);
    }

    [Fact]
    public void Explicit_classifications_on_columns_and_source_files_are_kept_and_reported()
    {
        var config = Parse("""
          "sources": [ { "name": "payroll", "path": "a.csv", "id_column": "id", "classifications": { "annual_pay": "attribute", "home_postcode": "quasi_identifier" } } ],
          "columns": [ { "name": "surname", "type": "name" }, { "name": "region", "type": "postcode", "classification": "attribute" } ]
        """);
        Assert.Equal(DataClassification.Attribute, config.FindColumn("region")!.Classification);
        Assert.Equal(DataClassification.Attribute, config.Sources[0].Classifications["annual_pay"]);
        var report = config.ClassificationReport();
        Assert.Equal("direct_identifier", report["surname"]);
        Assert.Equal("attribute", report["region"]);
        Assert.Equal("quasi_identifier", report["payroll.home_postcode"]);
        Assert.Equal("attribute", report["payroll.annual_pay"]);
    }

    [Fact]
    public void Unknown_classification_names_are_reported_with_their_path_alongside_other_problems()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Parse("""
          "sources": [ { "path": "a.csv", "id_column": "id", "classifications": { "pay": "secret" } } ],
          "columns": [ { "name": "surname", "type": "name", "classification": "public" } ]
        """));
        Assert.Contains(ex.Problems, p => p.StartsWith("columns[0].classification:", StringComparison.Ordinal) && p.Contains("'public'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("sources[0].classifications.pay:", StringComparison.Ordinal) && p.Contains("'secret'", StringComparison.Ordinal));
        Assert.Equal(2, ex.Problems.Count);
    }

    [Fact]
    public void Source_columns_take_the_class_of_the_job_column_they_feed()
    {
        var config = Parse("""
          "sources": [ { "path": "a.csv", "id_column": "id", "columns": { "surname": "family_name" } } ],
          "columns": [ { "name": "surname", "type": "name" } ]
        """);
        var source = config.Sources[0];
        Assert.Equal(DataClassification.DirectIdentifier, source.ClassificationOf("family_name", config.Columns));
        Assert.Equal(DataClassification.QuasiIdentifier, source.ClassificationOf("date_of_birth", config.Columns));
        Assert.Null(source.ClassificationOf("shoe_size", config.Columns));
    }
}
