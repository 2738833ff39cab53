using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Training;

namespace Adrn.Linkage.Tests.Training;

public sealed class TrainingPlanTests
{
    [Fact]
    public void Finish_on_unit_counts_merged_in_reverse_order_returns_the_model_the_in_process_driver_trains_on_febrl4()
    {
        // Reference: LinkageJob.Train, the in-process driver, which counts the units on a thread pool (in any order)
        // and merges them by unit. Here each (round, partition) unit is counted separately, as remote workers do,
        // and merged in reverse unit order; the models must agree to 1e-12.
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        var prepared = LinkagePreparation.Prepare(config);
        var comparisons = ComparisonSet.Create(prepared, config.Comparisons);
        const int partitions = 10;

        var trained = LinkageJob.Train(LinkagePlan.Create(prepared, partitions));

        var plan = TrainingPlan.Create(prepared, comparisons, partitions);
        Assert.NotEmpty(plan.Rounds);
        Assert.Equal(3, plan.Partitions); // a quarter of 10, rounded up: TrainingPlan.CountingPartitions
        Assert.Equal(plan.Rounds.Count * plan.Partitions, plan.CountingUnitCount);
        var merged = plan.Rounds.Select(_ => new AgreementPatternCounts(comparisons.Count)).ToList();
        for (var unit = plan.CountingUnitCount - 1; unit >= 0; unit--)
        {
            var (round, _) = plan.Locate(unit);
            merged[round].Merge(plan.CountUnit(unit));
        }

        var finished = ModelTrainer.Finish(plan, merged);

        AssertSameModel(trained, finished);
        var emSteps = trained.Training.Where(t => t.Step.StartsWith("em:", StringComparison.Ordinal)).ToList();
        Assert.Equal(plan.Rounds.Count, emSteps.Count);
        for (var r = 0; r < plan.Rounds.Count; r++) Assert.Equal(emSteps[r].Pairs, merged[r].TotalPairs);
    }

    [Fact]
    public void Finish_refuses_counts_for_a_different_number_of_rounds()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        var prepared = LinkagePreparation.Prepare(config);
        var comparisons = ComparisonSet.Create(prepared, config.Comparisons);
        var plan = TrainingPlan.Create(prepared, comparisons, 2);

        var ex = Assert.Throws<ArgumentException>(() => ModelTrainer.Finish(plan, []));
        Assert.Contains($"{plan.Rounds.Count} EM rounds", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the first two blocking rules", true)]
    [InlineData("the second EM round's rule", false)]
    [InlineData("the example's own rules", false)]
    public void Lambda_counts_the_same_pairs_whether_blocking_or_an_EM_round_counted_them_or_not(string rules, bool countedByBlocking)
    {
        // Reference: the deterministic rules blocked on their own (BlockingPlan.Build, the path every job took before
        // lambda reused the job's blocking counts or an EM round's plan) and their pairs enumerated one by one.
        _ = SharedData.DataRoot;
        var example = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        var deterministic = rules switch
        {
            "the first two blocking rules" => example.BlockingRules.Take(2).Select(r => r with { Name = "renamed " + r.Name }).ToList(),
            "the second EM round's rule" => [example.Training.EmRounds[1].BlockingRule], // dob: the second blocking rule, not the first
            _ => example.Training.DeterministicRules,
        };
        var config = example with { Training = example.Training with { DeterministicRules = deterministic } };
        var prepared = LinkagePreparation.Prepare(config);
        const int partitions = 10;
        var linkagePlan = LinkagePlan.Create(prepared, partitions);
        var expected = Adrn.Linkage.Blocking.BlockingPlan.Build(prepared, deterministic, TrainingPlan.CountingPartitions(partitions)).CountComparisonsAdded().Sum();
        Assert.True(expected > 0);

        Assert.Equal(countedByBlocking ? expected : null, linkagePlan.Training.DeterministicRulePairs);
        var trained = LinkageJob.Train(linkagePlan);
        Assert.Equal(expected, Assert.Single(trained.Training, t => t.Step == "lambda: deterministic rules").Pairs);
        Assert.Equal(expected / config.Training.Recall / prepared.TotalPossiblePairs, trained.ProbabilityTwoRandomRecordsMatch, 1e-15);
    }

    private static void AssertSameModel(MatchModel expected, MatchModel actual)
    {
        Assert.Equal(expected.ProbabilityTwoRandomRecordsMatch, actual.ProbabilityTwoRandomRecordsMatch, 1e-12);
        Assert.Equal(expected.Comparisons.Count, actual.Comparisons.Count);
        for (var c = 0; c < expected.Comparisons.Count; c++)
        {
            var e = expected.Comparisons[c].Levels;
            var a = actual.Comparisons[c].Levels;
            Assert.Equal(e.Count, a.Count);
            for (var l = 0; l < e.Count; l++)
            {
                Assert.Equal(e[l].Gamma, a[l].Gamma);
                Assert.Equal(e[l].M ?? double.NaN, a[l].M ?? double.NaN, 1e-12);
                Assert.Equal(e[l].U ?? double.NaN, a[l].U ?? double.NaN, 1e-12);
            }
        }

        Assert.Equal(expected.Training.Select(t => (t.Step, t.Pairs, t.Iterations.Count, t.Converged)),
            actual.Training.Select(t => (t.Step, t.Pairs, t.Iterations.Count, t.Converged)));
    }
}
