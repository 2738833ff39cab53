using System.Diagnostics;
using Adrn.Learning.Configuration;
using Adrn.Learning.Evaluation;
using Adrn.Learning.Labels;
using Xunit.Abstractions;

namespace Adrn.Learning.Tests;

[Collection(SyntheticJobsCollection.Name)]
public sealed class ExperimentSpec(SyntheticJobs jobs, ITestOutputHelper output)
{
    [Fact]
    public void Experiment_employee_employer()
    {
        var sw = Stopwatch.StartNew();
        var ws = jobs.EmployeeEmployer;
        output.WriteLine($"open {sw.Elapsed.TotalSeconds:F1}s");
        var truth = TruthPairs.Load(jobs.EmployeeEmployerTruth);
        foreach (var share in new[] { 1.0, 0.05 })
        {
            var options = new LearnedScoringOptions { Scorer = ScorerKind.Learned, IdentifierRule = ["paye_ref"], RuleShare = share };
            var split = new LeftRecordSplit(options.Seed, options.HoldoutShare, options.RuleShare, options.CalibrationShare);
            sw.Restart();
            var fs = ws.ScoreFellegiSunter(0.01);
            output.WriteLine($"fs score {sw.Elapsed.TotalSeconds:F1}s pairs {fs.Count}");
            sw.Restart();
            var learned = ws.TrainLearned(options);
            output.WriteLine($"train {sw.Elapsed.TotalSeconds:F1}s {learned.Metadata.TrainingPairs} {learned.Metadata.TrainingMatches} A={learned.Calibration.A} B={learned.Calibration.B}");
            sw.Restart();
            var lp = ws.ScoreLearned(learned, 0.01);
            output.WriteLine($"learned score {sw.Elapsed.TotalSeconds:F1}s pairs {lp.Count}");
            var m1 = ScorerComparison.Evaluate("fellegi-sunter", fs, ws.Prepared, ws.Config.Resolution.Method, 0.5, truth, split.IsHeldOut);
            var m2 = ScorerComparison.Evaluate("learned", lp, ws.Prepared, ws.Config.Resolution.Method, 0.5, truth, split.IsHeldOut);
            output.WriteLine($"share {share}");
            output.WriteLine(ScorerComparison.ToTable([m1, m2]));
        }
    }

    [Fact]
    public void Experiment_cohort()
    {
        var sw = Stopwatch.StartNew();
        var ws = jobs.CohortEmployee;
        output.WriteLine($"open {sw.Elapsed.TotalSeconds:F1}s");
        var truth = TruthPairs.Load(jobs.CohortEmployeeTruth);
        foreach (var rule in new[] { new[] { "first_name", "surname", "dob" }, new[] { "dob" } })
        {
            var options = new LearnedScoringOptions { Scorer = ScorerKind.Learned, IdentifierRule = rule, ExcludeComparisons = [] };
            var split = new LeftRecordSplit(options.Seed, options.HoldoutShare, options.RuleShare, options.CalibrationShare);
            var fs = ws.ScoreFellegiSunter(0.01);
            sw.Restart();
            var learned = ws.TrainLearned(options);
            output.WriteLine($"train {sw.Elapsed.TotalSeconds:F1}s {learned.Metadata.TrainingPairs} {learned.Metadata.TrainingMatches}");
            var lp = ws.ScoreLearned(learned, 0.01);
            var m1 = ScorerComparison.Evaluate("fellegi-sunter", fs, ws.Prepared, ws.Config.Resolution.Method, 0.5, truth, split.IsHeldOut);
            var m2 = ScorerComparison.Evaluate("learned", lp, ws.Prepared, ws.Config.Resolution.Method, 0.5, truth, split.IsHeldOut);
            output.WriteLine(string.Join(",", rule));
            output.WriteLine(ScorerComparison.ToTable([m1, m2]));
        }
    }
}
