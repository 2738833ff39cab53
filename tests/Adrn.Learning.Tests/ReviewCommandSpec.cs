using Adrn.Learning.Evaluation;
using Adrn.Learning.Review;
using Adrn.Learning.Scoring;

namespace Adrn.Learning.Tests;

/// <summary><c>adrn review</c> end to end, run as a child process on the shared synthetic data.</summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class ReviewCommandSpec(SyntheticJobs jobs)
{
    private static AdrnProcess.Outcome Adrn(params string[] args) => AdrnProcess.Run(TimeSpan.FromMinutes(3), args);

    [Fact]
    public void Sample_import_and_compare_run_the_review_loop_with_the_documented_exit_codes()
    {
        var job = Path.Combine(Path.GetTempPath(), "adrn-review-cli-" + Guid.NewGuid().ToString("N"));
        var config = Path.Combine(RepositoryPaths.Root, "examples", "employee-employer.json");
        try
        {
            var noConfig = Adrn("review", "sample", "--job", job, "--n", "10");
            Assert.Equal(2, noConfig.ExitCode);
            Assert.Contains("--config JOB is required", noConfig.StdErr, StringComparison.Ordinal);

            var sample = Adrn("review", "sample", "--job", job, "--config", config, "--var", "data=" + jobs.DataDirectory, "--n", "40", "--strategy", "stratified");
            Assert.True(sample.ExitCode == 0, sample.StdErr);
            var reviewDir = Path.Combine(job, "review");
            Assert.True(File.Exists(Path.Combine(reviewDir, ClericalReviewWriter.SheetFileName)));
            Assert.True(File.Exists(Path.Combine(reviewDir, ClericalReviewWriter.PageFileName)));
            Assert.True(File.Exists(Path.Combine(job, "model.json")));

            // The reviewer's decisions, simulated from the generator's truth.
            var truth = TruthPairs.Load(jobs.EmployeeEmployerTruth);
            var manifest = ClericalSample.Load(Path.Combine(reviewDir, ClericalSample.ManifestFileName));
            var decisions = Path.Combine(reviewDir, "decisions.csv");
            File.WriteAllLines(decisions, ["id_l,id_r,label", .. manifest.Pairs.Select(p => $"{p.IdLeft},{p.IdRight},{(truth.Contains(p.IdLeft, p.IdRight) ? 1 : 0)}")]);
            var import = Adrn("review", "import", "--job", job, "--labels", decisions);
            Assert.True(import.ExitCode == 0, import.StdErr);
            Assert.Contains("imported 40 decisions", import.StdOut, StringComparison.Ordinal);
            Assert.Contains("precision of", import.StdOut, StringComparison.Ordinal);
            Assert.Contains("95 % interval", import.StdOut, StringComparison.Ordinal);

            var bad = Path.Combine(reviewDir, "bad.csv");
            File.WriteAllLines(bad, ["id_l,id_r,label", $"{manifest.Pairs[0].IdLeft},NO_SUCH_EMPLOYER,1"]);
            var rejected = Adrn("review", "import", "--job", job, "--labels", bad);
            Assert.Equal(1, rejected.ExitCode);
            Assert.Contains("line 2", rejected.StdErr, StringComparison.Ordinal);
            Assert.Contains("NO_SUCH_EMPLOYER", rejected.StdErr, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(job, "learning.json"), """{ "scorer": "learned", "identifier_rule": ["paye_ref"] }""");
            var compare = Adrn("review", "compare", "--job", job);
            Assert.True(compare.ExitCode == 0, compare.StdErr);
            Assert.Contains("fellegi-sunter", compare.StdOut, StringComparison.Ordinal);
            Assert.Contains("learned", compare.StdOut, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(job, LearnedScorer.ModelFileName)));
            Assert.True(File.Exists(Path.Combine(job, LearnedScorer.MetadataFileName)));

            var badN = Adrn("review", "sample", "--job", job, "--n", "0");
            Assert.Equal(2, badN.ExitCode);
        }
        finally
        {
            if (Directory.Exists(job)) Directory.Delete(job, recursive: true);
        }
    }
}
