using Adrn.Learning.Configuration;
using Adrn.Learning.Evaluation;
using Adrn.Learning.Labels;
using Adrn.Learning.Scoring;
using Xunit.Abstractions;

namespace Adrn.Learning.Tests;

/// <summary>
/// The learned scorer against Fellegi–Sunter on the synthetic tasks. Truth comes from the generator's truth files
/// (independent of both scorers); only left records held out of every training label are counted.
/// </summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class LearnedScorerSpec(SyntheticJobs jobs, ITestOutputHelper output)
{
    private static readonly LearnedScoringOptions PayeRule = new() { Scorer = ScorerKind.Learned, IdentifierRule = ["paye_ref"] };

    [Fact]
    public void Learned_scorer_trained_from_the_PAYE_rule_is_at_least_as_good_as_Fellegi_Sunter_on_held_out_employee_employer_truth()
    {
        var ws = jobs.EmployeeEmployer;
        var truth = TruthPairs.Load(jobs.EmployeeEmployerTruth);
        var split = new LeftRecordSplit(PayeRule.Seed, PayeRule.HoldoutShare, PayeRule.RuleShare, PayeRule.CalibrationShare);
        var learned = ws.TrainLearned(PayeRule);
        var keep = ws.Config.Resolution.KeepProbability;
        var threshold = ws.Config.Resolution.MatchProbability;
        var fs = ScorerComparison.Evaluate("fellegi-sunter", ws.ScoreFellegiSunter(keep), ws.Prepared, ws.Config.Resolution.Method, threshold, truth, split.IsHeldOut);
        var ml = ScorerComparison.Evaluate("learned", ws.ScoreLearned(learned, keep), ws.Prepared, ws.Config.Resolution.Method, threshold, truth, split.IsHeldOut);
        output.WriteLine(ScorerComparison.ToTable([fs, ml]));
        output.WriteLine($"training pairs {learned.Metadata.TrainingPairs} ({learned.Metadata.TrainingMatches} matches), calibration pairs {learned.Metadata.CalibrationPairs}, {learned.Metadata.Seconds} s");

        Assert.Equal(fs.TruthPairs, ml.TruthPairs);
        Assert.True(fs.TruthPairs > 5000, $"the held-out fold should hold about half of ~15,000 true pairs, got {fs.TruthPairs}");
        Assert.True(ml.F1 >= fs.F1, $"learned F1 {ml.F1:F4} is below Fellegi–Sunter's {fs.F1:F4}");
    }

    [Fact]
    public void Cohort_to_payroll_comparison_reports_both_scorers_on_the_same_held_out_truth()
    {
        var ws = jobs.CohortEmployee;
        var truth = TruthPairs.Load(jobs.CohortEmployeeTruth);
        // The cohort has no identifier; exact agreement on name and date of birth stands in for one, on a fifth of the
        // members. The rule's comparisons stay in the features (excluding them would leave little to learn from).
        var options = new LearnedScoringOptions { IdentifierRule = ["first_name", "surname", "dob"], ExcludeComparisons = [], RuleShare = 0.2 };
        var split = new LeftRecordSplit(options.Seed, options.HoldoutShare, options.RuleShare, options.CalibrationShare);
        var learned = ws.TrainLearned(options);
        var keep = ws.Config.Resolution.KeepProbability;
        var threshold = ws.Config.Resolution.MatchProbability;
        var fs = ScorerComparison.Evaluate("fellegi-sunter", ws.ScoreFellegiSunter(keep), ws.Prepared, ws.Config.Resolution.Method, threshold, truth, split.IsHeldOut);
        var ml = ScorerComparison.Evaluate("learned", ws.ScoreLearned(learned, keep), ws.Prepared, ws.Config.Resolution.Method, threshold, truth, split.IsHeldOut);
        output.WriteLine(ScorerComparison.ToTable([fs, ml]));

        Assert.Equal(fs.TruthPairs, ml.TruthPairs);
        // About half of the ~1,425 cohort members who are payroll persons are held out.
        Assert.InRange(fs.TruthPairs, 550, 870);
        Assert.InRange(ml.F1, 0.5, 1.0);
        Assert.InRange(fs.F1, 0.5, 1.0);
    }

    [Fact]
    public void Identifier_rule_comparisons_are_left_out_of_the_features()
    {
        var learned = jobs.EmployeeEmployer.TrainLearned(PayeRule);

        Assert.Equal(["paye_ref"], learned.Metadata.ExcludedComparisons);
        Assert.DoesNotContain(learned.Layout.FeatureNames, f => f.StartsWith("paye_ref", StringComparison.Ordinal));
        Assert.Contains("employer_name_similarity", learned.Layout.FeatureNames);
        Assert.Contains("employer_postcode_level_4", learned.Layout.FeatureNames);
        Assert.True(learned.Metadata.RuleMatches > 0 && learned.Metadata.RuleNonMatches > 0);
    }

    [Fact]
    public void Saved_model_reloads_with_its_metadata_and_gives_the_same_probabilities()
    {
        var ws = jobs.EmployeeEmployer;
        var learned = ws.TrainLearned(PayeRule);
        var dir = Path.Combine(Path.GetTempPath(), "adrn-learned-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = learned.Save(dir);
            Assert.Equal([Path.Combine(dir, LearnedScorer.ModelFileName), Path.Combine(dir, LearnedScorer.MetadataFileName)], files);
            var json = File.ReadAllText(files[1]);
            Assert.Contains("\"features\"", json, StringComparison.Ordinal);
            Assert.Contains("employer_name_similarity", json, StringComparison.Ordinal);

            var loaded = LearnedScorer.Load(dir, ws.Prepared, ws.Comparisons);
            var partition = ws.Plan.Partitions.First(p => p.PairUpperBound > 100);
            var a = learned.ScorePartition(partition, 0);
            var b = loaded.ScorePartition(partition, 0);
            Assert.Equal(a.Count, b.Count);
            Assert.Equal(a.Probability, b.Probability);
            Assert.Equal(learned.Metadata.Features, loaded.Metadata.Features);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Calibrated_probabilities_agree_with_observed_match_rates_on_held_out_pairs()
    {
        var ws = jobs.EmployeeEmployer;
        var truth = TruthPairs.Load(jobs.EmployeeEmployerTruth);
        var split = new LeftRecordSplit(PayeRule.Seed, PayeRule.HoldoutShare, PayeRule.RuleShare, PayeRule.CalibrationShare);
        var pairs = ws.ScoreLearned(ws.TrainLearned(PayeRule), 0);
        var ids = ws.Prepared.Records.Ids;
        double highMatches = 0, high = 0, lowMatches = 0, low = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var l = ids[pairs.Left[i]];
            if (!split.IsHeldOut(l)) continue;
            var isMatch = truth.Contains(l, ids[pairs.Right[i]]) ? 1 : 0;
            if (pairs.Probability[i] >= 0.9) { high++; highMatches += isMatch; }
            if (pairs.Probability[i] <= 0.1) { low++; lowMatches += isMatch; }
        }

        output.WriteLine($"p >= 0.9: {high} pairs, match rate {highMatches / high:F4}; p <= 0.1: {low} pairs, match rate {lowMatches / low:F4}");
        Assert.True(highMatches / high >= 0.9, $"pairs scored >= 0.9 are matches at rate {highMatches / high:F4}");
        Assert.True(lowMatches / low <= 0.1, $"pairs scored <= 0.1 are matches at rate {lowMatches / low:F4}");
    }
}

[Collection(SyntheticJobsCollection.Name)]
public sealed class ScorerSelectionSpec(SyntheticJobs jobs)
{
    [Fact]
    public void Options_select_the_scorer_and_a_learned_model_is_saved_beside_the_job_on_first_use()
    {
        var ws = jobs.EmployeeEmployer;
        var dir = Path.Combine(Path.GetTempPath(), "adrn-scorer-" + Guid.NewGuid().ToString("N"));
        try
        {
            var fs = ws.Score(new LearnedScoringOptions { Scorer = ScorerKind.FellegiSunter }, dir, 0.5);
            Assert.Equal(ws.ScoreFellegiSunter(0.5).Probability, fs.Probability);
            Assert.False(File.Exists(Path.Combine(dir, LearnedScorer.ModelFileName)));

            var options = new LearnedScoringOptions { Scorer = ScorerKind.Learned, IdentifierRule = ["paye_ref"] };
            var first = ws.Score(options, dir, 0.5);
            Assert.True(File.Exists(Path.Combine(dir, LearnedScorer.ModelFileName)));
            Assert.True(File.Exists(Path.Combine(dir, LearnedScorer.MetadataFileName)));
            var second = ws.Score(options, dir, 0.5);
            Assert.Equal(first.Probability, second.Probability);
            Assert.NotEqual(fs.Probability, first.Probability);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Learning_options_file_is_read_in_snake_case_and_unknown_fields_are_refused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-learning-json-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var good = Path.Combine(dir, "learning.json");
            File.WriteAllText(good, """{ "scorer": "learned", "identifier_rule": ["paye_ref"], "rule_share": 0.25, "labels_path": "labels.csv" }""");
            var options = LearnedScoringOptions.Load(good);
            Assert.Equal(ScorerKind.Learned, options.Scorer);
            Assert.Equal(["paye_ref"], options.ExcludedComparisons);
            Assert.Equal(0.25, options.RuleShare);
            Assert.Equal(Path.Combine(dir, "labels.csv"), options.LabelsPath);

            var bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, """{ "scorer": "learned", "trees_count": 3 }""");
            var ex = Assert.Throws<InvalidDataException>(() => LearnedScoringOptions.Load(bad));
            Assert.Contains("trees_count", ex.Message, StringComparison.Ordinal);

            var invalid = Path.Combine(dir, "invalid.json");
            File.WriteAllText(invalid, """{ "rule_share": 0, "trees": 0 }""");
            ex = Assert.Throws<InvalidDataException>(() => LearnedScoringOptions.Load(invalid));
            Assert.Contains("rule_share", ex.Message, StringComparison.Ordinal);
            Assert.Contains("trees", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
