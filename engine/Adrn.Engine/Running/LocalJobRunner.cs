using Adrn.Engine.Coordination;
using Adrn.Engine.Hosting;
using Adrn.Engine.Registry;
using Adrn.Engine.Workloads;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Adrn.Engine.Running;

/// <summary>Runs a job in local mode: one in-process actor system with a coordinator, N workers and a journal.</summary>
public static class LocalJobRunner
{
    /// <summary>Runs (or resumes) a job to its end.</summary>
    /// <param name="request">The job to start or resume.</param>
    /// <param name="options">Local options (workers, journal).</param>
    /// <param name="factory">Opens the job's workload.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="cancellationToken">Stops waiting and shuts the actor system down; the job stays resumable.</param>
    /// <returns>The outcome.</returns>
    public static async Task<JobOutcome> RunAsync(
        JobRequest request,
        LocalEngineOptions options,
        IJobWorkloadFactory factory,
        IProgress<JobCoordinatorProtocol.JobProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        if (options.WorkerCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WorkerCount, "Local mode needs at least one worker.");
        }

        using var workloads = new WorkloadCache(factory);
        if (request.Job is { } job)
        {
            // A new job's records are read and prepared while the actor system and its journal start.
            workloads.OpenAhead(job);
        }

        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("adrn-local", builder => builder.WithAdrnLocalEngine(options, workloads)))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var jobs = host.Services.GetRequiredService<ActorRegistry>().Get<JobRegistry>();
            var outcome = new TaskCompletionSource<JobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cancel = cancellationToken.Register(() => outcome.TrySetCanceled(cancellationToken));
            system.ActorOf(
                JobWatcherProtocol.Props(system.ActorSelection(jobs.Path), request, outcome, progress, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60)),
                "client");
            return await outcome.Task.ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
