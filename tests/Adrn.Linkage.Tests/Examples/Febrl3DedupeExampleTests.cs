using Adrn.Linkage.Configuration;
using Xunit.Abstractions;

namespace Adrn.Linkage.Tests.Examples;

public sealed class Febrl3DedupeExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Febrl3_dedupe_example_reaches_pairwise_F1_of_at_least_0_95()
    {
        // Truth: FEBRL entity ids (the entity_id column, 6,538 true pairs per shared/data/febrl/README.txt).
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("febrl3-dedupe.json"));
        var result = LinkageJob.Run(config, SharedData.TempDir());
        var e = result.Evaluation;
        output.WriteLine($"pairs {result.PairsCompared}, links {result.Links}, clusters {result.Clusters}, P {e.Precision:F4} R {e.Recall:F4} F1 {e.F1:F4}, total {result.Timings["total"]} s");
        Assert.Equal(6538, e.TruthPairs);
        Assert.True(e.F1 >= 0.95, $"F1 {e.F1:F4} (precision {e.Precision:F4}, recall {e.Recall:F4})");
    }
}
