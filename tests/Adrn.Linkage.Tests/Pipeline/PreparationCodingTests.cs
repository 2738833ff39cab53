using System.Globalization;
using System.Text;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Tests.Pipeline;

/// <summary>
/// The preparation's value coding (a hash table of its own, not a dictionary) and its fast paths for sources sorted by
/// id, checked against plain reference computations: a <see cref="Dictionary{TKey, TValue}"/> numbering values in order
/// of first occurrence, and the same rows read in a shuffled order.
/// </summary>
public sealed class PreparationCodingTests
{
    private static string Job(string left, string right) => $$"""
    {
      "link_type": "link_only",
      "sources": [ { "name": "l", "path": "{{left}}", "id_column": "id" }, { "name": "r", "path": "{{right}}", "id_column": "id" } ],
      "columns": [ { "name": "code", "standardiser": "none" }, { "name": "city", "standardiser": "upper" } ],
      "blocking_rules": [ { "parts": ["code"] } ],
      "comparisons": [ { "column": "city", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
      "training": { "probability_two_random_records_match": 0.01 }
    }
    """;

    [Fact]
    public void Values_are_numbered_in_order_of_first_occurrence_as_a_dictionary_numbers_them()
    {
        // 40k rows over 15k distinct values: long and short, near-identical (one character apart), non-ASCII and empty,
        // so the table grows many times and probes past hash collisions of its slots.
        var rng = new Random(7);
        var pool = Enumerable.Range(0, 15_000).Select(i => (i % 7) switch
        {
            0 => "",
            1 => "v" + i.ToString(CultureInfo.InvariantCulture),
            2 => new string('x', 70 + (i % 13)) + i.ToString(CultureInfo.InvariantCulture),
            3 => "Zürich-" + (i % 500).ToString(CultureInfo.InvariantCulture),
            4 => "ab" + (char)('a' + (i % 26)),
            _ => "value " + (i * 7919 % 15_000).ToString(CultureInfo.InvariantCulture) + " ltd",
        }).ToArray();
        var left = new StringBuilder("id,code,city\n");
        var codes = new List<string>();
        for (var row = 0; row < 40_000; row++)
        {
            var code = pool[rng.Next(pool.Length)];
            codes.Add(code);
            left.Append(CultureInfo.InvariantCulture, $"L{row:D6},\"{code}\",c{rng.Next(50)}\n");
        }

        var t = new TestJob();
        t.File("l.csv", left.ToString());
        t.File("r.csv", "id,code,city\nR1,v1,c1\nR2,brand new,c2\n");
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(Job("l.csv", "r.csv"), t.Directory));

        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        var expectedIds = new List<int>();
        foreach (var code in codes.Concat(["v1", "brand new"]))
        {
            if (code.Length == 0) { expectedIds.Add(-1); continue; }
            if (!reference.TryGetValue(code, out var id)) reference[code] = id = reference.Count;
            expectedIds.Add(id);
        }

