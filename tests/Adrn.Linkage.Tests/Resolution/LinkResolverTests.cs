using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Resolution;
using Adrn.Linkage.Scoring;

namespace Adrn.Linkage.Tests.Resolution;

public sealed class LinkResolverTests
{
    private static RecordTable Records(bool link)
    {
        var t = new TestJob();
        string json;
        if (link)
        {
            t.File("l.csv", "id,x\nL1,a\nL2,a\nL3,a\n");
            t.File("r.csv", "id,x\nR1,a\nR2,a\n");
            json = """{ "link_type": "link_only", "sources": [ { "path": "l.csv", "id_column": "id" }, { "path": "r.csv", "id_column": "id" } ], "columns": ["x"], "blocking_rules": [ { "parts": ["x"] } ], "comparisons": [ { "column": "x", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ], "training": { "probability_two_random_records_match": 0.1 } }""";
        }
        else
        {
            t.File("p.csv", "id,x\nd,a\nb,a\nc,a\na,a\ne,a\n");
            json = """{ "link_type": "dedupe_only", "sources": [ { "path": "p.csv", "id_column": "id" } ], "columns": ["x"], "blocking_rules": [ { "parts": ["x"] } ], "comparisons": [ { "column": "x", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ], "training": { "probability_two_random_records_match": 0.1 } }""";
        }

        return LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory)).Records;
    }

    private static ScoredPairBatch Batch(params (int L, int R, double W)[] pairs) =>
        new(0, pairs.Select(p => p.L).ToArray(), pairs.Select(p => p.R).ToArray(), pairs.Select(p => p.W).ToArray(),
            pairs.Select(p => ScoringModel.Probability(p.W)).ToArray(), [], new sbyte[pairs.Length], pairs.Length);

    [Fact]
    public void One_to_one_is_greedy_by_descending_weight()
    {
        var records = Records(link: true); // L1=0, L2=1, L3=2, R1=3, R2=4
        // L1-R1 10, L1-R2 9, L2-R1 8, L3-R2 1 (below threshold 0.9 => weight 3.17)
        var pairs = Batch((0, 3, 10), (0, 4, 9), (1, 3, 8), (2, 4, 1));
        var rows = LinkResolver.Resolve(pairs, records, ResolutionMethod.OneToOne, 0.9);
        // Greedy: L1-R1 (10) first; L1-R2 and L2-R1 then conflict; L3-R2 is below the threshold.
        Assert.Equal([0], rows);
    }

    [Fact]
    public void Many_to_one_keeps_each_left_records_best_right_record_and_breaks_ties_by_smaller_id()
    {
        var records = Records(link: true);
        var pairs = Batch((0, 3, 5), (0, 4, 7), (1, 3, 6), (1, 4, 6), (2, 3, -5));
        var rows = LinkResolver.Resolve(pairs, records, ResolutionMethod.ManyToOne, 0.5);
        Assert.Equal([1, 2], rows);
    }

    [Fact]
    public void Clusters_are_connected_components_named_by_their_smallest_id()
    {
        var records = Records(link: false); // d=0, b=1, c=2, a=3, e=4
        var pairs = Batch((0, 1, 5), (1, 2, 5), (3, 4, -10));
        var rows = LinkResolver.Resolve(pairs, records, ResolutionMethod.Clusters, 0.5);
        var clusters = LinkResolver.Cluster(pairs, rows, records);
        Assert.Equal(["b", "b", "b", "a", "e"], clusters);
    }
}
