using Adrn.Engine.Coordination;
using Adrn.Engine.Jobs;
using Adrn.Engine.Registry;
using Adrn.Engine.Serialization;
using Akka.Actor;

namespace Adrn.Engine.Tests.Serialization;

/// <summary>Messages cross processes and events are replayed from the journal: both must survive the JSON serializer.</summary>
public sealed class AdrnMessageSerializerSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly JobDescriptor Job = new(
        "job-7", "/data/job.json", "/data/out", new Dictionary<string, string> { ["year"] = "2019" }, "/data/truth.csv");

    private static readonly PartitionResult Result = new(JobPhase.Scoring, 7, "partitions/scores-p00007.arrow", 1234, new string('a', 64), 99_000);

    public static TheoryData<object> Messages() =>
    [
        new JobJournal.JobStarted(Job, "abc123", 32, 0),
        new JobJournal.PartitionCompleted(Result),
        new JobJournal.ModelTrained("""{"comparisons":[]}"""),
        new JobJournal.JobCompleted(new JobSummary("job-7", ["pairs.arrow", "links.arrow"], 4999, ["precision 1.0"])),
        new JobJournal.JobFailed("partition 3 failed"),
        new JobJournal.JobFailed("inputs changed", JobFailureKind.InvalidJob),
        new JobJournal.JobResumed(2),
        new RegistryJournal.JobRegistered("job-7"),
        new RegistryJournal.JobFinished("job-7", true),
        new JobCoordinatorProtocol.PartitionTask(Job, JobPhase.Scoring, 7, 2, "{}"),
        new JobCoordinatorProtocol.CompletePartition("job-7", Result),
        new JobCoordinatorProtocol.FailPartition("job-7", JobPhase.Counting, 3, "boom"),
        new JobCoordinatorProtocol.JobProgress("job-7", JobPhase.Scoring, 3, 32, 1000, 12.5),
        new JobRegistryProtocol.SubmitJob(Job),
        new JobRegistryProtocol.JobAccepted("job-7"),
        new JobCoordinatorProtocol.JobFailed("job-7", "missing column", JobFailureKind.InvalidJob),
        new JobCoordinatorProtocol.JobOpened("job-7"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Messages_and_journal_events_round_trip_through_the_json_serializer(object message)
    {
        var serializer = new AdrnMessageSerializer((ExtendedActorSystem)Sys);

        var copy = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        Assert.IsType(message.GetType(), copy);
        // Records compare collections by reference, so compare the serialized forms of both.
        Assert.Equal(serializer.ToBinary(message), serializer.ToBinary(copy));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(message, message.GetType()), System.Text.Json.JsonSerializer.Serialize(copy, copy.GetType()));
    }

    [Fact]
    public void A_job_failure_journalled_before_failure_kinds_existed_replays_as_a_work_failure()
    {
        var serializer = new AdrnMessageSerializer((ExtendedActorSystem)Sys);
        var old = System.Text.Encoding.UTF8.GetBytes("""{"Reason":"partition 3 failed"}""");

        var replayed = Assert.IsType<JobJournal.JobFailed>(serializer.FromBinary(old, typeof(JobJournal.JobFailed).FullName!));

        Assert.Equal(new JobJournal.JobFailed("partition 3 failed", JobFailureKind.WorkFailed), replayed);
    }

    [Fact]
    public void An_unknown_message_type_fails_with_a_serialization_error_that_names_it()
    {
        var serializer = new AdrnMessageSerializer((ExtendedActorSystem)Sys);

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([], "Adrn.Engine.NoSuchMessage"));
        Assert.Contains("Adrn.Engine.NoSuchMessage", error.Message, StringComparison.Ordinal);
    }
}
