using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Tests.Blocking;

public sealed class BlockingTests
{
    private const string People = """
        id,first,last,city
        1,anna,smith,leeds
        2,anna,smith,york
        3,anna,jones,leeds
        4,bob,smith,leeds
        5,bob,smith,leeds
        6,carl,brown,hull
        7,anna,smith,leeds
        8,,smith,leeds
        """;

    private static PreparedLinkage Prepare(TestJob t, string linkType, string sources, string rules, int maxComparisons = 1000)
    {
        var json = $$"""
        {
          "link_type": "{{linkType}}",
          "sources": [ {{sources}} ],
          "columns": [ "first", "last", "city" ],
          "blocking_rules": [ {{rules}} ],
          "comparisons": [ { "column": "first", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9], "u_probabilities": [0.9, 0.1] } ],
          "training": { "probability_two_random_records_match": 0.01 },
          "max_comparisons": {{maxComparisons}}
        }
        """;
        return LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
    }

    private static List<(int L, int R, int Rule)> AllPairs(BlockingPlan plan) => PairCollector.All(plan);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void Each_pair_is_produced_once_by_the_first_rule_that_matches_it_whatever_the_partition_count(int partitions)
    {
        var t = new TestJob();
        t.File("p.csv", People);
        var prepared = Prepare(t, "dedupe_only", """{ "path": "p.csv", "id_column": "id" }""",
            """{ "parts": ["first", "last"] }, { "parts": ["city"] }, { "parts": ["last"] }""");
        var plan = BlockingPlan.Build(prepared, prepared.Config.BlockingRules, partitions);
        var pairs = AllPairs(plan);

        // Expected by brute force over the raw rows above: the first rule (in order) whose fields are all
        // present and equal produces the pair.
        var rows = People.Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        var expected = new List<(int, int, int)>();
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = i + 1; j < rows.Length; j++)
            {
                bool Eq(int col) => rows[i][col].Length > 0 && rows[i][col] == rows[j][col];
                var rule = Eq(1) && Eq(2) ? 0 : Eq(3) ? 1 : Eq(2) ? 2 : -1;
                if (rule >= 0) expected.Add((i, j, rule));
            }
        }

        Assert.Equal(expected.OrderBy(x => x), pairs.OrderBy(x => x));
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }

    [Fact]
    public void Blocking_report_counts_from_group_sizes_and_cumulates_distinct_pairs()
    {
        var t = new TestJob();
        t.File("p.csv", People);
        var prepared = Prepare(t, "dedupe_only", """{ "path": "p.csv", "id_column": "id" }""",
            """{ "parts": ["first", "last"] }, { "parts": ["city"] }""");
        var report = BlockingAnalysis.Analyse(prepared);
        // first+last groups: {1,2,7} anna smith -> 3 pairs, {4,5} bob smith -> 1 pair.
        Assert.Equal(4, report.Rules[0].ComparisonsAlone);
        // city groups: leeds {1,3,4,5,7,8} -> 15 pairs; of these (1,7) and (4,5) are already produced by rule 1.
        Assert.Equal(15, report.Rules[1].ComparisonsAlone);
        Assert.Equal(13, report.Rules[1].ComparisonsAdded);
        Assert.Equal(17, report.Rules[1].Cumulative);
        Assert.Equal(17, report.TotalComparisons);
        Assert.Equal(28, report.PossiblePairs);
        Assert.Null(report.CapExceeded);
        Assert.Equal(15, report.Rules[1].LargestBlocks[0].Comparisons);
        Assert.Contains("city=leeds", report.Rules[1].LargestBlocks[0].Key, StringComparison.Ordinal);
        Assert.Contains("largest blocks of city", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_refuses_to_run_past_the_comparison_cap_naming_the_rule_and_the_count()
    {
        var t = new TestJob();
        t.File("p.csv", People);
        var prepared = Prepare(t, "dedupe_only", """{ "path": "p.csv", "id_column": "id" }""",
            """{ "parts": ["first", "last"] }, { "parts": ["city"] }""", maxComparisons: 10);
        var ex = Assert.Throws<ComparisonCapExceededException>(() =>
            LinkageJob.Run(prepared.Config, Path.Combine(t.Directory, "out")));
        Assert.Contains("'city'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("15", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(t.Directory, "out")));
    }

    [Fact]
    public void Link_only_pairs_join_left_records_to_right_records_only()
    {
        var t = new TestJob();
        t.File("l.csv", "id,first,last,city\na1,anna,smith,leeds\na2,anna,smith,york\n");
        t.File("r.csv", "id,first,last,city\nb1,anna,smith,hull\nb2,bob,smith,leeds\n");
        var prepared = Prepare(t, "link_only", """{ "path": "l.csv", "id_column": "id" }, { "path": "r.csv", "id_column": "id" }""",
            """{ "parts": ["last"] }""");
        var pairs = AllPairs(BlockingPlan.Build(prepared, prepared.Config.BlockingRules, 4));
        var ids = prepared.Records.Ids;
        var named = pairs.Select(p => (ids[p.L], ids[p.R])).OrderBy(x => x).ToList();
        Assert.Equal([("a1", "b1"), ("a1", "b2"), ("a2", "b1"), ("a2", "b2")], named);
    }

    [Fact]
    public void Link_and_dedupe_pairs_join_records_within_and_across_sources()
    {
        var t = new TestJob();
        t.File("l.csv", "id,first,last,city\na1,anna,smith,leeds\na2,anna,smith,york\n");
        t.File("r.csv", "id,first,last,city\nb1,anna,smith,hull\nb2,bob,smith,leeds\n");
        var prepared = Prepare(t, "link_and_dedupe", """{ "path": "l.csv", "id_column": "id" }, { "path": "r.csv", "id_column": "id" }""",
            """{ "parts": ["last"] }""");
        var pairs = AllPairs(BlockingPlan.Build(prepared, prepared.Config.BlockingRules, 2));
        var ids = prepared.Records.Ids;
        var named = pairs.Select(p => (ids[p.L], ids[p.R])).OrderBy(x => x).ToList();
        Assert.Equal([("a1", "a2"), ("a1", "b1"), ("a1", "b2"), ("a2", "b1"), ("a2", "b2"), ("b1", "b2")], named);
        Assert.Equal(6, prepared.TotalPossiblePairs);
    }
}
