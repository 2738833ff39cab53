using Adrn.Engine.Hosting;
using Adrn.Engine.Workloads;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Adrn.Engine.Running;

/// <summary>Runs one cluster node (<c>adrn node</c>) until cancelled or removed from the cluster.</summary>
public static class ClusterNodeHost
{
    /// <summary>
    /// Starts the node, joins the cluster and runs until <paramref name="cancellationToken"/> fires
    /// (then leaves gracefully). When the node is removed from the cluster (downed, or it left
    /// because the seed was lost), it starts a fresh actor system after <paramref name="rejoinDelay"/>
    /// and joins again.
    /// </summary>
    /// <param name="options">Node options.</param>
    /// <param name="factory">Opens job workloads on this node.</param>
    /// <param name="started">Called each time the actor system runs, with the node's address; may be null.</param>
    /// <param name="rejoinDelay">Pause before joining again after a removal.</param>
    /// <param name="cancellationToken">Stops the node.</param>
    /// <returns>A task that ends when the node has stopped.</returns>
    public static async Task RunAsync(
        ClusterNodeOptions options,
        IJobWorkloadFactory factory,
        Action<string>? started,
        TimeSpan rejoinDelay,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);

        // NOTE: one cache across incarnations: a node that rejoins keeps its prepared jobs.
        using var workloads = new WorkloadCache(factory);
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunOnceAsync(options, workloads, started, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(rejoinDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task RunOnceAsync(ClusterNodeOptions options, WorkloadCache workloads, Action<string>? started, CancellationToken cancellationToken)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(ClusterNodeOptions.SystemName, builder => builder.WithAdrnClusterNode(options, workloads)))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            started?.Invoke(Akka.Cluster.Cluster.Get(system).SelfAddress.ToString());
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(() => stop.TrySetResult());
            await Task.WhenAny(stop.Task, system.WhenTerminated).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
