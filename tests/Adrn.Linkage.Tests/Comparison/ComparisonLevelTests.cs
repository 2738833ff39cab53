using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Tests.Comparison;

public sealed class ComparisonLevelTests
{
    private static (PreparedLinkage Prepared, PairComparer Comparer) Build(string csv, string columns, string comparisons)
    {
        var t = new TestJob();
        t.File("p.csv", csv);
        var json = $$"""
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "p.csv", "id_column": "id", "date_formats": ["yyyy-MM-dd"] } ],
          "columns": [ {{columns}} ],
          "blocking_rules": [ { "parts": ["id2"] } ],
          "comparisons": [ {{comparisons}} ],
          "training": { "probability_two_random_records_match": 0.01 }
        }
        """;
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
        return (prepared, ComparisonSet.Create(prepared, prepared.Config.Comparisons).CreateComparer());
    }

    [Fact]
    public void Date_levels_follow_their_definitions_best_level_first()
    {
        // Gamma per the documented convention: 4 exact, 3 day/month swap, 2 one character, 1 within 30 days, 0 else, -1 null.
        var (_, cmp) = Build("""
            id,id2,dob
            0,x,1980-03-04
            1,x,1980-03-04
            2,x,1980-04-03
            3,x,1980-03-07
            4,x,1980-03-29
            5,x,1981-03-04
            6,x,
            7,x,1990-12-25
            """, "\"id2\", { \"name\": \"dob\", \"type\": \"date\" }",
            """{ "column": "dob", "levels": [ { "type": "exact" }, { "type": "date_day_month_swap" }, { "type": "date_one_character" }, { "type": "date_within_days", "threshold": 30 } ], "m_probabilities": [0.1,0.1,0.1,0.1,0.6] }""");
        Assert.Equal(4, cmp.Gamma(0, 0, 1));
        Assert.Equal(3, cmp.Gamma(0, 0, 2));
        Assert.Equal(2, cmp.Gamma(0, 0, 3)); // 19800304 vs 19800307: one digit
        Assert.Equal(1, cmp.Gamma(0, 0, 4)); // 25 days apart, two digits differ
        Assert.Equal(2, cmp.Gamma(0, 0, 5)); // 1980 vs 1981: one digit, a year apart
        Assert.Equal(-1, cmp.Gamma(0, 0, 6));
        Assert.Equal(0, cmp.Gamma(0, 0, 7));
    }

    [Fact]
    public void Postcode_levels_compare_unit_sector_district_and_area()
    {
        var (_, cmp) = Build("""
            id,id2,pc
            0,x,SW1A 1AA
            1,x,sw1a1aa
            2,x,SW1A 1BB
            3,x,SW1A 2AA
            4,x,SW2 3AA
            5,x,N1 9GU
            """, "\"id2\", { \"name\": \"pc\", \"type\": \"postcode\" }",
            """{ "column": "pc", "levels": [ { "type": "exact" }, { "type": "postcode_sector" }, { "type": "postcode_district" }, { "type": "postcode_area" } ], "m_probabilities": [0.1,0.1,0.1,0.1,0.6] }""");
        Assert.Equal(4, cmp.Gamma(0, 0, 1));
        Assert.Equal(3, cmp.Gamma(0, 0, 2));
        Assert.Equal(2, cmp.Gamma(0, 0, 3));
        Assert.Equal(1, cmp.Gamma(0, 0, 4));
        Assert.Equal(0, cmp.Gamma(0, 0, 5));
    }

    [Fact]
    public void String_numeric_and_swapped_levels_apply_their_thresholds()
    {
        // Jaro-Winkler("martha", "marhta") = 0.961 and Levenshtein("dwayne", "duane") = 2 (textbook values, Winkler 1990 / Wikipedia).
        var (_, cmp) = Build("""
            id,id2,first,last,pay
            0,x,martha,jones,100
            1,x,marhta,jones,104
            2,x,jones,martha,150
            3,x,dwayne,smith,
            4,x,duane,smith,98
            """, "\"id2\", { \"name\": \"first\" }, { \"name\": \"last\" }, { \"name\": \"pay\", \"type\": \"number\" }",
            """
            { "name": "first", "column": "first", "levels": [ { "type": "exact" }, { "type": "swapped", "other_column": "last" }, { "type": "jaro_winkler", "threshold": 0.96 }, { "type": "levenshtein", "threshold": 2 } ], "m_probabilities": [0.1,0.1,0.1,0.1,0.6] },
            { "name": "pay", "column": "pay", "levels": [ { "type": "numeric_absolute", "threshold": 2 }, { "type": "numeric_relative", "threshold": 0.05 } ], "m_probabilities": [0.2,0.2,0.6] }
            """);
        Assert.Equal(2, cmp.Gamma(0, 0, 1)); // martha/marhta: JW 0.961
        Assert.Equal(3, cmp.Gamma(0, 0, 2)); // first and last swapped
        Assert.Equal(1, cmp.Gamma(0, 3, 4)); // dwayne/duane: Levenshtein 2
        Assert.Equal(0, cmp.Gamma(0, 1, 3));
        Assert.Equal(1, cmp.Gamma(1, 0, 1)); // 100 vs 104: 4% relative, 4 absolute
        Assert.Equal(2, cmp.Gamma(1, 0, 4)); // 100 vs 98: 2 absolute
        Assert.Equal(0, cmp.Gamma(1, 0, 2));
        Assert.Equal(-1, cmp.Gamma(1, 0, 3));
    }
}
