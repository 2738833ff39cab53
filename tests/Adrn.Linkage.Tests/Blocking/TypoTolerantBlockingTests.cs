using System.Globalization;
using System.Text;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Blocking.Phonetics;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Tests.Blocking;

/// <summary>
/// The typo-tolerant blocking methods (minhash, token phonetic keys, one_edit, PAYE parts, NINO without suffix, sorted
/// neighbourhood). Each rule's "covers" relation is checked against an independent definition computed here from the
/// raw values, and the enumeration of candidate pairs against brute force over every pair.
/// </summary>
public sealed class TypoTolerantBlockingTests
{
    // Hand-keyed employer names and references: typos, glued and split words, a dropped office digit, a missing office.
    private static readonly string[][] Rows =
    [
        ["1", "harrow precision engineering", "123/AB56789", "QA123456A", "smith"],
        ["2", "harow precision engineering", "123/AB56789", "QA123456B", "smyth"],
        ["3", "harrow precisionengineering", "12/AB56789", "QA123456", "smith"],
        ["4", "harrow preci sion engineering", "AB56789", "QB123456A", "smithe"],
        ["5", "smith plumbing services", "456/CD12345", "QC654321D", "jones"],
        ["6", "smith plumbing", "456/CD12354", "QC654321C", "johns"],
        ["7", "smyth plumbing", "465/CD12345", "QD111111A", "jones"],
        ["8", "price consultants", "789/EF00001", "QE222222B", "price"],
        ["9", "priceconsultants", "789/EF00001", "QE222222B", "pryce"],
        ["10", "price consultans", "", "", "price"],
        ["11", "apex digital", "101/GH55555", "QF333333C", "apex"],
        ["12", "apex digital centre", "101/GH55556", "QF333333D", "apex"],
        ["13", "summit logistics", "202/JK77777", "QG444444A", "summit"],
        ["14", "sumit logistics", "202/JK77777", "QG444444A", "summitt"],
        ["15", "", "303/LM88888", "QH555555B", "doe"],
    ];

    private static PreparedLinkage Prepare(string linkType, string rules)
    {
        var t = new TestJob();
        var csv = new StringBuilder("id,name,paye,nino,surname\n");
        foreach (var r in Rows) csv.AppendLine(string.Join(',', r));
        string sources;
        if (linkType == "link_only")
        {
            // Odd ids left, even ids right.
            var left = new StringBuilder("id,name,paye,nino,surname\n");
            var right = new StringBuilder("id,name,paye,nino,surname\n");
            foreach (var r in Rows) (int.Parse(r[0], CultureInfo.InvariantCulture) % 2 == 1 ? left : right).AppendLine(string.Join(',', r));
            t.File("l.csv", left.ToString());
            t.File("r.csv", right.ToString());
            sources = """{ "path": "l.csv", "id_column": "id" }, { "path": "r.csv", "id_column": "id" }""";
        }
        else
        {
            t.File("p.csv", csv.ToString());
            sources = """{ "path": "p.csv", "id_column": "id" }""";
        }

        var json = $$"""
        {
          "link_type": "{{linkType}}",
          "sources": [ {{sources}} ],
          "columns": [ { "name": "name", "type": "company_name", "standardiser": "lower" }, { "name": "paye", "standardiser": "upper" },
                       { "name": "nino", "type": "nino" }, { "name": "surname", "type": "name" } ],
          "blocking_rules": [ {{rules}} ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9], "u_probabilities": [0.9, 0.1] } ],
          "training": { "probability_two_random_records_match": 0.01 }
        }
        """;
        return LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
    }

    private static string? Value(PreparedLinkage p, string column, int record) => p.Records.Column(column).ValueOf(record);

    private static List<(int L, int R, int Rule)> AllPairs(BlockingPlan plan) => PairCollector.All(plan);

