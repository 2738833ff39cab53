using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Adrn.Engine.Hosting;
using Adrn.Engine.Security;
using Adrn.Engine.Workloads;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Adrn.Engine.Running;

/// <summary>Runs one cluster node (<c>adrn node</c>) until cancelled or asked to terminate; rejoins after a removal from the cluster.</summary>
public static class ClusterNodeHost
{
    /// <summary>
    /// Starts the node, joins the cluster and runs until <paramref name="cancellationToken"/> fires
    /// or the process is asked to terminate (SIGTERM, SIGINT: Akka's coordinated shutdown catches
    /// them), then leaves gracefully. When the node is removed from the cluster (downed, or it left
    /// because the seed was lost), it starts a fresh actor system after <paramref name="rejoinDelay"/>
    /// and joins again; an actor system that shuts down for any other reason (for example a failed
    /// TLS handshake) stops the node with an error rather than starting again.
    /// </summary>
    /// <param name="options">Node options.</param>
    /// <param name="factory">Opens job workloads on this node.</param>
    /// <param name="started">Called each time the actor system runs, with the node's address; may be null.</param>
    /// <param name="rejoinDelay">Pause before joining again after a removal.</param>
    /// <param name="cancellationToken">Stops the node.</param>
    /// <returns>A task that ends when the node has stopped.</returns>
    /// <exception cref="InvalidOperationException">The actor system shut down for a reason other than a removal from the cluster or a request to stop.</exception>
    /// <exception cref="IOException">The node's address cannot be listened on (the port is taken, or the address is not this machine's).</exception>
    /// <exception cref="InsecureNodeException">The node would listen on a non-loopback address without TLS (<see cref="NodeExposure.Check"/>); nothing was bound.</exception>
    public static async Task RunAsync(
        ClusterNodeOptions options,
        IJobWorkloadFactory factory,
        Action<string>? started,
        TimeSpan rejoinDelay,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        NodeExposure.Check(options);
        EnsureCanListen(options.Host, options.Port);
        var dataRoots = options.DataRoots ?? DataRoots.Create([Environment.CurrentDirectory]);

        // NOTE: one cache across incarnations: a node that rejoins keeps its prepared jobs.
        using var workloads = new WorkloadCache(factory, dataRoots: dataRoots);
        while (!cancellationToken.IsCancellationRequested)
        {
            var (address, reason) = await RunOnceAsync(options, workloads, started, cancellationToken).ConfigureAwait(false);
            // NOTE: Akka registers its own SIGTERM/SIGINT handler (CoordinatedShutdown's CLR hook),
            // which shuts the actor system down with ClrExitReason and cancels the runtime's default
            // termination, so a signal reaches this loop as a terminated system, not as a cancelled
            // token. Joining again on every termination made a node that was sent SIGTERM start a
            // fresh actor system instead of exiting, and made a node whose TLS handshake fails
            // restart every rejoinDelay forever.
            if (cancellationToken.IsCancellationRequested || reason is CoordinatedShutdown.ClrExitReason)
            {
                return;
            }

            if (reason is not (CoordinatedShutdown.ClusterDowningReason or CoordinatedShutdown.ClusterLeavingReason or CoordinatedShutdown.ClusterJoinUnsuccessfulReason))
            {
                throw new InvalidOperationException(
                    $"The actor system of node {address} shut down ({reason?.ToString() ?? "no reason given"}), not because the node was removed from the cluster, " +
                    "so the node stops instead of joining again. The log above says why; after a failed TLS handshake, check that every node's " +
                    "--tls-certificate chains to a certificate the other nodes trust (--tls-trust).");
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

    /// <summary>
    /// Fails with one clear message when the node's address cannot be listened on (the port is taken, the address
    /// is not this machine's), before Akka tries: its own failure is a wall of nested exceptions on standard output.
    /// </summary>
    /// <exception cref="IOException">The address cannot be listened on.</exception>
    private static void EnsureCanListen(string host, int port)
    {
        if (port == 0)
        {
            return;
        }

        IPAddress address;
        try
        {
            address = IPAddress.TryParse(host.Trim('[', ']'), out var parsed)
                ? parsed
                : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException)
        {
            throw new IOException($"cannot listen on {host}:{port}: the name '{host}' does not resolve to an address of this machine.", ex);
        }

        var probe = new TcpListener(address, port);
        try
        {
            // NOTE: as Akka's transport does on Linux (reuse-addr), so that a port left in TIME_WAIT by a killed node
            // is usable, while one another process listens on is not.
            probe.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, !OperatingSystem.IsWindows());
            probe.Start();
        }
        catch (SocketException ex)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"cannot listen on {host}:{port}: {ex.Message}{(ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? " (another process, perhaps another node, uses the port; choose another --port)" : string.Empty)}."), ex);
        }
        finally
        {
            probe.Stop();
        }
    }

    /// <summary>Runs one actor system until it terminates or <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>The node's address and why its actor system shut down (null when it terminated without a coordinated shutdown).</returns>
    private static async Task<(string Address, CoordinatedShutdown.Reason? Reason)> RunOnceAsync(
        ClusterNodeOptions options, WorkloadCache workloads, Action<string>? started, CancellationToken cancellationToken)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(ClusterNodeOptions.SystemName, builder => builder.WithAdrnClusterNode(options, workloads)))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var address = Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();
        try
        {
            started?.Invoke(address);
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(() => stop.TrySetResult());
            await Task.WhenAny(stop.Task, system.WhenTerminated).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return (address, CoordinatedShutdown.Get(system).ShutdownReason);
    }
}
