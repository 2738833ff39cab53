using System.Text.Json.Nodes;
using Adrn.Engine.Coordination;
using Adrn.Engine.Hosting;
using Adrn.Engine.Registry;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Cli;

/// <summary>
/// <c>adrn link</c> (local mode, a real process) on jobs that cannot be opened — the rows of issue 15's table
/// "missing column / cap exceeded found while opening" and "unset ${data}": each is one message on standard
/// error, exit code 2 (the job file needs fixing), no stack trace, and no journal entry a resume could pick up.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class LinkFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>FEBRL4 with the example's blocking rules, changed by <paramref name="change"/>.</summary>
    private string Job(string name, Action<JsonObject> change)
    {
        var path = TestJobs.WriteFebrl4(Path.Combine(_dir.Path, name), ScoringLoad.Light);
        var job = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(job);
        File.WriteAllText(path, job.ToJsonString());
        return path;
    }

    private static AdrnProcess Link(params string[] args)
    {
        var link = AdrnProcess.Start("link", ["link", "--workers", "1", .. args]);
        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output);
        return link;
    }

    private static void AssertOneMessageWithoutStackTrace(AdrnProcess link, string expected)
    {
        var errors = link.Lines.Where(l => l.StartsWith("[stderr] ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count >= 1 && errors[0].StartsWith("[stderr] adrn link: ", StringComparison.Ordinal), link.Output);
        Assert.Single(errors, l => l.StartsWith("[stderr] adrn", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(link.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("[ERROR]", StringComparison.Ordinal));
    }

    private static async Task AssertNothingJournalledAsync(string outDir, string jobId)
    {
        var journal = JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName));
        Assert.Empty(await JobJournalReader.ReadAsync(journal, jobId, CancellationToken.None));
        // The registry's persistence id is adrn-job-registry, which is what the reader makes of the id "registry".
        var registry = await JobJournalReader.ReadAsync(journal, "registry", CancellationToken.None);
        Assert.DoesNotContain(registry, e => e is RegistryJournal.JobRegistered r && r.JobId == jobId);
    }

    [Fact]
    public async Task A_missing_column_exits_2_with_one_message_leaves_nothing_to_resume_and_frees_the_job_id()
    {
        var job = Job("missing-column", j => j["sources"]![1]!["columns"]!["first_name"] = "given_nme");
        var outDir = Path.Combine(_dir.Path, "out");

        using var link = Link("--config", job, "--out", outDir, "--job-id", "typo");

        Assert.True(link.ExitCode == 2, link.Output);
        AssertOneMessageWithoutStackTrace(link, "no column 'given_nme'");
        Assert.Contains(link.Lines, l => l.Contains("nothing to resume", StringComparison.Ordinal));
        await AssertNothingJournalledAsync(outDir, "typo");

        // The advice "fix the cause, then resume" would fail: there is nothing to resume, and the command says so.
        using (var resume = Link("--resume", "typo", "--out", outDir))
        {
            Assert.True(resume.ExitCode == 2, resume.Output);
            // (Refused at its inputs, the job never claimed the folder: the folder check says so before the journal is read.)
            AssertOneMessageWithoutStackTrace(resume, "no job typo was started there, so there is nothing to resume");
        }

        // The corrected job starts under the same id.
        File.WriteAllText(job, File.ReadAllText(job).Replace("given_nme", "given_name", StringComparison.Ordinal));
        using var fixedJob = Link("--config", job, "--out", outDir, "--job-id", "typo");
        Assert.True(fixedJob.ExitCode == 0, fixedJob.Output);
        Assert.Contains(fixedJob.Lines, l => l.StartsWith("job typo complete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_over_its_comparison_cap_exits_2_and_leaves_nothing_to_resume()
    {
        var job = Job("capped", j => j["max_comparisons"] = 1000);
        var outDir = Path.Combine(_dir.Path, "out");

        using var link = Link("--config", job, "--out", outDir, "--job-id", "capped");

        Assert.True(link.ExitCode == 2, link.Output);
        AssertOneMessageWithoutStackTrace(link, "max_comparisons");
        await AssertNothingJournalledAsync(outDir, "capped");
    }

    [Fact]
    public void An_unset_variable_exits_2_and_its_hint_names_the_var_option()
    {
        var job = Job("variable", j => j["sources"]![0]!["path"] = "${data}/dataset4a_clean.csv");

        using var link = Link("--config", job, "--out", Path.Combine(_dir.Path, "out"), "--job-id", "novar");

        Assert.True(link.ExitCode == 2, link.Output);
        AssertOneMessageWithoutStackTrace(link, "variable '${data}' has no value (pass it with --var data=DIR)");
        Assert.DoesNotContain(link.Lines, l => l.Contains("--data DIR", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
