using Adrn.Engine.Coordination;
using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Linkage.Job;

namespace Adrn.Engine.Tests.Resume;

/// <summary>
/// The coordinator's process (<c>adrn link</c> in local mode) killed with SIGKILL mid-job, then
/// <c>adrn link --resume</c>: the job completes with the same output and the journal shows that no
/// finished partition was scored again. Once with the default SQLite journal and once with a
/// real PostgreSQL server started by the test.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class CoordinatorKillTests(Baselines baselines, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_killed_coordinator_resumes_from_its_SQLite_journal_without_rescoring_finished_partitions()
    {
        var outDir = Path.Combine(_dir.Path, "out");
        await KillAndResumeAsync(outDir, "resume-sqlite", [],
            JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName)));
    }

    [Fact]
    public async Task A_killed_coordinator_resumes_from_its_PostgreSQL_journal_without_rescoring_finished_partitions()
    {
        using var postgres = new PostgresServer();
        var outDir = Path.Combine(_dir.Path, "out");
        await KillAndResumeAsync(outDir, "resume-postgres", ["--journal-connection", postgres.ConnectionString],
            JournalOptions.ForPostgreSql(postgres.ConnectionString));
    }

    [Fact]
    public async Task A_coordinator_killed_while_counting_patterns_resumes_without_recounting_finished_units()
    {
        var outDir = Path.Combine(_dir.Path, "out");
        const string jobId = "resume-counting";
        var journal = JournalOptions.ForSqliteFile(Path.Combine(outDir, ".adrn", JournalOptions.SqliteFileName));
        var job = baselines.JobFile(ScoringLoad.Medium);
        // The coordinator waits right after journalling the 4th counting unit (FaultPoint), so the kill lands
        // mid-counting however fast the machine counts the rest.
        using (var first = AdrnProcess.Start("link", PauseAt("counted:4"), ["link", "--config", job, "--out", outDir, "--job-id", jobId, "--workers", "1"]))
        {
            Assert.True(first.WaitForLine("paused at counted:4", TimeSpan.FromSeconds(120)), first.Output);
            first.Kill();
        }

        var before = await JobJournalReader.ReadAsync(journal, jobId, CancellationToken.None);
        var units = Assert.Single(before.OfType<JobJournal.JobStarted>()).CountingUnits;
        var countedBefore = Counted(before);
        Assert.True(units > 4, $"{units} counting units: too few to kill the job in the middle of counting");
        Assert.Equal(4, countedBefore.Count);
        output.WriteLine($"killed after {countedBefore.Count} of {units} counting units were journalled");

        using (var resumed = AdrnProcess.Start("resume", ["link", "--resume", jobId, "--out", outDir, "--workers", "1"]))
        {
            Assert.True(resumed.WaitForExit(TimeSpan.FromSeconds(120)), resumed.Output);
            Assert.True(resumed.ExitCode == 0, resumed.Output);
        }

        var after = await JobJournalReader.ReadAsync(journal, jobId, CancellationToken.None);
        var countedAfter = Counted(after);
        // Every counting unit journalled exactly once: those counted before the kill were not counted again.
        Assert.Equal(units, countedAfter.Count);
        Assert.Equal(units, countedAfter.Distinct().Count());
        Assert.Equal(countedBefore, countedAfter.Take(countedBefore.Count));
        Assert.Single(after.OfType<JobJournal.ModelTrained>());
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Medium), outDir);
    }

    private async Task KillAndResumeAsync(string outDir, string jobId, string[] journalArgs, JournalOptions journal)
    {
        var job = baselines.JobFile(ScoringLoad.Medium);
        using (var first = AdrnProcess.Start("link", PauseAt("scored:4"), ["link", "--config", job, "--out", outDir, "--job-id", jobId, "--workers", "1", .. journalArgs]))
        {
            Assert.True(first.WaitForLine("paused at scored:4", TimeSpan.FromSeconds(120)), first.Output);
            first.Kill();
            Assert.DoesNotContain(first.Lines, l => l.Contains("complete", StringComparison.Ordinal));
        }

        var before = await JobJournalReader.ReadAsync(journal, jobId, CancellationToken.None);
        var scoredBefore = Scored(before);
        Assert.Equal(4, scoredBefore.Count);
        Assert.DoesNotContain(before, e => e is JobJournal.JobCompleted);

        using (var resumed = AdrnProcess.Start("resume", ["link", "--resume", jobId, "--out", outDir, "--workers", "1", .. journalArgs]))
        {
            Assert.True(resumed.WaitForExit(TimeSpan.FromSeconds(120)), resumed.Output);
            Assert.True(resumed.ExitCode == 0, resumed.Output);
        }

        var after = await JobJournalReader.ReadAsync(journal, jobId, CancellationToken.None);
        var scoredAfter = Scored(after);
        // Each of the 32 partitions was journalled as scored exactly once: the ones finished before
        // the kill were not handed out again.
        Assert.Equal(32, scoredAfter.Count);
        Assert.Equal(32, scoredAfter.Distinct().Count());
        Assert.Equal(scoredBefore, scoredAfter.Take(scoredBefore.Count));
        Assert.Single(after.OfType<JobJournal.JobStarted>());
        Assert.Single(after.OfType<JobJournal.ModelTrained>());
        // Training counted every unit before the kill; the resumed run counted none again.
        var units = Assert.Single(after.OfType<JobJournal.JobStarted>()).CountingUnits;
        Assert.True(units > 0);
        Assert.Equal(Counted(before), Counted(after));
        Assert.Equal(units, Counted(after).Distinct().Count());
        Assert.IsType<JobJournal.JobCompleted>(after[^1]);
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Medium), outDir);
    }

    private static Dictionary<string, string> PauseAt(string point) => new() { [FaultPoint.Variable] = point };

    private static List<int> Scored(IReadOnlyList<object> events) =>
        [.. events.OfType<JobJournal.PartitionCompleted>().Where(e => e.Result.Phase == JobPhase.Scoring).Select(e => e.Result.Partition)];

    private static List<int> Counted(IReadOnlyList<object> events) =>
        [.. events.OfType<JobJournal.PartitionCompleted>().Where(e => e.Result.Phase == JobPhase.Counting).Select(e => e.Result.Partition)];

    public void Dispose() => _dir.Dispose();
}
