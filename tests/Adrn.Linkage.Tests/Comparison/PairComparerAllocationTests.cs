using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Linkage.Tests.Comparison;

public sealed class PairComparerAllocationTests
{
    [Fact]
    public void Computing_gamma_vectors_and_match_weights_allocates_nothing_per_pair()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json"));
        var prepared = LinkagePreparation.Prepare(config);
        var set = ComparisonSet.Create(prepared, config.Comparisons);
        var model = ModelTrainer.StartingModel(config, set);
        var scoring = ScoringModel.Create(model, set, prepared);
        var comparer = set.CreateComparer();
        var gammas = new sbyte[set.Count];
        var n = prepared.Records.Count;
        double total = 0;
        void Sweep()
        {
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j += 7)
                {
                    comparer.Compare(i, j, gammas);
                    total += scoring.MatchWeight(i, j, gammas);
                }
        }

        Sweep(); // warm-up: JIT, pooled buffers
        var before = GC.GetAllocatedBytesForCurrentThread();
        Sweep();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.False(double.IsNaN(total));
    }

    [Fact]
    public void Soft_tfidf_monge_elkan_and_paye_reference_levels_allocate_nothing_per_pair()
    {
        // Every pair is a distinct value pair here, so every comparison misses the value-pair cache and computes its metric.
        var t = new TestJob();
        var rows = new System.Text.StringBuilder("id,block,name,paye\n");
        string[] words = ["harrow", "precision", "engineering", "smith", "plumbing", "services", "apex", "digital", "priceconsultants", "price", "consultants", "fabri", "cations"];
        var random = new Random(3);
        for (var i = 0; i < 300; i++)
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},x,{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} {words[random.Next(words.Length)]},{random.Next(100, 999)}/AB{random.Next(10000, 99999)}\n");
        t.File("p.csv", rows.ToString());
        var json = """
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "p.csv", "id_column": "id" } ],
          "columns": [ "block", { "name": "name", "type": "company_name" }, { "name": "paye", "standardiser": "upper" } ],
          "blocking_rules": [ { "parts": ["block"] } ],
          "comparisons": [
            { "column": "name", "levels": [ { "type": "exact" }, { "type": "soft_tfidf", "threshold": 0.9 }, { "type": "soft_tfidf", "threshold": 0.6, "token_threshold": 0.85 }, { "type": "monge_elkan", "threshold": 0.7 } ], "m_probabilities": [0.1, 0.1, 0.1, 0.1, 0.6] },
            { "column": "paye", "levels": [ { "type": "exact" }, { "type": "paye_reference" } ], "m_probabilities": [0.1, 0.2, 0.7] }
          ],
          "training": { "probability_two_random_records_match": 0.01 }
        }
        """;
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
        var set = ComparisonSet.Create(prepared, prepared.Config.Comparisons);
        var gammas = new sbyte[set.Count];
        var n = prepared.Records.Count;
        long sum = 0;
        void Sweep(PairComparer comparer)
        {
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                {
                    comparer.Compare(i, j, gammas);
                    sum += gammas[0] + gammas[1];
                }
        }

        Sweep(set.CreateComparer()); // warm-up: JIT
        var cold = set.CreateComparer(); // fresh caches: every value pair computed again
        var before = GC.GetAllocatedBytesForCurrentThread();
        Sweep(cold);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }
}
