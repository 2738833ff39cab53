using Adrn.Engine.Jobs;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Engine.Workers;
using Adrn.Engine.Workloads;
using static Adrn.Engine.Coordination.JobCoordinatorProtocol;

namespace Adrn.Engine.Tests.Workers;

/// <summary>The worker's side of work pulling; a TestProbe plays the job registry.</summary>
public sealed class PartitionWorkerSpec : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly WorkloadCache _workloads = new(new NumberPairsWorkloadFactory());

    public PartitionWorkerSpec()
        : base("akka.loglevel = WARNING")
    {
    }

    private static readonly PartitionWorkerSettings QuietPolling = new() { PollInterval = TimeSpan.FromMinutes(5) };

    /// <summary>No task ahead: the worker asks for the next task only after reporting the last.</summary>
    private static readonly PartitionWorkerSettings OneAtATime = QuietPolling with { TasksAhead = 0 };

    [Fact]
    public void Worker_must_ask_for_a_task_as_soon_as_it_starts()
    {
        var jobs = CreateTestProbe();
        Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, _workloads, QuietPolling));

        jobs.ExpectMsg<RequestTask>();
    }

    [Fact]
    public void Worker_with_no_task_ahead_must_run_its_task_write_the_result_atomically_and_only_then_ask_again()
    {
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3, 4, 5, 6], 2, MillisecondsPerPartition: 300));
        var jobs = CreateTestProbe();
        Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, _workloads, OneAtATime));
        var ask = jobs.ExpectMsg<RequestTask>();

        jobs.Reply(new PartitionTask(job, JobPhase.Counting, 1, 1, null));
        // Nothing comes before the report: no request while the task runs.
        var done = jobs.ExpectMsg<CompletePartition>(TimeSpan.FromSeconds(10));
        var again = jobs.ExpectMsg<RequestTask>();
        jobs.ExpectNoMsg(TimeSpan.FromMilliseconds(600));

        Assert.Equal((1, 0), (ask.Capacity, ask.Holding.Count));
        Assert.Equal((1, 0), (again.Capacity, again.Holding.Count));

        // Partition 1 of {1..6} mod 2 is {1,3,5}: 3 pairs, all with even sums.
        var path = Path.Combine(job.OutputDirectory, done.Result.RelativePath);
        Assert.Equal((JobPhase.Counting, 1, 3L), (done.Result.Phase, done.Result.Partition, done.Result.PairsCompared));
        Assert.Equal("3 3", File.ReadAllText(path));
        Assert.Equal(PartitionResultFile.Sha256(path), done.Result.Sha256);
        Assert.Empty(Directory.GetFiles(job.PartitionDirectory, "*.tmp"));
    }

    [Fact]
    public void Worker_must_hold_one_task_ahead_and_start_it_the_moment_the_last_ends_never_beside_it()
    {
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3, 4, 5, 6], 2, MillisecondsPerPartition: 300));
        var jobs = CreateTestProbe();
        var worker = Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, _workloads, QuietPolling));
        var ask = jobs.ExpectMsg<RequestTask>();
        var one = new PartitionTask(job, JobPhase.Counting, 1, 1, null);
        var zero = new PartitionTask(job, JobPhase.Counting, 0, 1, null);

        jobs.Reply(one);
        // Running partition 1, it asks at once for the task ahead, listing what it holds.
        var ahead = jobs.ExpectMsg<RequestTask>();
        jobs.Reply(zero);
        // Holding two, its capacity, it asks for nothing more; a copy of a task it holds changes nothing.
        jobs.Send(worker, zero);
        jobs.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        var first = jobs.ExpectMsg<CompletePartition>(TimeSpan.FromSeconds(10));
        var firstAt = DateTime.UtcNow;
        // Partition 0 started before the report went out: the request lists it.
        var next = jobs.ExpectMsg<RequestTask>();
        var second = jobs.ExpectMsg<CompletePartition>(TimeSpan.FromSeconds(10));
        var gap = DateTime.UtcNow - firstAt;
        var last = jobs.ExpectMsg<RequestTask>();
        jobs.ExpectNoMsg(TimeSpan.FromMilliseconds(600));

        Assert.Equal((2, 0), (ask.Capacity, ask.Holding.Count));
        Assert.Equal([new HeldTask(job.JobId, JobPhase.Counting, 1)], ahead.Holding);
        Assert.Equal((1, 0), (first.Result.Partition, second.Result.Partition));
        Assert.Equal([new HeldTask(job.JobId, JobPhase.Counting, 0)], next.Holding);
        Assert.Empty(last.Holding);
        // One at a time: partition 0 (300 ms) ran after partition 1, not beside it.
        Assert.True(gap >= TimeSpan.FromMilliseconds(250), $"the second report came {gap.TotalMilliseconds:F0} ms after the first");
    }

    [Fact]
    public void Worker_must_report_a_failing_partition_and_ask_for_more_work()
    {
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3], 1, FailingPartition: 0));
        var jobs = CreateTestProbe();
        Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, _workloads, QuietPolling));
        jobs.ExpectMsg<RequestTask>();

        jobs.Reply(new PartitionTask(job, JobPhase.Counting, 0, 1, null));
        // It asks for the task ahead as it starts, then reports the failure and asks again, holding nothing.
        jobs.ExpectMsg<RequestTask>();
        var failed = jobs.ExpectMsg<FailPartition>(TimeSpan.FromSeconds(10));
        Assert.Empty(jobs.ExpectMsg<RequestTask>().Holding);

        Assert.Equal(0, failed.Partition);
        Assert.Contains("configured to fail", failed.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(job.OutputDirectory, PartitionResultFile.RelativePath(JobPhase.Counting, 0))));
    }

    [Fact]
    public void Worker_told_to_prepare_a_job_opens_its_workload_before_any_task_once_per_node()
    {
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3, 4], 2));
        var factory = new NumberPairsWorkloadFactory();
        using var workloads = new WorkloadCache(factory);
        var jobs = CreateTestProbe();
        var first = Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, workloads, OneAtATime));
        var second = Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, workloads, OneAtATime));
        jobs.ExpectMsg<RequestTask>();
        jobs.ExpectMsg<RequestTask>();

        jobs.Send(first, new PrepareJob(job));
        jobs.Send(second, new PrepareJob(job));
        AwaitAssert(() => Assert.Contains(job.JobId, workloads.OpenJobs), TimeSpan.FromSeconds(10));
        // Preparing is not a task: nothing is reported, and the two workers of the node prepared the job once.
        jobs.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, factory.Opened);

        jobs.Send(first, new PartitionTask(job, JobPhase.Counting, 0, 1, null));
        jobs.ExpectMsg<CompletePartition>(TimeSpan.FromSeconds(10));
        Assert.Equal(1, factory.Opened);
    }

    [Fact]
    public void Worker_given_a_copy_of_the_task_it_just_finished_reports_it_again_without_running_it_again()
    {
        // The coordinator re-sends a held task to a worker that asks again before the task arrives; such a copy
        // can come after the run has ended. Running it again would cost a whole partition (1.5 s here).
        var job = NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([1, 2, 3, 4, 5, 6], 2, MillisecondsPerPartition: 1_500));
        var jobs = CreateTestProbe();
        var worker = Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, _workloads, OneAtATime));
        jobs.ExpectMsg<RequestTask>();
        var task = new PartitionTask(job, JobPhase.Counting, 1, 1, null);
        jobs.Reply(task);
        var first = jobs.ExpectMsg<CompletePartition>(TimeSpan.FromSeconds(10));
        jobs.ExpectMsg<RequestTask>();

        jobs.Send(worker, task);
        var again = jobs.ExpectMsg<CompletePartition>(TimeSpan.FromMilliseconds(700));
        Assert.Equal(first.Result, again.Result);

        // If its file was damaged meanwhile, the copy is run again rather than reported.
        File.WriteAllText(Path.Combine(job.OutputDirectory, first.Result.RelativePath), "damaged");
        jobs.Send(worker, task);
        jobs.ExpectNoMsg(TimeSpan.FromMilliseconds(700));
        Assert.Equal(first.Result, jobs.ExpectMsg<CompletePartition>(TimeSpan.FromSeconds(10)).Result);
        jobs.ExpectMsg<RequestTask>();

        // A later attempt of the same partition (the coordinator thought the worker lost) is run.
        jobs.Send(worker, task with { Attempt = 2 });
        jobs.ExpectNoMsg(TimeSpan.FromMilliseconds(700));
        var rerun = jobs.ExpectMsg<CompletePartition>(TimeSpan.FromSeconds(10));
        Assert.Equal(1, rerun.Result.Partition);
    }

    [Fact]
    public void Worker_must_poll_again_while_idle()
    {
        var jobs = CreateTestProbe();
        Sys.ActorOf(PartitionWorkerProtocol.Props(jobs.Ref, _workloads, new PartitionWorkerSettings { PollInterval = TimeSpan.FromMilliseconds(200) }));

        jobs.ExpectMsg<RequestTask>();
        jobs.Reply(NoTaskAvailable.Instance);
        // The poll comes every 200 ms; without it no request would come at all. 10 s, not 2: on a loaded 2-core machine
        // (a clean-clone run at load 5) the test host's scheduler once let 2 s pass.
        jobs.ExpectMsg<RequestTask>(TimeSpan.FromSeconds(10));
    }

    public new void Dispose()
    {
        _workloads.Dispose();
        base.Dispose();
        _dir.Dispose();
    }
}
