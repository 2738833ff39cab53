using System.Diagnostics;
using System.Text.Json.Nodes;
using Adrn.Learning.Scoring;

namespace Adrn.Learning.Tests;

/// <summary><c>adrn link</c> on a job whose scorer is learned, run as a child process on the shared synthetic data.</summary>
[Collection(SyntheticJobsCollection.Name)]
public sealed class LinkCommandLearnedSpec(SyntheticJobs jobs)
{
    [Fact]
    public async Task Adrn_link_runs_a_learned_scorer_job_in_process_and_says_so()
    {
        var dir = Path.Combine(Path.GetTempPath(), "adrn-link-learned-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(Path.Combine(SyntheticJobs.RepositoryRoot, "examples", "employee-employer.json")))!.AsObject();
            node["scorer"] = "learned";
            node["learning"] = JsonNode.Parse("""{ "identifier_rule": ["paye_ref"], "trees": 30 }""");
            var job = Path.Combine(dir, "job.json");
            File.WriteAllText(job, node.ToJsonString());
            var outDir = Path.Combine(dir, "out");

            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "adrn.dll"));
            foreach (var a in new[] { "link", "--config", job, "--out", outDir, "--var", "data=" + jobs.DataDirectory, "--workers", "2" }) info.ArgumentList.Add(a);
            info.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("adrn link did not finish within 3 minutes");
            }

            await process.WaitForExitAsync();
            var outText = await stdout;
            var errText = await stderr;
            Assert.True(process.ExitCode == 0, errText + outText);
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
