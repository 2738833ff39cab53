using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Tests.Standardisation;

/// <summary>The shipped UK synonym table, job tables that extend or replace it, and PAYE reference parts.</summary>
public sealed class CompanySynonymTableTests
{
    [Theory]
    // Every abbreviation the hand-keyed noise profile types (data-synthetic HandKeyedNoise) maps back.
    [InlineData("Harrow Mgmt Ptnrs", "Harrow Management Partners")]
    [InlineData("Woolstone Solrs", "Woolstone Solicitors")]
    [InlineData("Ironbridge Survs Intl", "Ironbridge Surveyors International")]
    [InlineData("Guildford Comps", "Guildford Components")]
    [InlineData("Smith & Son (Plumbing)", "Smith and Sons (Plumbing)")]
    [InlineData("Apex Health Care", "Apex Healthcare")]
    public void The_uk_table_maps_clerks_abbreviations_to_the_registered_words(string keyed, string registered)
    {
        Assert.Equal(CompanyNameStandardiser.Standardise(registered), CompanyNameStandardiser.Standardise(keyed));
    }

    [Fact]
    public void A_job_table_extends_the_uk_table_and_wins_on_the_same_word()
    {
        var t = new TestJob();
        t.File("extra.csv", "# our payroll provider's spellings\nfrom,to\nhldgs,group\nmaint,maintenance\nb & q,bandq\n");
        t.File("p.csv", "id,name\n1,Acme Maint Hldgs Ltd\n2,B & Q Stores\n3,Acme Svcs\n");
        var json = """
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "p.csv", "id_column": "id" } ],
          "columns": [ { "name": "name", "type": "company_name", "synonyms": ["uk", "extra.csv"] } ],
          "blocking_rules": [ { "parts": ["name"] } ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
          "training": { "probability_two_random_records_match": 0.01 }
        }
        """;
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
        var column = prepared.Records.Column("name");
        Assert.Equal("acme maintenance group", column.ValueOf(prepared.Records.Find(0, "1")));
        Assert.Equal("bandq stores", column.ValueOf(prepared.Records.Find(0, "2")));
        Assert.Equal("acme services", column.ValueOf(prepared.Records.Find(0, "3")));   // from the uk table

        // Without "uk" only the job's table applies.
        var only = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json.Replace("\"uk\", ", "", StringComparison.Ordinal), t.Directory));
        Assert.Equal("acme svcs", only.Records.Column("name").ValueOf(only.Records.Find(0, "3")));
    }

    [Fact]
    public void A_malformed_table_or_a_table_on_the_wrong_column_is_a_validation_problem_naming_file_line_and_value()
    {
        var t = new TestJob();
        t.File("bad.csv", "from,to\nok,fine\nno comma here\n");
        t.File("p.csv", "id,name,city\n1,a,b\n");
        var json = """
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "p.csv", "id_column": "id" } ],
          "columns": [ { "name": "name", "type": "company_name", "synonyms": ["bad.csv", "missing.csv"] }, { "name": "city", "synonyms": ["uk"] } ],
          "blocking_rules": [ { "parts": ["name"] } ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
          "training": { "probability_two_random_records_match": 0.01 }
        }
        """;
        var ex = Assert.Throws<ConfigValidationException>(() => LinkageJobConfig.Parse(json, t.Directory));
        Assert.Contains(ex.Problems, p => p.Contains("bad.csv", StringComparison.Ordinal) && p.Contains("line 3", StringComparison.Ordinal) && p.Contains("no comma here", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("missing.csv", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("columns[1].synonyms", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("123/AB56789", "123", "AB56789")]
    [InlineData("12/AB56789", "12", "AB56789")]
    [InlineData("/AB56789", null, "AB56789")]
    [InlineData("AB56789", null, "AB56789")]
    [InlineData("123AB56789", "123", "AB56789")]
    [InlineData(" 123 / ab56789 ", "123", "AB56789")]
    [InlineData("123", "123", null)]
    [InlineData("123/", "123", null)]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void Paye_reference_splits_into_office_and_reference(string? value, string? office, string? reference)
    {
        Assert.Equal((office, reference), PayeReference.Split(value));
    }

    [Fact]
    public void Phrases_of_several_words_map_however_long_and_only_whole_phrases_do()
    {
        var t = new TestJob();
        var longWord = new string('q', 300);
        var path = t.File("phrases.csv", $"from,to\nnorth west,northwest\nalpha {longWord},alpha long\nbeta gamma delta,bgd\n");
        var table = CompanySynonymTable.Load(path);
        List<string> Apply(string text)
        {
            var words = text.Split(' ').ToList();
            table.Apply(words);
            return words;
        }

        Assert.Equal(["northwest", "water"], Apply("north west water"));
        Assert.Equal(["alpha", "long", "ltd"], Apply($"alpha {longWord} ltd"));
        Assert.Equal(["bgd"], Apply("beta gamma delta"));
        // A partial phrase, or the words in another order, is not a key.
        Assert.Equal(["beta", "gamma"], Apply("beta gamma"));
        Assert.Equal(["west", "north"], Apply("west north"));
        Assert.Equal(["alpha", longWord + "q"], Apply($"alpha {longWord}q"));
    }
}
