using System.Text.Json.Nodes;
using Adrn.Learning.Scoring;

namespace Adrn.Learning.Tests;

/// <summary><c>adrn link</c> on a job whose scorer is learned, run as a child process on the shared synthetic data.</summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class LinkCommandLearnedSpec(SyntheticJobs jobs)
{
    [Fact]
    public void Adrn_link_runs_a_learned_scorer_job_in_process_and_says_so()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-link-learned-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "employee-employer.json")))!.AsObject();
            node["scorer"] = "learned";
            node["learning"] = JsonNode.Parse("""{ "identifier_rule": ["paye_ref"], "trees": 30 }""");
            var job = Path.Combine(dir, "job.json");
            File.WriteAllText(job, node.ToJsonString());
            var outDir = Path.Combine(dir, "out");

            var run = AdrnProcess.Run(TimeSpan.FromMinutes(3), "link", "--config", job, "--out", outDir, "--var", "data=" + jobs.DataDirectory, "--workers", "2");
            var outText = run.StdOut;
            var errText = run.StdErr;
            Assert.True(run.ExitCode == 0, errText + outText);
            Assert.Contains("scorer is learned: running in this process", outText, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(outDir, "links.*"));
            Assert.True(File.Exists(Path.Combine(outDir, LearnedScorer.ModelFileName)));
            Assert.Contains("\"scorer\": \"learned\"", File.ReadAllText(Path.Combine(outDir, "report.json")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
