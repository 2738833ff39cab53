using Adrn.Engine.Coordination;
using Adrn.Engine.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Adrn.Engine.Running;

/// <summary>Reads a job's journalled events (job started, partitions completed, model trained, ...) in order.</summary>
public static class JobJournalReader
{
    /// <summary>Replays the events of <paramref name="jobId"/> from <paramref name="journal"/>.</summary>
    /// <param name="journal">The journal.</param>
    /// <param name="jobId">The job.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The events, oldest first (types from <see cref="JobJournal"/>).</returns>
    public static async Task<IReadOnlyList<object>> ReadAsync(JournalOptions journal, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("adrn-journal-reader", builder => builder
                .ConfigureLoggers(loggers => loggers.LogLevel = Akka.Event.LogLevel.WarningLevel)
                .WithAdrnJournal(journal)))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var events = new TaskCompletionSource<IReadOnlyList<object>>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cancel = cancellationToken.Register(() => events.TrySetCanceled(cancellationToken));
            system.ActorOf(Props.Create(() => new Replayer(JobJournal.PersistenceId(jobId), events)));
            return await events.Task.ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed class Replayer : ReceivePersistentActor
    {
        private readonly List<object> _events = [];
        private readonly TaskCompletionSource<IReadOnlyList<object>> _done;

        public Replayer(string persistenceId, TaskCompletionSource<IReadOnlyList<object>> done)
        {
            PersistenceId = persistenceId;
            _done = done;
            Recover<RecoveryCompleted>(_ =>
            {
                done.TrySetResult(_events);
                Context.Stop(Self);
            });
            Recover<object>(_events.Add);
        }

        public override string PersistenceId { get; }

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            _done.TrySetException(new InvalidOperationException($"Could not read the journal of {PersistenceId}: {reason.Message}", reason));
            base.OnRecoveryFailure(reason, message);
        }
    }
}
