using Adrn.Engine.Coordination;
using Adrn.Engine.Jobs;
using Adrn.Engine.Registry;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Engine.Workloads;
using Akka.Actor;
using static Adrn.Engine.Coordination.JobCoordinatorProtocol;
using static Adrn.Engine.Registry.JobRegistryProtocol;

namespace Adrn.Engine.Tests.Registry;

/// <summary>The registry's routing and resume behaviour; TestProbes play workers and clients.</summary>
public sealed class JobRegistrySpec : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string Hocon = """
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.local"
        akka.persistence.snapshot-store.local.dir = "snapshots-unused"
        """;

    private readonly TempDirectory _dir = new();
    private readonly WorkloadCache _workloads = new(new NumberPairsWorkloadFactory());

    public JobRegistrySpec()
        : base(Hocon)
    {
    }

    private JobDescriptor Job(string id) =>
        NumberPairsWorkload.WriteJob(Path.Combine(_dir.Path, id), new NumberPairsWorkload.Spec([.. Enumerable.Range(1, 12)], 3), id);

    private readonly HashSet<(IActorRef, string, JobPhase, int, int)> _tasksSeen = [];

    /// <summary>
    /// Asks until a task not seen before arrives, as a worker polls. While a job opens or trains, the coordinator
    /// answers <see cref="PrepareJob"/> and keeps the probe waiting, then pushes the task when the phase starts; a
    /// probe that asked again meanwhile is sent the task it holds once more (the protocol's answer to a lost
    /// message), so copies of a task already taken from this registry are skipped, as the real worker skips them (a restarted
    /// registry may hand the same task out again, legitimately).
    /// </summary>
    private PartitionTask NextTask(Akka.TestKit.TestProbe worker, IActorRef registry)
    {
        PartitionTask? task = null;
        AwaitAssert(() =>
        {
            worker.Send(registry, RequestTask.Instance);
            var next = Assert.IsType<PartitionTask>(worker.ReceiveOne(TimeSpan.FromSeconds(1)));
            Assert.True(_tasksSeen.Add((registry, next.Job.JobId, next.Phase, next.Partition, next.Attempt)), "a copy of a task already taken");
            task = next;
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        return task!;
    }

    [Fact]
    public void Registry_must_route_workers_to_the_oldest_running_job_and_reports_to_their_job()
    {
        var registry = Sys.ActorOf(JobRegistryProtocol.Props(_workloads, new JobRegistrySettings()));
        var client = CreateTestProbe();
        client.Send(registry, new SubmitJob(Job("first")));
        client.ExpectMsg<JobAccepted>();
        client.Send(registry, new SubmitJob(Job("second")));
        client.ExpectMsg<JobAccepted>();
        var worker = CreateTestProbe();

        var task = NextTask(worker, registry);

        Assert.Equal("first", task.Job.JobId);
    }

    [Fact]
    public void Registry_must_resume_unfinished_jobs_when_it_restarts_with_resume_enabled()
    {
        var settings = new JobRegistrySettings { ResumeUnfinishedJobs = true };
        var registry = Sys.ActorOf(JobRegistryProtocol.Props(_workloads, settings));
        var client = CreateTestProbe();
        client.Send(registry, new SubmitJob(Job("survivor")));
        client.ExpectMsg<JobAccepted>();
        var worker = CreateTestProbe();
        NextTask(worker, registry);
        // The job is journalled once its coordinator reports it open (before its first task); the registry's answer
        // to a later message shows that report was handled.
        client.Send(registry, GetJobs.Instance);
        client.FishForMessage<KnownJobs>(_ => true);
        Watch(registry);
        Sys.Stop(registry);
        ExpectTerminated(registry);

        // A new incarnation (as a cluster singleton on a restarted seed) knows the job from its journal.
        var restarted = Sys.ActorOf(JobRegistryProtocol.Props(_workloads, settings));
        var task = NextTask(worker, restarted);

        Assert.Equal("survivor", task.Job.JobId);
    }

    [Fact]
    public void Registry_must_reject_a_new_job_that_reuses_the_id_of_a_finished_job()
    {
        var registry = Sys.ActorOf(JobRegistryProtocol.Props(_workloads, new JobRegistrySettings()));
        var client = CreateTestProbe();
        var job = Job("done");
        client.Send(registry, new SubmitJob(job));
        client.ExpectMsg<JobAccepted>();
        client.Send(registry, new SubscribeToJob("done"));
        var worker = CreateTestProbe();
        var workload = _workloads.Get(job);
        var model = (string?)null;
        for (var step = 0; step < 6; step++)
        {
            var task = NextTask(worker, registry);
            model ??= task.ModelJson;
            var result = PartitionResultFile.Write(task.Job, task.Phase, task.Partition, path => task.Phase == JobPhase.Counting
                ? workload.CountPatterns(task.Partition, path, CancellationToken.None)
                : workload.ScorePartition(task.Partition, task.ModelJson!, path, CancellationToken.None));
            worker.Send(registry, new CompletePartition("done", result));
        }

        client.FishForMessage<JobSucceeded>(_ => true, TimeSpan.FromSeconds(10));
        client.Send(registry, new SubmitJob(job));
        var rejected = client.FishForMessage<JobRejected>(_ => true, TimeSpan.FromSeconds(5));

        Assert.Contains("already used", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_must_not_journal_a_job_that_fails_while_opening_and_must_accept_its_id_again()
    {
        var settings = new JobRegistrySettings { ResumeUnfinishedJobs = true };
        var registry = Sys.ActorOf(JobRegistryProtocol.Props(_workloads, settings));
        var client = CreateTestProbe();
        var job = Job("broken");
        var good = File.ReadAllText(job.ConfigPath);
        File.WriteAllText(job.ConfigPath, "{ not json");
        client.Send(registry, new SubmitJob(job));
        client.ExpectMsg<JobAccepted>();
        client.Send(registry, new SubscribeToJob("broken"));

        var failed = client.FishForMessage<JobFailed>(_ => true, TimeSpan.FromSeconds(10));
        Assert.Equal(Jobs.JobFailureKind.NotStarted, failed.Kind);
        Assert.Contains("nothing to resume", failed.Reason, StringComparison.Ordinal);
        client.Send(registry, GetJobs.Instance);
        Assert.Equal(new KnownJobs([], []), client.FishForMessage<KnownJobs>(_ => true), KnownJobsComparer.Instance);

        // A new incarnation (a restarted seed) finds nothing to resume in the journal...
        Watch(registry);
        Sys.Stop(registry);
        ExpectTerminated(registry);
        var restarted = Sys.ActorOf(JobRegistryProtocol.Props(_workloads, settings));
        client.Send(restarted, GetJobs.Instance);
        Assert.Equal(new KnownJobs([], []), client.FishForMessage<KnownJobs>(_ => true), KnownJobsComparer.Instance);

        // ...and the corrected job starts under the same id.
        File.WriteAllText(job.ConfigPath, good);
        client.Send(restarted, new SubmitJob(job));
        client.FishForMessage<JobAccepted>(_ => true);
        var task = NextTask(CreateTestProbe(), restarted);
        Assert.Equal("broken", task.Job.JobId);
    }

    [Fact]
    public void Registry_must_tell_every_subscriber_of_a_job_that_fails_while_opening_why_whatever_arrives_first()
    {
        // A job that cannot be opened fails within moments of being accepted, so the client's subscription and the
        // coordinator's failure race to the registry. Whichever wins, the subscriber must hear why (it once waited for
        // ever when the registry stopped the coordinator with the forwarded subscription still in its mailbox).
        var registry = Sys.ActorOf(JobRegistryProtocol.Props(_workloads, new JobRegistrySettings()));
        var client = CreateTestProbe();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var job = Job("broken-" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(job.ConfigPath, "{ not json");
            client.Send(registry, new SubmitJob(job));
            client.ExpectMsg<JobAccepted>();
            client.Send(registry, new SubscribeToJob(job.JobId));
            var failed = client.FishForMessage<JobFailed>(m => m.JobId == job.JobId, TimeSpan.FromSeconds(5), $"attempt {attempt}");
            Assert.Equal(Jobs.JobFailureKind.NotStarted, failed.Kind);
        }
    }

    private sealed class KnownJobsComparer : IEqualityComparer<KnownJobs>
    {
        public static KnownJobsComparer Instance { get; } = new();

        public bool Equals(KnownJobs? x, KnownJobs? y) =>
            x is not null && y is not null && x.Running.SequenceEqual(y.Running) && x.Finished.SequenceEqual(y.Finished);

        public int GetHashCode(KnownJobs obj) => obj.Running.Count;
    }

    public new void Dispose()
    {
        _workloads.Dispose();
        base.Dispose();
        _dir.Dispose();
    }
}
