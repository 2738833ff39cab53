using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Tests.Configuration;

public sealed class ScorerConfigTests
{
    private static LinkageJobConfig Parse(string extra)
    {
        var t = new TestJob();
        t.File("a.csv", "id,surname\n1,x\n");
        return LinkageJobConfig.Parse("""
        { "link_type": "dedupe_only", "sources": [ { "path": "a.csv", "id_column": "id" } ], "columns": [ "surname" ],
          "blocking_rules": [ { "parts": ["surname"] } ],
          "comparisons": [ { "column": "surname", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
          "training": { "probability_two_random_records_match": 0.001 }
        """ + extra + "}", t.Directory);
    }

    [Fact]
    public void Scorer_defaults_to_fellegi_sunter_and_learned_keeps_the_raw_learning_object()
    {
        Assert.Equal(PairScorerKind.FellegiSunter, Parse("").Scorer);
        Assert.Null(Parse("").LearningJson);
        var learned = Parse(""", "scorer": "learned", "learning": { "identifier_rule": ["surname"], "trees": 20 }""");
        Assert.Equal(PairScorerKind.Learned, learned.Scorer);
        Assert.Contains("\"trees\": 20", learned.LearningJson, StringComparison.Ordinal);
        Assert.Equal(PairScorerKind.FellegiSunter, Parse(""", "scorer": "fellegi-sunter" """).Scorer);
    }

    [Fact]
    public void Learned_scorer_without_learning_object_and_unknown_scorers_are_refused()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Parse(""", "scorer": "learned" """));
        Assert.Contains(ex.Problems, p => p.StartsWith("learning:", StringComparison.Ordinal));
        ex = Assert.Throws<ConfigValidationException>(() => Parse(""", "scorer": "neural", "learning": [1] """));
        Assert.Contains(ex.Problems, p => p.StartsWith("scorer:", StringComparison.Ordinal) && p.Contains("'neural'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("learning: must be an object", StringComparison.Ordinal));
    }

    [Fact]
    public void Fellegi_sunter_run_refuses_a_learned_job_before_any_work_when_no_pair_scorer_is_supplied()
    {
        var config = Parse(""", "scorer": "learned", "learning": { "identifier_rule": ["surname"] }""");
        var outDir = Path.Combine(SharedData.TempDir(), "out");
        var ex = Assert.Throws<ConfigValidationException>(() => LinkageJob.Run(config, outDir));
        Assert.Contains("LearnedLinkageJob", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
