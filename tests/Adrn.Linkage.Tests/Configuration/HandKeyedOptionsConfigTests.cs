using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Tests.Configuration;

/// <summary>Validation of the typo-tolerant blocking, fuzzy level, term-frequency and register-posterior options (docs/config.md).</summary>
public sealed class HandKeyedOptionsConfigTests
{
    private static LinkageJobConfig Parse(TestJob t, string rules, string levels, string resolution, string extra = "")
    {
        t.File("a.csv", "id,name,paye,dob\n1,x,1,2000-01-01\n");
        t.File("b.csv", "id,name,paye,dob\n1,x,1,2000-01-01\n");
        var json = $$"""
        {
          "link_type": "link_only",
          "sources": [ { "name": "payroll", "path": "a.csv", "id_column": "id" }, { "name": "register", "path": "b.csv", "id_column": "id" } ],
          "columns": [ { "name": "name", "type": "company_name" }, { "name": "paye", "standardiser": "upper" }, { "name": "dob", "type": "date" } ],
          "blocking_rules": [ {{rules}} ],
          "comparisons": [ { "column": "name", "levels": [ {{levels}} ], "m_probabilities": [0.1, 0.9] } ],
          "training": { "probability_two_random_records_match": 0.001 },
          "resolution": {{resolution}}
          {{extra}}
        }
        """;
        return LinkageJobConfig.Parse(json, t.Directory);
    }

    [Fact]
    public void The_new_options_parse_into_their_settings()
    {
        var t = new TestJob();
        var config = Parse(t,
            """
            { "parts": [ { "column": "name", "method": "minhash", "q": 3, "similarity": 0.8 } ] },
            { "parts": [ { "column": "name", "method": "minhash", "bands": 9, "rows": 2, "seed": 5 }, "paye" ] },
            { "parts": [ { "column": "name", "method": "token_double_metaphone", "max_share": 0.01, "max_keys": 3 } ] },
            { "type": "sorted_neighbourhood", "window": 7, "parts": [ "name", { "column": "paye", "method": "paye_reference" } ] }
            """,
            """{ "type": "soft_tfidf", "threshold": 0.8, "token_threshold": 0.85 }""",
            """{ "method": "many_to_one", "match_probability": 0.5, "register_posterior": { "prior": "estimate", "max_iterations": 50 } }""",
            """, "term_frequency": { "source": "register" }""");
        var lsh = config.BlockingRules[0].Parts[0];
        Assert.Equal(3, lsh.Q);
        Assert.Equal(Adrn.Linkage.Blocking.MinHashBanding.Choose(0.8), (lsh.Bands, lsh.Rows));
        Assert.Equal((9, 2, 5UL), (config.BlockingRules[1].Parts[0].Bands, config.BlockingRules[1].Parts[0].Rows, config.BlockingRules[1].Parts[0].Seed));
        Assert.Equal((0.01, 3), (config.BlockingRules[2].Parts[0].MaxShare, config.BlockingRules[2].Parts[0].MaxKeys));
        Assert.Equal((BlockingRuleKind.SortedNeighbourhood, 7), (config.BlockingRules[3].Kind, config.BlockingRules[3].Window));
        Assert.Equal(0.85, config.Comparisons[0].Levels[0].TokenThreshold);
        Assert.Null(config.Resolution.RegisterPosterior!.Prior);
        Assert.Equal(50, config.Resolution.RegisterPosterior.MaxIterations);
        Assert.Equal("register", config.TermFrequency.Source);
    }

    [Fact]
    public void Misused_options_are_reported_all_at_once_with_their_json_paths()
    {
        var t = new TestJob();
        var ex = Assert.Throws<ConfigValidationException>(() => Parse(t,
            """
            { "parts": [ { "column": "name", "method": "minhash", "similarity": 0.8, "bands": 4, "rows": 2 } ] },
            { "parts": [ { "column": "name", "method": "minhash", "bands": 4 } ] },
            { "parts": [ { "column": "name", "method": "token_soundex" }, { "column": "paye", "method": "one_edit" } ] },
            { "type": "sorted_neighbourhood", "parts": [ "name" ] },
            { "type": "sorted_neighbourhood", "window": 3, "parts": [ { "column": "name", "method": "minhash" } ] },
            { "parts": [ "name" ], "window": 3 },
            { "parts": [ { "column": "dob", "method": "minhash" } ] },
            { "parts": [ { "column": "name", "method": "exact", "q": 3 } ] }
            """,
            """{ "type": "soft_tfidf", "threshold": 0.8 }, { "type": "jaro_winkler", "threshold": 0.9, "token_threshold": 0.9 }""",
            """{ "method": "none", "register_posterior": { "prior": 1.5 } }""",
            """, "term_frequency": { "source": "nowhere" }, "scorer": "learned", "learning": { "identifier_rule": ["paye"] }"""));
        string[] expected =
        [
            "blocking_rules[0].parts[0]: give either similarity",
            "blocking_rules[1].parts[0]: bands and rows go together",
            "blocking_rules[2].parts: at most one part",
            "blocking_rules[3].window:",
            "blocking_rules[4].parts: a sorted_neighbourhood rule",
            "blocking_rules[5].window: only a sorted_neighbourhood rule",
            "blocking_rules[6].parts[0].method: minhash needs a text",
            "blocking_rules[7].parts[0].q: only minhash",
            "comparisons[0].levels[1].token_threshold:",
            "resolution.register_posterior: needs resolution.method many_to_one or one_to_one",
            "resolution.register_posterior.prior:",
            "term_frequency.source: 'nowhere' is not a source",
            "resolution.register_posterior: needs the fellegi-sunter scorer",
        ];
        foreach (var e in expected) Assert.Contains(ex.Problems, p => p.StartsWith(e, StringComparison.Ordinal));
    }
}
