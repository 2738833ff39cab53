using Adrn.Linkage.Comparison;
using Adrn.Linkage.Comparison.Metrics;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Tests.Comparison;

/// <summary>Soft TF-IDF, Monge–Elkan and PAYE-reference levels, and the glued/split-word re-cut of company names.</summary>
public sealed class FuzzyCompanyNameLevelTests
{
    private static readonly string[] Text = ["harrow", "harow", "precision", "engineering", "smith", "services"];

    [Fact]
    public void Soft_tfidf_follows_cohen_et_al_on_a_worked_example()
    {
        // A = harrow precision engineering, B = harow precision engineering; IDF weights 3, 4, 2, 1 (harrow, harow,
        // precision, engineering). With theta 0.9 every token of A finds its counterpart in B and vice versa, so both
        // directions give the same sum: v_A(harrow) v_B(harow) JW + v(precision)^2 + v(engineering)^2.
        double[] w = [3, 4, 2, 1, 1, 1];
        int[] a = [0, 2, 3];
        int[] b = [1, 2, 3];
        var jw = StringMetrics.JaroWinkler("harrow", "harow");
        Assert.True(jw > 0.9);
        var normA = Math.Sqrt((3 * 3) + (2 * 2) + (1 * 1));
        var normB = Math.Sqrt((4 * 4) + (2 * 2) + (1 * 1));
        var expected = (3 / normA * (4 / normB) * jw) + (2 / normA * (2 / normB)) + (1 / normA * (1 / normB));
        Assert.Equal(expected, SoftTfidf.Similarity(a, b, w, Text, 0.9), 12);
        Assert.Equal(expected, SoftTfidf.Similarity(b, a, w, Text, 0.9), 12);

        // With theta above JW(harrow, harow) the pair no longer counts: only the shared tokens do.
        var strict = (2 / normA * (2 / normB)) + (1 / normA * (1 / normB));
        Assert.Equal(strict, SoftTfidf.Similarity(a, b, w, Text, 0.99), 12);

        // Identical lists give 1, disjoint dissimilar lists 0, one empty 0, both empty 1.
        Assert.Equal(1.0, SoftTfidf.Similarity(a, a, w, Text, 0.9), 12);
        Assert.Equal(0.0, SoftTfidf.Similarity([4], [2, 3], w, Text, 0.9), 12);
        Assert.Equal(0.0, SoftTfidf.Similarity([], a, w, Text, 0.9));
        Assert.Equal(1.0, SoftTfidf.Similarity([], [], w, Text, 0.9));
    }

    [Fact]
    public void Monge_elkan_is_the_weighted_mean_of_each_tokens_best_match_in_both_directions()
    {
        double[] w = [3, 4, 2, 1, 1, 1];
        int[] a = [0, 2, 3, 5];   // harrow precision engineering services
        int[] b = [1, 2, 3];      // harow precision engineering
        double Best(int x, int[] other) => other.Max(y => x == y ? 1.0 : StringMetrics.JaroWinkler(Text[x], Text[y]));
        double Directed(int[] from, int[] to) => from.Sum(x => w[x] * Best(x, to)) / from.Sum(x => w[x]);
        var expected = 0.5 * (Directed(a, b) + Directed(b, a));
        Assert.Equal(expected, MongeElkan.Similarity(a, b, w, Text), 12);
        Assert.Equal(MongeElkan.Similarity(a, b, w, Text), MongeElkan.Similarity(b, a, w, Text), 12);
    }

    private static (PreparedLinkage Prepared, PairComparer Comparer) Build(string csv, string comparisons)
    {
        var t = new TestJob();
        t.File("p.csv", csv);
        var json = $$"""
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "p.csv", "id_column": "id" } ],
          "columns": [ "block", { "name": "name", "type": "company_name" }, { "name": "paye", "standardiser": "upper" } ],
          "blocking_rules": [ { "parts": ["block"] } ],
          "comparisons": [ {{comparisons}} ],
          "training": { "probability_two_random_records_match": 0.01 }
        }
        """;
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
        return (prepared, ComparisonSet.Create(prepared, prepared.Config.Comparisons).CreateComparer());
    }

    [Fact]
    public void Glued_and_split_words_are_re_cut_against_the_columns_vocabulary_before_token_matching()
    {
        // "price consultants" is how most records spell it; one record glues it, one splits "consultants".
        var csv = "id,block,name,paye\n" + string.Join("\n",
            "1,x,Price Consultants Ltd,", "2,x,PRICECONSULTANTS,", "3,x,Price Consul tants,", "4,x,Price Consultants,",
            "5,x,Price Consultants,", "6,x,Smith Consultants,", "7,x,Consultants Smith,", "8,x,Price Digital,");
        var (prepared, cmp) = Build(csv, """{ "column": "name", "levels": [ { "type": "exact" }, { "type": "soft_tfidf", "threshold": 0.99 }, { "type": "soft_tfidf", "threshold": 0.3 } ], "m_probabilities": [0.1, 0.1, 0.1, 0.7] }""");
        int R(string id) => prepared.Records.Find(0, id);
        Assert.Equal(3, cmp.Gamma(0, R("1"), R("4")));   // exact after standardising
        Assert.Equal(2, cmp.Gamma(0, R("1"), R("2")));   // glued: re-cut into price + consultants
        Assert.Equal(2, cmp.Gamma(0, R("1"), R("3")));   // split: consul + tants joined back
        Assert.Equal(2, cmp.Gamma(0, R("6"), R("7")));   // token order does not matter
        Assert.Equal(1, cmp.Gamma(0, R("1"), R("6")));   // shares "consultants" only
        Assert.Equal(0, cmp.Gamma(0, R("6"), R("8")));   // nothing similar
    }