        var column = prepared.Records.Column("code");
        Assert.Equal(reference.OrderBy(e => e.Value).Select(e => e.Key), column.Values);
        Assert.Equal(expectedIds, column.ValueIds);
        Assert.True(column.Values.Length > 5_000, $"{column.Values.Length} distinct values");
    }

    [Fact]
    public void A_source_sorted_by_id_is_kept_ranked_and_quarantined_as_the_same_rows_shuffled()
    {
        var rows = Enumerable.Range(0, 5_000).Select(i => (Id: i % 997 == 0 ? "" : "E" + i.ToString("D5", CultureInfo.InvariantCulture), City: "c" + (i % 40).ToString(CultureInfo.InvariantCulture))).ToList();
        var shuffled = rows.ToList();
        new Random(11).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        Assert.NotEqual(rows, shuffled);
        var t = new TestJob();
        t.File("sorted.csv", "id,code,city\n" + string.Concat(rows.Select(r => $"{r.Id},k,{r.City}\n")));
        t.File("shuffled.csv", "id,code,city\n" + string.Concat(shuffled.Select(r => $"{r.Id},k,{r.City}\n")));
        t.File("r.csv", "id,code,city\nR1,k,c1\n");
        var sorted = LinkagePreparation.Prepare(LinkageJobConfig.Parse(Job("sorted.csv", "r.csv"), t.Directory));
        var mixed = LinkagePreparation.Prepare(LinkageJobConfig.Parse(Job("shuffled.csv", "r.csv"), t.Directory));

        // The same records (ids with their values), each ranked by its id, and the rows without an id quarantined.
        string[] Describe(PreparedLinkage p) => Enumerable.Range(0, p.Records.Count)
            .Select(i => $"{p.Records.Ids[i]}|{p.Records.Column("city").ValueOf(i)}|{p.Records.IdRank[i] - p.Records.SourceStart[p.Records.Ids[i].StartsWith('R') ? 1 : 0]}")
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Describe(mixed), Describe(sorted));
        Assert.Equal(rows.Count(r => r.Id.Length > 0), sorted.Sources[0].RowsUsed);
        Assert.Equal(6, sorted.Sources[0].RowsQuarantined);
        Assert.All(sorted.Quarantine, q => Assert.Equal("missing id", q.Reason));
        Assert.Equal(Enumerable.Range(0, sorted.Sources[0].RowsUsed), sorted.Records.IdRank.Take(sorted.Sources[0].RowsUsed));
    }

    [Fact]
    public void A_sorted_source_with_a_repeated_id_still_has_the_repeat_quarantined()
    {
        var t = new TestJob();
        t.File("l.csv", "id,code,city\nA1,k,x\nA2,k,y\nA2,k,z\nA3,k,w\n");
        t.File("r.csv", "id,code,city\nR1,k,c1\n");
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(Job("l.csv", "r.csv"), t.Directory));
        Assert.Equal(["A1", "A2", "A3", "R1"], prepared.Records.Ids);
        Assert.Equal("Y", prepared.Records.Column("city").ValueOf(1));
        var entry = Assert.Single(prepared.Quarantine);
        Assert.Equal((3, "A2", "duplicate id (first seen in row 2)"), (entry.Row, entry.Value, entry.Reason));
    }

    [Fact]
    public void The_uncached_gamma_of_random_pairs_equals_the_cached_one_with_a_level_reading_the_other_column()
    {
        var t = new TestJob();
        var rng = new Random(3);
        string Name() => rng.Next(9) == 0 ? "" : string.Concat(Enumerable.Range(0, 3 + rng.Next(12)).Select(_ => (char)('a' + rng.Next(6))));
        t.File("l.csv", "id,code,city\n" + string.Concat(Enumerable.Range(0, 600).Select(i => $"L{i},{Name()},{Name()}\n")));
        t.File("r.csv", "id,code,city\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"R{i},{Name()},{Name()}\n")));
        var json = Job("l.csv", "r.csv").Replace("""[ { "type": "exact" } ], "m_probabilities": [0.1, 0.9]""",
            """[ { "type": "exact" }, { "type": "exact", "other_column": "code" }, { "type": "jaro_winkler", "threshold": 0.9 }, { "type": "jaro", "threshold": 0.7 }, { "type": "levenshtein", "threshold": 2 } ], "m_probabilities": [0.1, 0.1, 0.2, 0.2, 0.2, 0.2]""", StringComparison.Ordinal)
            .Replace("""{ "name": "city", "standardiser": "upper" }""", """{ "name": "city", "standardiser": "none" }""", StringComparison.Ordinal);
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
        var comparer = ComparisonSet.Create(prepared, prepared.Config.Comparisons).CreateComparer();
        var seen = new HashSet<sbyte>();
        for (var n = 0; n < 20_000; n++)
        {
            var i = rng.Next(600);
            var j = 600 + rng.Next(400);
            var cached = comparer.Gamma(0, i, j);
            Assert.Equal(cached, comparer.GammaUncached(0, i, j));
            seen.Add(cached);
        }

        Assert.Superset(new HashSet<sbyte> { -1, 0, 1, 2, 3, 4, 5 }, seen);
        Assert.True(seen.Count >= 5, $"levels seen: {string.Join(", ", seen)}");
    }
}
