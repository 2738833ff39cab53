using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Linkage.Tests.Scoring;

public sealed class ScoringTests
{
    private static (PreparedLinkage, ScoringModel) Build(double tfMinimumU = 0)
    {
        var t = new TestJob();
        t.File("p.csv", "id,id2,city,sex\n0,x,leeds,F\n1,x,leeds,F\n2,x,leeds,M\n3,x,york,F\n4,x,york,F\n5,x,hull,M\n6,x,leeds,\n7,x,,F\n");
        var json = $$"""
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "p.csv", "id_column": "id" } ],
          "columns": [ "id2", "city", "sex" ],
          "blocking_rules": [ { "parts": ["id2"] } ],
          "comparisons": [
            { "column": "city", "levels": [ { "type": "exact", "term_frequency": true } ], "m_probabilities": [0.2, 0.8], "u_probabilities": [0.75, 0.25] },
            { "column": "sex", "levels": [ { "type": "exact" } ], "m_probabilities": [0.05, 0.95], "u_probabilities": [0.5, 0.5] }
          ],
          "term_frequency": { "minimum_u": {{tfMinimumU}} },
          "training": { "probability_two_random_records_match": 0.2 }
        }
        """;
        var config = LinkageJobConfig.Parse(json, t.Directory);
        var prepared = LinkagePreparation.Prepare(config);
        var plan = LinkagePlan.Create(prepared);
        var model = LinkageJob.Train(plan);
        return (prepared, ScoringModel.Create(model, plan.Comparisons, prepared));
    }

    [Fact]
    public void Match_weight_is_prior_plus_level_weights_plus_splinks_term_frequency_adjustment()
    {
        var (_, scoring) = Build();
        // Records 3 and 4: city york (2 of 7 non-null cities), sex F.
        var e = scoring.Explain(3, 4);
        var prior = Math.Log2(0.2 / 0.8);
        var cityExact = Math.Log2(0.8 / 0.25);
        var tfAdjust = Math.Log2(0.25 / (2.0 / 7)); // Splink: log2(u_exact / tf(value))
        var sexExact = Math.Log2(0.95 / 0.5);
        Assert.Equal(prior, e.PriorMatchWeight, 12);
        Assert.Equal(cityExact, e.Comparisons[0].Weight, 12);
        Assert.Equal(tfAdjust, e.Comparisons[0].TermFrequencyAdjustment, 12);
        Assert.Equal(sexExact, e.Comparisons[1].Weight, 12);
        Assert.Equal(prior + cityExact + tfAdjust + sexExact, e.MatchWeight, 12);
        Assert.Equal(Math.Pow(2, e.MatchWeight) / (1 + Math.Pow(2, e.MatchWeight)), e.MatchProbability, 12);
        Assert.Equal("york", e.Comparisons[0].LeftValue);
    }

    [Fact]
    public void A_common_value_earns_less_than_a_rare_one_and_null_is_neutral()
    {
        var (_, scoring) = Build();
        var leeds = scoring.Explain(0, 1); // leeds: 4 of 7
        var york = scoring.Explain(3, 4);  // york: 2 of 7
        Assert.True(leeds.Comparisons[0].TermFrequencyAdjustment < york.Comparisons[0].TermFrequencyAdjustment);
        var withNull = scoring.Explain(0, 7); // city missing on record 7
        Assert.Equal(-1, withNull.Comparisons[0].Gamma);
        Assert.Equal(0, withNull.Comparisons[0].Weight + withNull.Comparisons[0].TermFrequencyAdjustment);
    }

    [Fact]
    public void Term_frequency_is_bounded_below_by_the_minimum_u()
    {
        var (_, scoring) = Build(tfMinimumU: 0.5);
        var york = scoring.Explain(3, 4); // tf 2/7 < 0.5, so tf = 0.5
        Assert.Equal(Math.Log2(0.25 / 0.5), york.Comparisons[0].TermFrequencyAdjustment, 12);
    }

    [Fact]
    public void A_model_survives_a_json_round_trip()
    {
        var (_, scoring) = Build();
        var json = scoring.Model.ToJson();
        var back = MatchModel.FromJson(json);
        Assert.Equal(scoring.Model.ProbabilityTwoRandomRecordsMatch, back.ProbabilityTwoRandomRecordsMatch);
        Assert.Equal(scoring.Model.Comparisons[0].Level(1).M, back.Comparisons[0].Level(1).M);
        Assert.Equal(json, back.ToJson());
        Assert.Contains("\"probability_two_random_records_match\": 0.2", json, StringComparison.Ordinal);
    }
}
