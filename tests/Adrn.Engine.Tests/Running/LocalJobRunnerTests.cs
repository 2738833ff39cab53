using Adrn.Engine.Coordination;
using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Running;

/// <summary>Local mode end to end on the protocol fixture job, with the real SQLite journal.</summary>
public sealed class LocalJobRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private async Task<(JobOutcome Outcome, JobDescriptor Job)> RunAsync(string name, int workers, NumberPairsWorkload.Spec spec)
    {
        var job = NumberPairsWorkload.WriteJob(Path.Combine(_dir.Path, name), spec, "job-" + name);
        var options = new LocalEngineOptions
        {
            WorkerCount = workers,
            Journal = JournalOptions.ForSqliteFile(Path.Combine(job.OutputDirectory, ".adrn", JournalOptions.SqliteFileName)),
        };
        var outcome = await LocalJobRunner.RunAsync(JobRequest.Start(job), options, new NumberPairsWorkloadFactory(), null, CancellationToken.None);
        return (outcome, job);
    }

    [Fact]
    public async Task Local_mode_gives_the_same_pairs_and_model_with_one_worker_and_with_four()
    {
        var spec = new NumberPairsWorkload.Spec([.. Enumerable.Range(1, 300)], 7);

        var (one, jobOne) = await RunAsync("one", 1, spec);
        var (four, jobFour) = await RunAsync("four", 4, spec);

        Assert.True(one.Succeeded, one.Error);
        Assert.True(four.Succeeded, four.Error);
        // 300 numbers in 7 residue classes: 6 classes of 43 and 1 of 42 (n = 7..294 step 7 has 42),
        // pairs = 6*C(43,2) + C(42,2) = 6*903 + 861 = 6279.
        Assert.Equal(6279, one.Summary!.PairsWritten);
        Assert.Equal(File.ReadAllBytes(Path.Combine(jobOne.OutputDirectory, "pairs.csv")), File.ReadAllBytes(Path.Combine(jobFour.OutputDirectory, "pairs.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(jobOne.OutputDirectory, "model.json")), File.ReadAllText(Path.Combine(jobFour.OutputDirectory, "model.json")));
    }

    [Fact]
    public async Task Local_mode_journals_start_each_partition_once_per_phase_the_model_and_completion()
    {
        var (outcome, job) = await RunAsync("journal", 3, new NumberPairsWorkload.Spec([.. Enumerable.Range(1, 50)], 5));
        Assert.True(outcome.Succeeded, outcome.Error);

        var events = await JobJournalReader.ReadAsync(
            JournalOptions.ForSqliteFile(Path.Combine(job.OutputDirectory, ".adrn", JournalOptions.SqliteFileName)), job.JobId, CancellationToken.None);

        Assert.IsType<JobJournal.JobStarted>(events[0]);
        Assert.IsType<JobJournal.JobCompleted>(events[^1]);
        var completed = events.OfType<JobJournal.PartitionCompleted>().Select(e => (e.Result.Phase, e.Result.Partition)).ToList();
        Assert.Equal(10, completed.Count);
        Assert.Equal(10, completed.Distinct().Count());
        Assert.Single(events.OfType<JobJournal.ModelTrained>());
    }

    [Fact]
    public async Task Local_mode_fails_a_job_whose_partition_keeps_failing_and_names_the_partition()
    {
        var (outcome, _) = await RunAsync("failing", 2, new NumberPairsWorkload.Spec([.. Enumerable.Range(1, 20)], 4, FailingPartition: 2));

        Assert.False(outcome.Succeeded);
        Assert.Contains("partition 2", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("configured to fail", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("--resume job-failing", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_finished_job_reports_its_outcome_without_running_a_partition_again()
    {
        var (first, job) = await RunAsync("finished", 2, new NumberPairsWorkload.Spec([.. Enumerable.Range(1, 30)], 3));
        Assert.True(first.Succeeded, first.Error);
        var journal = JournalOptions.ForSqliteFile(Path.Combine(job.OutputDirectory, ".adrn", JournalOptions.SqliteFileName));
        var before = await JobJournalReader.ReadAsync(journal, job.JobId, CancellationToken.None);

        var again = await LocalJobRunner.RunAsync(JobRequest.Resume(job.JobId), new LocalEngineOptions { WorkerCount = 2, Journal = journal },
            new NumberPairsWorkloadFactory(), null, CancellationToken.None);
        var after = await JobJournalReader.ReadAsync(journal, job.JobId, CancellationToken.None);

        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(first.Summary!.PairsWritten, again.Summary!.PairsWritten);
        Assert.Equal(before.Count, after.Count);
    }

    public void Dispose() => _dir.Dispose();
}
