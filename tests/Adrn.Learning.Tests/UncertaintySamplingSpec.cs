using Adrn.Learning.Configuration;
using Adrn.Learning.Evaluation;
using Adrn.Learning.Labels;
using Adrn.Learning.Review;
using Xunit.Abstractions;

namespace Adrn.Learning.Tests;

/// <summary>One round of active learning: clerical labels (simulated from the generator's truth) on the most uncertain pairs.</summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class UncertaintySamplingSpec(SyntheticJobs jobs, ITestOutputHelper output)
{
    [Fact]
    public void One_round_of_200_uncertain_clerical_labels_improves_held_out_F1()
    {
        var ws = jobs.CohortEmployee;
        var truth = TruthPairs.Load(jobs.CohortEmployeeTruth);
        // Base model with room to improve: labels from exact name + date-of-birth agreement on a fifth of the members,
        // a rule that calls every typo'd true pair a non-match.
        var options = new LearnedScoringOptions { IdentifierRule = ["first_name", "surname", "dob"], ExcludeComparisons = [], RuleShare = 0.2 };
        var split = new LeftRecordSplit(options.Seed, options.HoldoutShare, options.RuleShare, options.CalibrationShare);
        var ids = ws.Prepared.Records.Ids;
        var baseModel = ws.TrainLearned(options);
        var pool = ws.ScoreLearned(baseModel, 0);

        // Only pairs of records outside the held-out fold may be reviewed, so the evaluation stays untouched.
        var sample = ClericalSampler.Uncertain(pool, ws.Prepared.Records, 200, 0.5, "learned", i => !split.IsHeldOut(ids[pool.Left[i]]));
        var labels = sample.Pairs
            .Select(p => new PairLabel(ws.Lookup.FindLeft(p.IdLeft), ws.Lookup.FindRight(p.IdRight), truth.Contains(p.IdLeft, p.IdRight)))
            .ToList();
        var improved = ws.TrainLearned(options, labels);

        var method = ws.Config.Resolution.Method;
        var before = ScorerComparison.Evaluate("rule labels", ws.ScoreLearned(baseModel, 0.01), ws.Prepared, method, 0.5, truth, split.IsHeldOut);
        var after = ScorerComparison.Evaluate("+200 clerical", ws.ScoreLearned(improved, 0.01), ws.Prepared, method, 0.5, truth, split.IsHeldOut);
        output.WriteLine($"sample: {labels.Count} pairs, {labels.Count(l => l.IsMatch)} matches");
        output.WriteLine(ScorerComparison.ToTable([before, after]));

        Assert.Equal(200, labels.Count);
        Assert.All(sample.Pairs, p => Assert.False(split.IsHeldOut(p.IdLeft)));
        Assert.Equal(200, improved.Metadata.ClericalLabels);
        Assert.True(after.F1 >= before.F1 + 0.02, $"F1 went from {before.F1:F4} to {after.F1:F4}; expected a gain of at least 0.02");
    }
}