    [Fact]
    public void Paye_reference_level_agrees_on_the_reference_part_whatever_the_office()
    {
        var csv = "id,block,name,paye\n" + string.Join("\n",
            "1,x,a,123/AB56789", "2,x,a,12/AB56789", "3,x,a,AB56789", "4,x,a,123/AB56780", "5,x,a,123", "6,x,a,999/ab 56789");
        var (prepared, cmp) = Build(csv, """{ "column": "paye", "levels": [ { "type": "exact" }, { "type": "paye_reference" } ], "m_probabilities": [0.1, 0.2, 0.7] }""");
        int R(string id) => prepared.Records.Find(0, id);
        Assert.Equal(1, cmp.Gamma(0, R("1"), R("2")));
        Assert.Equal(1, cmp.Gamma(0, R("1"), R("3")));
        Assert.Equal(1, cmp.Gamma(0, R("1"), R("6")));
        Assert.Equal(0, cmp.Gamma(0, R("1"), R("4")));
        Assert.Equal(0, cmp.Gamma(0, R("1"), R("5")));   // an office number alone has no reference part
    }

    [Fact]
    public void Levels_with_different_token_thresholds_do_not_share_a_memoised_similarity()
    {
        // JW(harrow, harow) is about 0.96: at token_threshold 0.99 the names share only "engineering".
        var csv = "id,block,name,paye\n1,x,Harrow Engineering,\n2,x,Harow Engineering,\n3,x,Smith Plumbing,\n4,x,Jones Roofing,\n";
        var (prepared, cmp) = Build(csv, """{ "column": "name", "levels": [ { "type": "soft_tfidf", "threshold": 0.95, "token_threshold": 0.99 }, { "type": "soft_tfidf", "threshold": 0.95, "token_threshold": 0.9 } ], "m_probabilities": [0.1, 0.2, 0.7] }""");
        Assert.Equal(1, cmp.Gamma(0, prepared.Records.Find(0, "1"), prepared.Records.Find(0, "2")));
    }

    [Fact]
    public void An_exact_level_against_another_column_compares_one_records_name_with_the_others_trading_name_either_way_round()
    {
        var t = new TestJob();
        // Payroll keys one name (read into both job columns); the register has a registered and a trading name.
        t.File("l.csv", "id,keyed\nP1,The Bournemouth Retail\nP2,Stephenson Stores PLC\nP3,Other Firm\nP4,\n");
        t.File("r.csv", "id,registered,trading\nR1,Stephenson Stores PLC,The Bournemouth Retail\nR2,Apex Digital Ltd,\n");
        var json = """
        {
          "link_type": "link_only",
          "sources": [ { "path": "l.csv", "id_column": "id", "columns": { "name": "keyed", "trading": "keyed", "block": "id" } },
                       { "path": "r.csv", "id_column": "id", "columns": { "name": "registered", "trading": "trading", "block": "id" } } ],
          "columns": [ "block", { "name": "name", "type": "company_name" }, { "name": "trading", "type": "company_name" } ],
          "blocking_rules": [ { "parts": ["block"] } ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "exact" }, { "type": "exact", "other_column": "trading" }, { "type": "soft_tfidf", "threshold": 0.5 } ],
                             "m_probabilities": [0.1, 0.1, 0.1, 0.7] } ],
          "training": { "probability_two_random_records_match": 0.01 }
        }
        """;
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
        Assert.Equal("exact with trading", prepared.Config.Comparisons[0].Levels[1].Label);
        var set = ComparisonSet.Create(prepared, prepared.Config.Comparisons);
        int L(string id) => prepared.Records.Find(0, id);
        int R(string id) => prepared.Records.Find(1, id);
        // Two comparers: one fresh per check and one shared, so the value-pair cache cannot stand in for the record check.
        var shared = set.CreateComparer();
        foreach (var (l, r, expected) in new[] { ("P1", "R1", 2), ("P2", "R1", 3), ("P3", "R1", 0), ("P1", "R2", 0), ("P4", "R1", -1) })
        {
            Assert.Equal(expected, set.CreateComparer().Gamma(0, L(l), R(r)));
            Assert.Equal(expected, shared.Gamma(0, L(l), R(r)));
        }
    }
}
