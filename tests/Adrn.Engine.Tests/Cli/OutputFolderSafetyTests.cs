using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Cli;

/// <summary>
/// Output folders are safe (issue 15): real <c>adrn link</c> processes on a small FEBRL4 job, each row of the issue's
/// table reproduced and the new behaviour asserted.
/// </summary>
public sealed class OutputFolderSafetyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Job(ScoringLoad load = ScoringLoad.Light) => TestJobs.WriteFebrl4(Path.Combine(_dir.Path, "jobs"), load);

    private static AdrnProcess Link(string job, string outDir, string jobId, params string[] extra) =>
        AdrnProcess.Start(jobId, ["link", "--config", job, "--out", outDir, "--job-id", jobId, "--workers", "2", .. extra]);

    private static void Finish(AdrnProcess p, int expected)
    {
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(120)), p.Output);
        Assert.True(p.ExitCode == expected, $"exit {p.ExitCode}, expected {expected}:\n{p.Output}");
    }

    [Fact]
    public void An_out_folder_holding_another_jobs_outputs_is_refused_and_force_replaces_them_entirely()
    {
        var job = Job();
        var outDir = Path.Combine(_dir.Path, "out");
        using (var first = Link(job, outDir, "first"))
        {
            Finish(first, 0);
        }

        Assert.True(File.Exists(Path.Combine(outDir, "pairs.arrow")));
        using (var second = Link(job, outDir, "second"))
        {
            Finish(second, 2);
            Assert.Contains("holds the outputs of job first", second.Output, StringComparison.Ordinal);
            Assert.Contains("--force", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
        }

        // The second job does not write pairs: with --force nothing of the first job's stays beside its report.
        var noPairs = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(job))!;
        noPairs["outputs"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "formats": ["arrow"] }""");
        var jobWithoutPairs = Path.Combine(_dir.Path, "jobs", "no-pairs.json");
        File.WriteAllText(jobWithoutPairs, noPairs.ToJsonString());
        using (var forced = Link(jobWithoutPairs, outDir, "second", "--force"))
        {
            Finish(forced, 0);
        }

        Assert.False(File.Exists(Path.Combine(outDir, "pairs.arrow")), "the first job's pairs.arrow stayed beside the second job's outputs");
        Assert.Contains("\"job_id\": \"second\"", File.ReadAllText(Path.Combine(outDir, "report.json")), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(outDir, "partitions")), f => File.GetLastWriteTimeUtc(f) < File.GetLastWriteTimeUtc(Path.Combine(outDir, ".adrn", "owner.json")));
    }

    [Fact]
    public void Resuming_a_job_into_a_folder_another_job_used_is_refused()
    {
        var job = Job();
        var outDir = Path.Combine(_dir.Path, "out");
        using (var first = Link(job, outDir, "old-job"))
        {
            Finish(first, 0);
        }

        using (var other = Link(job, outDir, "other-job", "--force"))
        {
            Finish(other, 0);
        }

        using var resume = AdrnProcess.Start("resume", "link", "--resume", "old-job", "--out", outDir);
        Finish(resume, 2);
        Assert.Contains("belongs to job other-job, not old-job", resume.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("complete", resume.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_job_into_a_folder_in_use_is_refused_at_once_without_a_stack_trace()
    {
        var job = Job(ScoringLoad.Heavy);
        var outDir = Path.Combine(_dir.Path, "out");
        using var first = Link(job, outDir, "busy");
        Assert.True(first.WaitForLine(l => l.StartsWith("counting:", StringComparison.Ordinal) || l.StartsWith("scoring:", StringComparison.Ordinal), TimeSpan.FromSeconds(120)), first.Output);
        using (var second = Link(job, outDir, "intruder", "--force"))
        {
            Assert.True(second.WaitForExit(TimeSpan.FromSeconds(30)), second.Output);
            Assert.Equal(2, second.ExitCode);
            Assert.Contains("is in use by busy", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
        }

        Finish(first, 0);
        Assert.Contains("\"job_id\": \"busy\"", File.ReadAllText(Path.Combine(outDir, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_killed_while_replacing_a_folder_leaves_no_mix_and_resumes_to_a_complete_set()
    {
        var job = Job(ScoringLoad.Heavy);
        var outDir = Path.Combine(_dir.Path, "out");
        using (var first = Link(job, outDir, "previous"))
        {
            Finish(first, 0);
        }

        using (var killed = Link(job, outDir, "replacing", "--force"))
        {
            Assert.True(killed.WaitForLine(l => l.StartsWith("scoring:", StringComparison.Ordinal), TimeSpan.FromSeconds(120)), killed.Output);
            killed.Kill();
        }

        // Mid-job: none of the previous job's outputs, none of the killed job's yet.
        foreach (var name in new[] { "links.arrow", "pairs.arrow", "model.json", "report.json", "quarantine.csv" })
            Assert.False(File.Exists(Path.Combine(outDir, name)), $"{name} is in the folder of a job that never finished");

        // A leftover half-written file of the killed run is removed when the job resumes.
        File.WriteAllText(Path.Combine(outDir, "links.arrow.123.abc.tmp"), "half");
        using (var resumed = AdrnProcess.Start("resume", "link", "--resume", "replacing", "--out", outDir))
        {
            Finish(resumed, 0);
        }

        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
        Assert.Contains("\"job_id\": \"replacing\"", File.ReadAllText(Path.Combine(outDir, "report.json")), StringComparison.Ordinal);
        foreach (var name in new[] { "links.arrow", "pairs.arrow", "model.json", "quarantine.csv" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), name);
    }

    public void Dispose() => _dir.Dispose();
}
