using System.Text.Json;
using System.Text.Json.Nodes;
using Adrn.Learning.Configuration;
using Adrn.Learning.Scoring;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Xunit.Abstractions;

namespace Adrn.Learning.Tests;

/// <summary>
/// A job file with <c>"scorer": "learned"</c> run end to end through <see cref="LinkageJob.Run"/> with the learned
/// scorer's hook. Truth is the generator's truth file (independent of both scorers).
/// </summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class LearnedJobSpec(SyntheticJobs jobs, ITestOutputHelper output)
{
    private LinkageJobConfig EmployeeEmployerWith(string scorer, string learning)
    {
        var examples = Path.Combine(RepositoryPaths.Root, "examples");
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(examples, "employee-employer.json")))!.AsObject();
        node["scorer"] = scorer;
        node["learning"] = JsonNode.Parse(learning);
        return LinkageJobConfig.Parse(node.ToJsonString(), examples, new Dictionary<string, string> { ["data"] = jobs.DataDirectory });
    }

    [Fact]
    public void Job_with_learned_scorer_writes_links_at_least_as_good_as_Fellegi_Sunter_on_employee_employer()
    {
        var config = EmployeeEmployerWith("learned", """{ "identifier_rule": ["paye_ref"] }""");
        var root = Path.Combine(Path.GetTempPath(), "adrn-learned-job-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new LinkageRunOptions { TruthPairsPath = jobs.EmployeeEmployerTruth };
            var fs = LinkageJob.Run(config with { Scorer = PairScorerKind.FellegiSunter }, Path.Combine(root, "fs"), options);
            var learnedOut = Path.Combine(root, "learned");
            var learned = LearnedLinkageJob.Run(config, learnedOut, options);
            output.WriteLine($"fellegi-sunter F1 {fs.Evaluation.F1:F4} ({fs.Links} links); learned F1 {learned.Evaluation.F1:F4} ({learned.Links} links); learned timings {string.Join(", ", learned.Timings)}");

            Assert.True(learned.Evaluation.F1 >= fs.Evaluation.F1, $"learned F1 {learned.Evaluation.F1:F4} is below Fellegi–Sunter's {fs.Evaluation.F1:F4}");
            Assert.True(fs.Evaluation.TruthPairs > 10000, $"expected the full employee-employer truth, got {fs.Evaluation.TruthPairs}");
            // The files of the learned model sit beside model.json, and the report names the scorer.
            Assert.True(File.Exists(Path.Combine(learnedOut, LearnedScorer.ModelFileName)));
            Assert.True(File.Exists(Path.Combine(learnedOut, LearnedScorer.MetadataFileName)));
            Assert.True(File.Exists(Path.Combine(learnedOut, "model.json")));
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(learnedOut, "report.json")));
            Assert.Equal("learned", report.RootElement.GetProperty("scorer").GetString());
            Assert.Equal("direct_identifier", report.RootElement.GetProperty("classifications").GetProperty("paye_ref").GetString());
            Assert.Equal("quasi_identifier", report.RootElement.GetProperty("classifications").GetProperty("employer_postcode").GetString());
            // The links differ from Fellegi–Sunter's: they come from the trees, not the level weights.
            Assert.NotEqual(fs.PairsKept, learned.PairsKept);

            // Given the run's model.json, a second run loads the saved trees beside it instead of training: same links.
            var reloaded = new LearnedPairScorer(LearnedScoringOptions.FromJob(config));
            var again = LinkageJob.Run(config, Path.Combine(root, "again"), options with { ModelPath = Path.Combine(learnedOut, "model.json"), PairScorer = reloaded });
            Assert.True(reloaded.Loaded);
            Assert.Equal(learned.Links, again.Links);
            Assert.Equal(learned.Evaluation.F1, again.Evaluation.F1);
            Assert.True(File.Exists(Path.Combine(root, "again", LearnedScorer.ModelFileName)));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Invalid_learning_object_is_refused_with_every_problem_before_any_work()
    {
        var config = EmployeeEmployerWith("learned", """{ "identifier_rule": ["payee_ref"], "trees": 0, "labels_path": "no-such-labels.csv" }""");
        var ex = Assert.Throws<ConfigValidationException>(() => LearnedScoringOptions.FromJob(config));
        Assert.Contains(ex.Problems, p => p.StartsWith("learning.trees", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("'payee_ref' is not a comparison", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("learning.labels_path", StringComparison.Ordinal));

        var unknown = EmployeeEmployerWith("learned", """{ "identifier_rule": ["paye_ref"], "tres": 10 }""");
        Assert.Throws<ConfigValidationException>(() => LearnedLinkageJob.OptionsFor(unknown));
        Assert.Null(LearnedLinkageJob.OptionsFor(unknown with { Scorer = PairScorerKind.FellegiSunter }).PairScorer);
        Assert.IsType<LearnedPairScorer>(LearnedLinkageJob.OptionsFor(EmployeeEmployerWith("learned", """{ "identifier_rule": ["paye_ref"] }""")).PairScorer);
    }
}
