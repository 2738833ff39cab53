using Adrn.Linkage.Configuration;
using Xunit.Abstractions;

namespace Adrn.Linkage.Tests.Examples;

public sealed class Febrl4ExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Febrl4_example_links_one_to_one_with_F1_of_at_least_0_99_using_its_own_training()
    {
        // Truth: dataset4_truth_pairs.csv (5,000 cross-file pairs, derived from FEBRL rec_ids, see shared/data/febrl/README.txt).
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        Assert.All(config.Comparisons, c => Assert.Null(c.FixedM));
        var outDir = SharedData.TempDir();
        var result = LinkageJob.Run(config, outDir);
        var e = result.Evaluation;
        output.WriteLine($"pairs {result.PairsCompared}, links {result.Links}, P {e.Precision:F4} R {e.Recall:F4} F1 {e.F1:F4}, lambda {result.Model.ProbabilityTwoRandomRecordsMatch:G4}, total {result.Timings["total"]} s");
        foreach (var (k, v) in result.Timings) output.WriteLine($"  {k}: {v} s");
        foreach (var t in e.PrecisionRecall) output.WriteLine($"  {t.Threshold}: P {t.Precision:F4} R {t.Recall:F4} F1 {t.F1:F4}");
        Assert.Equal(5000, e.TruthPairs);
        Assert.True(e.F1 >= 0.99, $"F1 {e.F1:F4} (precision {e.Precision:F4}, recall {e.Recall:F4})");
    }
}