    /// <summary>Every allowed pair (i, j), i &lt; j, that some rule covers, with the first rule that does.</summary>
    private static List<(int L, int R, int Rule)> BruteForce(PreparedLinkage prepared, BlockingKeySet keys)
    {
        var n = prepared.Records.Count;
        var expected = new List<(int, int, int)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (prepared.IsCrossSourceOnly && prepared.Records.SourceOf(i) == prepared.Records.SourceOf(j)) continue;
                for (var r = 0; r < keys.Rules.Count; r++)
                {
                    if (!keys.Covers(r, i, j)) continue;
                    expected.Add((i, j, r));
                    break;
                }
            }
        }

        return expected;
    }

    [Fact]
    public void One_edit_keys_pair_values_that_are_equal_after_deleting_at_most_one_character_from_each()
    {
        var prepared = Prepare("dedupe_only", """{ "parts": [ { "column": "paye", "method": "one_edit" } ] }""");
        var keys = BlockingKeySet.Build(prepared, prepared.Config.BlockingRules);
        var n = prepared.Records.Count;
        var covered = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var a = Value(prepared, "paye", i);
                var b = Value(prepared, "paye", j);
                var expected = a is not null && b is not null && Deletions(a).Overlaps(Deletions(b));
                Assert.True(expected == keys.Covers(0, i, j), $"{a} / {b}: expected {expected}");
                if (expected) covered++;
                // Every pair within one substitution, insertion, deletion or adjacent transposition is covered.
                if (a is not null && b is not null && OptimalStringAlignment(a, b) <= 1) Assert.True(keys.Covers(0, i, j), $"{a} / {b}");
            }
        }

        // 123/AB56789 with 12/AB56789 (a dropped office digit), 456/CD12345 with 456/CD12354 (swapped digits), ...
        Assert.True(covered >= 6, $"only {covered} pairs covered");
    }

    private static HashSet<string> Deletions(string s)
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { s };
        for (var i = 0; i < s.Length; i++) set.Add(s.Remove(i, 1));
        return set;
    }

    private static int OptimalStringAlignment(string a, string b) => Adrn.Linkage.Comparison.Metrics.StringMetrics.OptimalStringAlignment(a, b);

    [Fact]
    public void Token_phonetic_keys_pair_names_sharing_the_code_of_any_token_and_skip_codes_held_by_too_many_records()
    {
        var prepared = Prepare("dedupe_only", """
            { "parts": [ { "column": "name", "method": "token_double_metaphone" } ] },
            { "parts": [ { "column": "name", "method": "token_soundex", "max_share": 0.2 } ] }
            """);
        var keys = BlockingKeySet.Build(prepared, prepared.Config.BlockingRules);
        var n = prepared.Records.Count;
        // Independent: codes of each token (split on spaces), and each Soundex code's share of non-null names.
        var names = Enumerable.Range(0, n).Select(i => Value(prepared, "name", i)).ToArray();
        var soundexHolders = names.Where(x => x is not null).SelectMany(x => x!.Split(' ').Select(t => Soundex.Encode(t)).Distinct())
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var nonNull = names.Count(x => x is not null);
        HashSet<string> Codes(string? name, Func<string, string> code, bool limit) => name is null ? [] :
            name.Split(' ').Select(code).Where(c => c.Length > 0 && (!limit || soundexHolders[c] <= 0.2 * nonNull)).ToHashSet();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var dm = Codes(names[i], t => DoubleMetaphone.Encode(t).Primary, false).Overlaps(Codes(names[j], t => DoubleMetaphone.Encode(t).Primary, false));
                var sx = Codes(names[i], t => Soundex.Encode(t), true).Overlaps(Codes(names[j], t => Soundex.Encode(t), true));
                Assert.True(dm == keys.Covers(0, i, j), $"double metaphone: {names[i]} / {names[j]}");
                Assert.True(sx == keys.Covers(1, i, j), $"soundex: {names[i]} / {names[j]}");
            }
        }

        // "harow" and "harrow" share a code; the held-by-many code of "engineering"/"plumbing" is dropped by max_share.
        Assert.True(keys.Covers(0, 0, 1));
        Assert.True(soundexHolders.Values.Max() > 0.2 * nonNull, "the test data must hold a code above max_share");
    }

    [Fact]
    public void Paye_parts_and_nino_without_suffix_give_one_key_each()
    {
        var prepared = Prepare("dedupe_only", """
            { "parts": [ { "column": "paye", "method": "paye_reference" } ] },
            { "parts": [ { "column": "paye", "method": "paye_office" } ] },
            { "parts": [ { "column": "nino", "method": "nino_without_suffix" } ] }
            """);
        var keys = BlockingKeySet.Build(prepared, prepared.Config.BlockingRules);
        int Record(string id) => prepared.Records.Find(0, id);
        // 123/AB56789, 12/AB56789 and AB56789 share their reference part, whatever the office.
        Assert.True(keys.Covers(0, Record("1"), Record("3")));
        Assert.True(keys.Covers(0, Record("1"), Record("4")));
        Assert.False(keys.Covers(0, Record("5"), Record("6")));
        // Office numbers: 123 (records 1, 2) but not 12 (record 3); AB56789 has no office.
        Assert.True(keys.Covers(1, Record("1"), Record("2")));
        Assert.False(keys.Covers(1, Record("1"), Record("3")));
        Assert.Equal(0UL, keys.Slots[keys.SlotStart[1]][Record("4")]);
        // QA123456A, QA123456B and QA123456 (no suffix) agree without the suffix; QB123456A does not.
        Assert.True(keys.Covers(2, Record("1"), Record("2")));
        Assert.True(keys.Covers(2, Record("1"), Record("3")));
        Assert.False(keys.Covers(2, Record("1"), Record("4")));
    }

    [Fact]
    public void Minhash_rows_agree_at_a_rate_close_to_the_jaccard_similarity_of_the_q_gram_sets()
    {
        // 100 bands x 10 rows = 1,000 hash functions: the share of equal rows estimates Jaccard with sd <= 0.016.
        var hasher = new MinHasher(q: 2, bands: 100, rows: 10, seed: 7);
        string[][] pairs =
        [
            ["harrow precision engineering", "harow precision engineering"],
            ["smith plumbing services", "smith plumbing"],
            ["apex digital", "apex digital centre"],
            ["summit logistics", "meridian catering"],
            ["price consultants", "price consultans"],
        ];
        foreach (var p in pairs)
        {
            var expected = Jaccard(Grams(p[0], 2), Grams(p[1], 2));
            var a = hasher.Signature(p[0]);
            var b = hasher.Signature(p[1]);
            var rate = a.Zip(b).Count(x => x.First == x.Second) / (double)a.Length;
            Assert.True(Math.Abs(rate - expected) < 0.06, $"{p[0]} / {p[1]}: jaccard {expected:F3}, rows agree {rate:F3}");
        }
    }

    private static HashSet<string> Grams(string s, int q)
    {
        var compact = s.Replace(" ", "", StringComparison.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + q <= compact.Length; i++) set.Add(compact.Substring(i, q));
        return set;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b) => a.Intersect(b).Count() / (double)a.Union(b).Count();

    [Fact]
    public void Minhash_keys_are_deterministic_by_seed_ignore_spaces_and_agree_exactly_when_a_whole_band_agrees()
    {
        var rule = """{ "parts": [ { "column": "name", "method": "minhash", "bands": 8, "rows": 3, "seed": SEED } ] }""";
        var a = Prepare("dedupe_only", rule.Replace("SEED", "11", StringComparison.Ordinal));
        var b = Prepare("dedupe_only", rule.Replace("SEED", "11", StringComparison.Ordinal));
        var c = Prepare("dedupe_only", rule.Replace("SEED", "12", StringComparison.Ordinal));
        var ka = BlockingKeySet.Build(a, a.Config.BlockingRules);
        var kb = BlockingKeySet.Build(b, b.Config.BlockingRules);
        var kc = BlockingKeySet.Build(c, c.Config.BlockingRules);
        Assert.Equal(8, ka.SlotCount(0));
        for (var s = 0; s < ka.Slots.Length; s++) Assert.Equal(ka.Slots[s], kb.Slots[s]);
        Assert.NotEqual(ka.Slots[0], kc.Slots[0]);

        // "price consultants" and "priceconsultants" have the same q-grams once spaces are gone: every band agrees.
        int Record(string id) => a.Records.Find(0, id);
        var glued = Enumerable.Range(0, 8).Select(s => ka.Slots[s][Record("9")]).ToHashSet();
        var spaced = Enumerable.Range(0, 8).Select(s => ka.Slots[s][Record("8")]).ToHashSet();
        Assert.Equal(spaced, glued);

        // Two records share a band key exactly when their signatures agree on all rows of some band.
        var probe = new MinHasher(q: 2, bands: 8, rows: 3, seed: 11);
        var n = a.Records.Count;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var x = Value(a, "name", i);
                var y = Value(a, "name", j);
                if (x is null || y is null) continue;
                var sx = probe.Signature(x);
                var sy = probe.Signature(y);
                var band = Enumerable.Range(0, 8).Any(bi => Enumerable.Range(0, 3).All(r => sx[(bi * 3) + r] == sy[(bi * 3) + r]));
                Assert.True(band == ka.Covers(0, i, j), $"{x} / {y}");
            }
        }
    }

    [Fact]
    public void Minhash_band_keys_of_a_value_are_computed_without_allocation()
    {
        var hasher = new MinHasher(q: 2, bands: 17, rows: 5, seed: 42);
        var names = Rows.Select(r => r[1]).Where(n => n.Length > 0).ToArray();
        var keys = new ulong[17];
        ulong sum = 0;
        void Sweep()
        {
            for (var k = 0; k < 200; k++)
                foreach (var name in names)
                {
                    hasher.BandKeys(name, keys);
                    sum += keys[0];
                }
        }

        Sweep();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Sweep();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0UL, sum);
    }

    [Fact]
    public void Banding_for_a_target_similarity_finds_pairs_at_that_similarity_with_probability_0_95()
    {
        foreach (var s in new[] { 0.5, 0.6, 0.7, 0.8, 0.9 })
        {
            var (bands, rows) = MinHashBanding.Choose(s);
            // The documented rule: P(s) = 1 - (1 - s^r)^b >= 0.95 with b <= 20, and one more row would need > 20 bands.
            Assert.InRange(bands, 1, MinHashBanding.MaxBands);
            Assert.True(1 - Math.Pow(1 - Math.Pow(s, rows), bands) >= 0.95, $"s {s}: {bands} x {rows}");
            if (rows < MinHashBanding.MaxRows)
                Assert.True(Math.Log(0.05) / Math.Log(1 - Math.Pow(s, rows + 1)) > MinHashBanding.MaxBands, $"s {s}: {rows + 1} rows would fit");
        }

        Assert.Equal((17, 5), MinHashBanding.Choose(0.7));
    }

    [Fact]
    public void Sorted_neighbourhood_pairs_records_whose_sort_keys_are_fewer_than_window_places_apart()
    {
        foreach (var linkType in new[] { "dedupe_only", "link_only" })
        {
            var prepared = Prepare(linkType, """{ "type": "sorted_neighbourhood", "window": 3, "parts": [ "name" ] }""");
            var keys = BlockingKeySet.Build(prepared, prepared.Config.BlockingRules);
            // Independent ranks: the distinct names, sorted ordinally.
            var n = prepared.Records.Count;
            var names = Enumerable.Range(0, n).Select(i => Value(prepared, "name", i)).ToArray();
            var sorted = names.Where(x => x is not null).Distinct().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var expected = names[i] is not null && names[j] is not null && Math.Abs(sorted.IndexOf(names[i]!) - sorted.IndexOf(names[j]!)) < 3;
                    Assert.True(expected == keys.Covers(0, i, j), $"{linkType}: {names[i]} / {names[j]}");
                }
            }
        }
    }

    [Theory]
    [InlineData("dedupe_only", 1)]
    [InlineData("dedupe_only", 3)]
    [InlineData("dedupe_only", 16)]
    [InlineData("link_only", 1)]
    [InlineData("link_only", 5)]
    public void Mixed_rules_produce_each_pair_once_from_the_first_rule_that_covers_it_whatever_the_partitions(string linkType, int partitions)
    {
        var prepared = Prepare(linkType, """
            { "parts": [ "paye" ] },
            { "parts": [ { "column": "name", "method": "minhash", "bands": 6, "rows": 2 } ] },
            { "type": "sorted_neighbourhood", "window": 2, "parts": [ "surname" ] },
            { "parts": [ { "column": "paye", "method": "one_edit" } ] },
            { "parts": [ { "column": "name", "method": "token_double_metaphone" } ] },
            { "type": "sorted_neighbourhood", "window": 4, "parts": [ { "column": "name", "method": "prefix", "length": 4 } ] },
            { "parts": [ { "column": "paye", "method": "paye_reference" } ] }
            """);
        var plan = BlockingPlan.Build(prepared, prepared.Config.BlockingRules, partitions);
        var pairs = AllPairs(plan);
        var expected = BruteForce(prepared, plan.Keys);
        Assert.Equal(expected.OrderBy(x => x), pairs.Select(p => (Math.Min(p.L, p.R), Math.Max(p.L, p.R), p.Rule)).OrderBy(x => x));
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        var addingRules = expected.Select(e => e.Rule).Distinct().Count();
        Assert.True(addingRules >= (linkType == "link_only" ? 4 : 5), $"only {addingRules} rules add pairs on this data");
        if (linkType == "link_only") Assert.All(pairs, p => Assert.True(p.L < plan.Keys.LeftCount && p.R >= plan.Keys.LeftCount));

        // The report counts the same distinct pairs, and every rule's pairs "alone" bound what it adds.
        var report = plan.Report(1_000_000, prepared.TotalPossiblePairs);
        Assert.Equal(pairs.Count, report.TotalComparisons);
        for (var r = 0; r < report.Rules.Count; r++)
        {
            Assert.Equal(pairs.Count(p => p.Rule == r), report.Rules[r].ComparisonsAdded);
            Assert.True(report.Rules[r].ComparisonsAlone >= report.Rules[r].ComparisonsAdded);
        }
    }

    [Fact]
    public void A_partition_enumerates_its_pairs_from_its_member_records_keys_only()
    {
        var prepared = Prepare("link_only", """
            { "parts": [ "paye" ] },
            { "parts": [ { "column": "name", "method": "minhash", "bands": 6, "rows": 2 } ] },
            { "type": "sorted_neighbourhood", "window": 3, "parts": [ "surname" ] },
            { "parts": [ { "column": "name", "method": "token_double_metaphone" } ] }
            """);
        var plan = BlockingPlan.Build(prepared, prepared.Config.BlockingRules, 4);
        var random = new Random(5);
        foreach (var partition in plan.Partitions)
        {
            var before = new PairCollector { Pairs = [] };
            partition.ForEachPair(ref before);
            // Overwrite every key of every record that is not a member of this partition with garbage: a partition that
            // reads only its own members' keys enumerates exactly the same pairs.
            var members = partition.Members.ToHashSet();
            var saved = plan.Keys.Slots.Select(s => (ulong[])s.Clone()).ToArray();
            foreach (var slot in plan.Keys.Slots)
                for (var i = 0; i < slot.Length; i++)
                    if (!members.Contains(i)) slot[i] = (ulong)random.NextInt64();
            var after = new PairCollector { Pairs = [] };
            partition.ForEachPair(ref after);
            for (var s = 0; s < saved.Length; s++) saved[s].CopyTo(plan.Keys.Slots[s], 0);
            Assert.Equal(before.Pairs, after.Pairs);
        }
    }

    [Fact]
    public void Blocking_report_gives_each_rules_true_pairs_and_marginal_recall()
    {
        var t = new TestJob();
        var csv = new StringBuilder("id,name,paye,nino,surname\n");
        foreach (var r in Rows) csv.AppendLine(string.Join(',', r));
        t.File("p.csv", csv.ToString());
        // True pairs: the typed variants of one firm (ids 1-4; 8-10; 13-14).
        t.File("truth.csv", "a,b\n1,2\n1,3\n1,4\n2,3\n2,4\n3,4\n8,9\n8,10\n9,10\n13,14\n");
        var json = """
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "p.csv", "id_column": "id" } ],
          "columns": [ { "name": "name", "type": "company_name" }, { "name": "paye", "standardiser": "upper" } ],
          "blocking_rules": [ { "parts": [ "paye" ] }, { "parts": [ { "column": "paye", "method": "paye_reference" } ] },
                              { "parts": [ { "column": "name", "method": "minhash", "similarity": 0.6 } ] } ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9], "u_probabilities": [0.9, 0.1] } ],
          "training": { "probability_two_random_records_match": 0.01 },
          "truth": { "pairs": "truth.csv" }
        }
        """;
        var report = BlockingAnalysis.Analyse(LinkageJobConfig.Parse(json, t.Directory));
        // By hand from the rows above: paye exact pairs (1,2) (8,9) (13,14); paye_reference adds (1,3) (1,4) (2,3) (2,4) (3,4);
        // minhash on names adds at least (8,10) and (9,10) (price consultans / price consultants / priceconsultants).
        Assert.Equal(10, report.TruthPairs);
        Assert.Equal(3, report.Rules[0].TruthPairsAdded);
        Assert.Equal(5, report.Rules[1].TruthPairsAdded);
        Assert.Equal(8, report.Rules[1].TruthPairsAlone);
        Assert.Equal(2, report.Rules[2].TruthPairsAdded);
        Assert.Equal(0, report.TruthPairsMissed);
        Assert.Equal(1.0, report.Rules[2].CumulativeRecall!.Value, 12);
        Assert.Equal(0.3, report.Rules[0].CumulativeRecall!.Value, 12);
        var text = report.ToText();
        Assert.Contains("marginal", text, StringComparison.Ordinal);
        Assert.Contains("blocking recall 1.0000", text, StringComparison.Ordinal);
    }
}
