using Adrn.Engine.Coordination;
using Adrn.Engine.Jobs;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Engine.Workloads;
using Akka.Actor;
using Akka.TestKit;
using static Adrn.Engine.Coordination.JobCoordinatorProtocol;

namespace Adrn.Engine.Tests.Coordination;

/// <summary>
/// The coordinator's side of work pulling, driven by TestProbes standing in for workers (the
/// probes send exactly what a worker sends). Journal: Akka's in-memory journal, which survives a
/// coordinator's restart within one actor system.
/// </summary>
public sealed class JobCoordinatorSpec : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string Hocon = """
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.local"
        akka.persistence.snapshot-store.local.dir = "snapshots-unused"
        """;

    private readonly TempDirectory _dir = new();
    private readonly WorkloadCache _workloads = new(new NumberPairsWorkloadFactory());

    public JobCoordinatorSpec()
        : base(Hocon)
    {
    }

    private JobDescriptor Job(int partitions, int? failing = null) =>
        NumberPairsWorkload.WriteJob(_dir.Path, new NumberPairsWorkload.Spec([.. Enumerable.Range(1, 40)], partitions, failing), "job-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>Starts a coordinator and waits until it hands out tasks (it first opens the workload off-thread).</summary>
    private IActorRef StartCoordinator(JobDescriptor? job, string jobId, JobCoordinatorSettings? settings = null)
    {
        var coordinator = Sys.ActorOf(JobCoordinatorProtocol.Props(jobId, job, _workloads, settings ?? JobCoordinatorSettings.Default));
        var asker = CreateTestProbe();
        AwaitAssert(() =>
        {
            asker.Send(coordinator, GetJobStatus.Instance);
            Assert.True(asker.ExpectMsg<JobStatus>().HandingOut);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        return coordinator;
    }

    /// <summary>Runs a task the way a worker does and returns the report it would send.</summary>
    private CompletePartition Run(PartitionTask task)
    {
        var workload = _workloads.Get(task.Job);
        var result = PartitionResultFile.Write(task.Job, task.Phase, task.Partition, path => task.Phase == JobPhase.Counting
            ? workload.CountPatterns(task.Partition, path, CancellationToken.None)
            : workload.ScorePartition(task.Partition, task.ModelJson!, path, CancellationToken.None));
        return new CompletePartition(task.Job.JobId, result);
    }

    [Fact]
    public void Coordinator_must_hand_out_one_task_per_request_in_partition_order()
    {
        var job = Job(partitions: 4);
        var coordinator = StartCoordinator(job, job.JobId);
        var worker = CreateTestProbe();

        worker.Send(coordinator, RequestTask.Instance);
        var first = worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));
        worker.Send(coordinator, Run(first));
        worker.Send(coordinator, RequestTask.Instance);
        var second = worker.ExpectMsg<PartitionTask>();

        Assert.Equal((JobPhase.Counting, 0, 1), (first.Phase, first.Partition, first.Attempt));
        Assert.Equal((JobPhase.Counting, 1), (second.Phase, second.Partition));
        Assert.Null(first.ModelJson);
    }

    [Fact]
    public void Coordinator_must_never_give_a_worker_a_second_task_before_it_reports_the_first()
    {
        // Back-pressure: a worker that asks again while holding a task gets the same task back,
        // never a new one, so a worker holds at most one partition whatever the job size.
        var job = Job(partitions: 4);
        var coordinator = StartCoordinator(job, job.JobId);
        var worker = CreateTestProbe();

        worker.Send(coordinator, RequestTask.Instance);
        var held = worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));
        worker.Send(coordinator, RequestTask.Instance);
        worker.Send(coordinator, RequestTask.Instance);
        var again1 = worker.ExpectMsg<PartitionTask>();
        var again2 = worker.ExpectMsg<PartitionTask>();
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        coordinator.Tell(GetJobStatus.Instance, TestActor);
        var status = ExpectMsg<JobStatus>();

        Assert.Equal(held.Partition, again1.Partition);
        Assert.Equal(held.Partition, again2.Partition);
        Assert.Single(status.InFlight);
    }

    [Fact]
    public void Coordinator_must_give_a_worker_that_holds_tasks_ahead_up_to_its_capacity_and_no_more()
    {
        // A worker with one task ahead (capacity 2) asks again as soon as it receives a task, listing what it holds;
        // it gets a second, distinct task, and a third request while it holds both gets nothing new.
        var job = Job(partitions: 4);
        var coordinator = StartCoordinator(job, job.JobId);
        var worker = CreateTestProbe();

        var (first, second) = TakeTwo(coordinator, worker, capacity: 2);
        worker.Send(coordinator, new RequestTask(2, [Held(first), Held(second)]));
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        coordinator.Tell(GetJobStatus.Instance, TestActor);
        var status = ExpectMsg<JobStatus>();

        Assert.Equal((0, 1), (first.Partition, second.Partition));
        Assert.Equal([0, 1], status.InFlight.Keys.Order());
        Assert.All(status.InFlight.Values, path => Assert.Equal(worker.Ref.Path.ToString(), path));

        // Reporting one makes room for one more.
        worker.Send(coordinator, Run(first));
        worker.Send(coordinator, new RequestTask(2, [Held(second)]));
        Assert.Equal(2, worker.ExpectMsg<PartitionTask>().Partition);
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Coordinator_must_send_again_a_task_the_worker_does_not_list_and_nothing_new_while_it_is_full()
    {
        // The worker lists only the second task: the first has not reached it (or was lost). It gets the first again,
        // same attempt, and no third, since it holds two by the coordinator's count.
        var job = Job(partitions: 4);
        var coordinator = StartCoordinator(job, job.JobId);
        var worker = CreateTestProbe();
        var (first, second) = TakeTwo(coordinator, worker, capacity: 2);

        worker.Send(coordinator, new RequestTask(2, [Held(second)]));
        var again = worker.ExpectMsg<PartitionTask>();
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal((first.Partition, first.Attempt), (again.Partition, again.Attempt));

        // A listed task of another job or phase does not stand for this one.
        worker.Send(coordinator, new RequestTask(2, [Held(second), new HeldTask(job.JobId, JobPhase.Scoring, first.Partition)]));
        Assert.Equal(first.Partition, worker.ExpectMsg<PartitionTask>().Partition);
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Coordinator_must_hand_out_again_every_task_a_lost_worker_held()
    {
        var job = Job(partitions: 3);
        var coordinator = StartCoordinator(job, job.JobId);
        var doomed = CreateTestProbe();
        var (a, b) = TakeTwo(coordinator, doomed, capacity: 2);
        var survivor = CreateTestProbe();
        survivor.Send(coordinator, new RequestTask(3, []));
        var c = survivor.ExpectMsg<PartitionTask>();
        survivor.Send(coordinator, new RequestTask(3, [Held(c)]));
        survivor.ExpectMsg<NoTaskAvailable>();

        Sys.Stop(doomed.Ref);
        // The waiting survivor is served one as soon as the loss is seen, without asking again; holding two of its
        // three, it asks again (as a worker does on receiving a task) and gets the other.
        var first = survivor.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(5));
        survivor.Send(coordinator, new RequestTask(3, [Held(c), Held(first)]));
        var again = new[] { first, survivor.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(5)) };

        Assert.Equal(2, c.Partition);
        Assert.Equal([a.Partition, b.Partition], again.Select(t => t.Partition).Order());
        Assert.All(again, t => Assert.Equal(2, t.Attempt));
    }

    private static HeldTask Held(PartitionTask task) => new(task.Job.JobId, task.Phase, task.Partition);

    // A worker with room for `capacity` tasks asks, receives one and asks again listing it (as PartitionWorker does on
    // accepting a task): it holds two.
    private static (PartitionTask First, PartitionTask Second) TakeTwo(IActorRef coordinator, TestProbe worker, int capacity)
    {
        worker.Send(coordinator, new RequestTask(capacity, []));
        var first = worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));
        worker.Send(coordinator, new RequestTask(capacity, [Held(first)]));
        return (first, worker.ExpectMsg<PartitionTask>());
    }

    [Fact]
    public void Coordinator_must_not_send_tasks_nobody_asked_for()
    {
        var job = Job(partitions: 3);
        var coordinator = StartCoordinator(job, job.JobId);
        var idle = CreateTestProbe();
        var busy = CreateTestProbe();

        busy.Send(coordinator, RequestTask.Instance);
        busy.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));

        // The idle probe never asked: whatever happens, it gets nothing.
        idle.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        coordinator.Tell(GetJobStatus.Instance, TestActor);
        Assert.Single(ExpectMsg<JobStatus>().InFlight);
    }

    [Fact]
    public void Coordinator_must_hold_an_early_worker_until_the_job_is_open_and_hand_it_a_task_as_soon_as_it_is()
    {
        // The coordinator cannot open the job until the gate opens (reading large inputs takes seconds), so a
        // worker asking meanwhile cannot get a task. Nor is it told to prepare the job yet: a worker on another node
        // prepares from the files the coordinator's node writes when it has opened the job (no other process reads
        // the raw inputs). It must be served the moment the job is open, without having to ask again.
        using var gated = new GatedWorkloadFactory();
        using var workloads = new WorkloadCache(gated);
        var job = Job(partitions: 2);
        var coordinator = Sys.ActorOf(JobCoordinatorProtocol.Props(job.JobId, job, workloads, JobCoordinatorSettings.Default));
        var worker = CreateTestProbe();

        worker.Send(coordinator, RequestTask.Instance);
        worker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        gated.Open();
        var task = worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));
        Assert.Equal(JobPhase.Counting, task.Phase);
        Assert.Equal(0, task.Partition);
    }

    [Fact]
    public void Coordinator_must_reassign_tasks_of_a_lost_worker()
    {
        var job = Job(partitions: 2);
        var coordinator = StartCoordinator(job, job.JobId);
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();

        doomed.Send(coordinator, RequestTask.Instance);
        var lost = doomed.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));
        survivor.Send(coordinator, RequestTask.Instance);
        var own = survivor.ExpectMsg<PartitionTask>();
        survivor.Send(coordinator, Run(own));
        survivor.Send(coordinator, RequestTask.Instance);
        survivor.ExpectMsg<NoTaskAvailable>();

        Sys.Stop(doomed.Ref);
        var handedOutAgain = survivor.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(5));

        Assert.Equal(lost.Partition, handedOutAgain.Partition);
        Assert.Equal(lost.Phase, handedOutAgain.Phase);
        Assert.Equal(2, handedOutAgain.Attempt);
    }

    [Fact]
    public void Coordinator_must_reassign_tasks_held_on_an_unreachable_node()
    {
        var job = Job(partitions: 2);
        var coordinator = StartCoordinator(job, job.JobId);
        var onLostNode = CreateTestProbe();
        onLostNode.Send(coordinator, RequestTask.Instance);
        var lost = onLostNode.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));

        // The probes live in this actor system, so "the node" here is this system's address.
        coordinator.Tell(new ReleaseTasksOfNode(onLostNode.Ref.Path.Address.ToString()));
        var other = CreateTestProbe();
        other.Send(coordinator, RequestTask.Instance);
        var first = other.ExpectMsg<PartitionTask>();

        Assert.Equal(lost.Partition, first.Partition);
    }

    [Fact]
    public void Coordinator_must_keep_the_first_result_of_a_partition_that_ran_twice()
    {
        var job = Job(partitions: 2);
        var coordinator = StartCoordinator(job, job.JobId);
        var slow = CreateTestProbe();
        var fast = CreateTestProbe();
        slow.Send(coordinator, RequestTask.Instance);
        var task = slow.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));
        coordinator.Tell(new ReleaseTasksOfNode(slow.Ref.Path.Address.ToString()));
        fast.Send(coordinator, RequestTask.Instance);
        var again = fast.ExpectMsg<PartitionTask>();

        fast.Send(coordinator, Run(again));
        slow.Send(coordinator, Run(task));
        coordinator.Tell(GetJobStatus.Instance, TestActor);
        var status = ExpectMsg<JobStatus>();

        Assert.Equal(task.Partition, again.Partition);
        Assert.Equal([task.Partition], status.Counted);
    }

    [Fact]
    public void Coordinator_must_train_once_every_partition_is_counted_then_hand_out_scoring_tasks_with_the_model()
    {
        var job = Job(partitions: 3);
        var coordinator = StartCoordinator(job, job.JobId);
        var worker = CreateTestProbe();
        for (var i = 0; i < 3; i++)
        {
            worker.Send(coordinator, RequestTask.Instance);
            worker.Send(coordinator, Run(worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10))));
        }

        // Training runs off the coordinator's thread; until it ends, requests get NoTaskAvailable.
        PartitionTask? task = null;
        AwaitAssert(() =>
        {
            worker.Send(coordinator, RequestTask.Instance);
            task = Assert.IsType<PartitionTask>(worker.ReceiveOne(TimeSpan.FromSeconds(1)));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));

        Assert.Equal(JobPhase.Scoring, task!.Phase);
        Assert.Equal(0, task.Partition);
        // 40 numbers in 3 partitions (14, 13, 13): C(14,2)+2*C(13,2) = 91+156 = 247 pairs; the
        // even-sum pairs are counted independently here from the numbers' parities.
        var even = Enumerable.Range(0, 3).Sum(p =>
        {
            var members = Enumerable.Range(1, 40).Where(n => n % 3 == p).ToArray();
            var odd = members.Count(n => n % 2 == 1);
            var ev = members.Length - odd;
            return (odd * (odd - 1) / 2) + (ev * (ev - 1) / 2);
        });
        Assert.Equal($$"""{"Pairs":247,"Even":{{even}}}""", task.ModelJson);
    }

    [Fact]
    public void Coordinator_must_fail_the_job_naming_the_partition_the_error_and_how_to_resume()
    {
        var job = Job(partitions: 2);
        var coordinator = StartCoordinator(job, job.JobId, new JobCoordinatorSettings { MaxFailuresPerPartition = 2 });
        var client = CreateTestProbe();
        client.Send(coordinator, new SubscribeToJob(job.JobId));
        var worker = CreateTestProbe();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            worker.Send(coordinator, RequestTask.Instance);
            var task = worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10));
            Assert.Equal(0, task.Partition);
            worker.Send(coordinator, new FailPartition(job.JobId, task.Phase, task.Partition, "InvalidDataException: bad row 17"));
        }

        var failed = client.FishForMessage<JobFailed>(_ => true, TimeSpan.FromSeconds(10));
        Assert.Contains("partition 0", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("bad row 17", failed.Reason, StringComparison.Ordinal);
        Assert.Contains($"adrn link --resume {job.JobId}", failed.Reason, StringComparison.Ordinal);
        worker.Send(coordinator, RequestTask.Instance);
        worker.FishForMessage<NoTaskAvailable>(_ => true);
    }

    [Fact]
    public void Coordinator_must_not_hand_out_finished_partitions_after_a_restart()
    {
        var job = Job(partitions: 4);
        var first = StartCoordinator(job, job.JobId);
        var worker = CreateTestProbe();
        worker.Send(first, RequestTask.Instance);
        worker.Send(first, Run(worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10))));
        worker.Send(first, RequestTask.Instance);
        worker.Send(first, Run(worker.ExpectMsg<PartitionTask>()));
        first.Tell(GetJobStatus.Instance, TestActor);
        Assert.Equal([0, 1], ExpectMsg<JobStatus>().Counted);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        // Resumed from the journal alone: no descriptor is given.
        var resumed = StartCoordinator(null, job.JobId);
        var handedOut = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            AwaitAssert(() =>
            {
                worker.Send(resumed, RequestTask.Instance);
                var task = worker.ExpectMsg<PartitionTask>(TimeSpan.FromMilliseconds(500));
                handedOut.Add(task.Partition);
                worker.Send(resumed, Run(task));
            }, TimeSpan.FromSeconds(10));
        }

        Assert.Equal([2, 3], handedOut);
    }

    [Fact]
    public void Coordinator_must_run_again_a_finished_partition_whose_result_file_changed_before_a_resume()
    {
        var job = Job(partitions: 2);
        var first = StartCoordinator(job, job.JobId);
        var worker = CreateTestProbe();
        worker.Send(first, RequestTask.Instance);
        var done = Run(worker.ExpectMsg<PartitionTask>(TimeSpan.FromSeconds(10)));
        worker.Send(first, done);
        first.Tell(GetJobStatus.Instance, TestActor);
        Assert.Equal([0], ExpectMsg<JobStatus>().Counted);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        File.AppendAllText(Path.Combine(job.OutputDirectory, done.Result.RelativePath), "tampered");

        var resumed = StartCoordinator(null, job.JobId);
        worker.Send(resumed, RequestTask.Instance);
        var again = worker.ExpectMsg<PartitionTask>();

        Assert.Equal(0, again.Partition);
    }

    public new void Dispose()
    {
        _workloads.Dispose();
        base.Dispose();
        _dir.Dispose();
    }
}
