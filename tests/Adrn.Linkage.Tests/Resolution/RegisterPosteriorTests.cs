using Adrn.Linkage.Configuration;
using Adrn.Linkage.Resolution;
using Adrn.Linkage.Scoring;

namespace Adrn.Linkage.Tests.Resolution;

/// <summary>The register-aware posterior over "which register entry, or none" (docs/methodology.md, resolution).</summary>
public sealed class RegisterPosteriorTests
{
    [Fact]
    public void The_posterior_follows_the_documented_formula()
    {
        // One left record, two candidates with Bayes factors 2^10 and 2^4, N_R = 1,000 register entries, pi = 0.9.
        // P(j) = (pi/N) BF_j / ((1 - pi) + (pi/N)(BF_1 + BF_2)).
        const double prior = -9.0; // the model's prior weight: weights are prior + log2 BF
        double[] weight = [prior + 10, prior + 4];
        var result = RegisterPosterior.Compute([0, 0], weight, 2, 1, 1000, prior, new RegisterPosteriorConfig { Prior = 0.9 }, out var resolved);
        var each = 0.9 / 1000;
        var denominator = 0.1 + (each * (1024 + 16));
        Assert.Equal(each * 1024 / denominator, resolved[0], 12);
        Assert.Equal(each * 16 / denominator, resolved[1], 12);
        Assert.False(result.Estimated);
        Assert.Equal(0.9, result.Prior);
    }

    [Fact]
    public void One_clear_candidate_is_linked_and_two_near_equal_candidates_are_not()
    {
        // Pairwise, each candidate alone has p = 1/(1 + 2^-w): with lambda of 1/N the clear one is only about 0.5.
        const double prior = -13.0;
        double[] weight = [0.2, -9, 0.1, 0.1];
        int[] left = [0, 0, 1, 1];
        RegisterPosterior.Compute(left, weight, 4, 2, 8000, prior, new RegisterPosteriorConfig { Prior = 0.98 }, out var resolved);
        Assert.True(resolved[0] > 0.95, $"clear candidate {resolved[0]}");
        Assert.True(resolved[2] < 0.5 && resolved[3] < 0.5, $"near-equal candidates {resolved[2]}, {resolved[3]}");
        Assert.Equal(0.98, resolved[2] + resolved[3], 1);
    }

    [Fact]
    public void The_estimated_prior_recovers_the_share_of_left_records_that_have_a_match()
    {
        // Simulated: N_L = 20,000 left records, 85% have their register entry among their candidates with log2 BF around
        // 20 +- 3; every record has 0-3 decoys with log2 BF around -5 +- 4. Weights are prior + log2 BF with the prior
        // of the true lambda (0.85 / N_R). The mixing-weight EM must recover 0.85.
        const int leftRecords = 20_000;
        const int registerSize = 5_000;
        var lambda = 0.85 / registerSize;
        var priorWeight = Math.Log2(lambda / (1 - lambda));
        var random = new Random(11);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var left = new List<int>();
        var weight = new List<double>();
        var hasMatch = 0;
        for (var i = 0; i < leftRecords; i++)
        {
            if (random.NextDouble() < 0.85)
            {
                hasMatch++;
                left.Add(i);
                weight.Add(priorWeight + 20 + (3 * Normal()));
            }

            var decoys = random.Next(4);
            for (var d = 0; d < decoys; d++)
            {
                left.Add(i);
                weight.Add(priorWeight - 5 + (4 * Normal()));
            }
        }

        var result = RegisterPosterior.Compute([.. left], [.. weight], left.Count, leftRecords, registerSize, priorWeight, new RegisterPosteriorConfig(), out _);
        Assert.True(result.Estimated && result.Converged);
        Assert.Equal(hasMatch / (double)leftRecords, result.Prior, 2);
    }

    [Fact]
    public void Many_to_one_with_resolved_probabilities_links_by_them_and_links_carry_them()
    {
        var t = new TestJob();
        t.File("l.csv", "id,x\nL1,a\nL2,a\n");
        t.File("r.csv", "id,x\nR1,a\nR2,a\nR3,a\n");
        var prepared = Adrn.Linkage.Preparation.LinkagePreparation.Prepare(LinkageJobConfig.Parse("""
            { "link_type": "link_only", "sources": [ { "path": "l.csv", "id_column": "id" }, { "path": "r.csv", "id_column": "id" } ],
              "columns": ["x"], "blocking_rules": [ { "parts": ["x"] } ],
              "comparisons": [ { "column": "x", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
              "training": { "probability_two_random_records_match": 0.1 },
              "resolution": { "method": "many_to_one", "match_probability": 0.5, "register_posterior": { "prior": 0.95 } } }
            """, t.Directory));
        // L1: R1 clearly best (pairwise p 0.2); L2: R2 and R3 equal (pairwise p 0.6 each).
        const double prior = -3.0;
        var pairs = new ScoredPairBatch(0, [0, 0, 1, 1], [2, 3, 3, 4], [-2, -12, 0.58, 0.58],
            [ScoringModel.Probability(-2), ScoringModel.Probability(-12), ScoringModel.Probability(0.58), ScoringModel.Probability(0.58)], [], [0, 0, 0, 0], 4);
        var (resolved, _) = RegisterPosterior.Attach(pairs, prepared, prepared.Config.Resolution.RegisterPosterior!, prior);
        var rows = LinkResolver.Resolve(resolved, prepared.Records, ResolutionMethod.ManyToOne, 0.5);
        Assert.Equal([0], rows);
        Assert.True(resolved.Resolved![0] > 0.5 && resolved.Probability[0] < 0.5);
        var links = resolved.Select(rows);
        Assert.Equal(resolved.Resolved[0], links.Resolved![0]);
        // Links go through the one links/pairs writer: resolved_probability sits after match_probability.
        var path = Path.Combine(t.Directory, "links.arrow");
        using (var writer = new Adrn.Linkage.Output.PairTableWriter(path, prepared.Records, [], ["x"], resolvedProbability: true))
        {
            for (var i = 0; i < links.Count; i++)
                writer.Append(links.Left[i], links.Right[i], links.Weight[i], links.Probability[i], 0, [], links.Resolved[i]);
            writer.Complete();
        }

        using var reader = new Apache.Arrow.Ipc.ArrowFileReader(File.OpenRead(path));
        Assert.Equal(["id_l", "id_r", "source_l", "source_r", "match_weight", "match_probability", "resolved_probability", "match_key", "match_rule"],
            reader.Schema.FieldsList.Select(f => f.Name));
        using var batch = reader.ReadNextRecordBatch();
        Assert.Equal(resolved.Resolved[0], ((Apache.Arrow.DoubleArray)batch.Column("resolved_probability")).GetValue(0));
        Assert.Equal(resolved.Probability[0], ((Apache.Arrow.DoubleArray)batch.Column("match_probability")).GetValue(0));
    }
}
