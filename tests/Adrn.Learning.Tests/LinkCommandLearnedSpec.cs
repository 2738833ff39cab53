using System.Text.Json.Nodes;
using Adrn.Learning.Scoring;

namespace Adrn.Learning.Tests;

/// <summary><c>adrn link</c> on a job whose scorer is learned, run as a child process on the shared synthetic data.</summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class LinkCommandLearnedSpec(SyntheticJobs jobs)
{
    [Fact]
    public void Adrn_link_runs_a_learned_scorer_job_on_the_actor_engine_with_the_same_links_as_in_process()
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
            // The job ran on the actor engine: journalled, resumable, partitions scored by the workers.
            Assert.Contains("complete:", outText, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(outDir, ".adrn", "adrn-journal.db")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "partitions"), "scores-*"));
            Assert.NotEmpty(Directory.GetFiles(outDir, "links.*"));
            Assert.True(File.Exists(Path.Combine(outDir, LearnedScorer.ModelFileName)));
            Assert.Contains("\"scorer\": \"learned\"", File.ReadAllText(Path.Combine(outDir, "report.json")), StringComparison.Ordinal);

            // The same job in process (LearnedLinkageJob.Run) gives the same links: one pipeline, two drivers.
            var config = Adrn.Linkage.Configuration.LinkageJobConfig.Load(job, new Dictionary<string, string> { ["data"] = jobs.DataDirectory });
            var reference = LearnedLinkageJob.Run(config, Path.Combine(dir, "reference"), new Adrn.Linkage.LinkageRunOptions { Formats = [Adrn.Linkage.Configuration.SourceFormat.Csv] });
            var engineCsv = Adrn.Tables.TableConverter.ConvertArrowFile(Path.Combine(outDir, "links.arrow"), Adrn.Tables.TableFormat.Csv);
            Assert.True(reference.Links > 1000, $"only {reference.Links} links");
            Assert.Equal(File.ReadAllLines(reference.Files["links"][0]), File.ReadAllLines(engineCsv));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
