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
}
