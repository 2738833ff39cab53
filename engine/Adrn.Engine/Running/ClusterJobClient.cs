using Adrn.Engine.Coordination;
using Adrn.Engine.Hosting;
using Akka.Actor;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Adrn.Engine.Running;

/// <summary>Submits a job to a running adrn cluster and streams its progress back.</summary>
public static class ClusterJobClient
{
    /// <summary>Submits (or resumes) a job on the cluster reachable at <paramref name="clusterAddress"/> and waits for its end.</summary>
    /// <param name="clusterAddress">Address of any node, e.g. <c>akka.tcp://adrn@127.0.0.1:4053</c>.</param>
    /// <param name="request">The job to start or resume.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="acceptTimeout">How long to wait for the cluster to accept the job.</param>
    /// <param name="cancellationToken">Stops waiting (the job keeps running on the cluster).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException"><paramref name="clusterAddress"/> is not an Akka address.</exception>
    public static Task<JobOutcome> RunAsync(
        string clusterAddress,
        JobRequest request,
        IProgress<JobCoordinatorProtocol.JobProgress>? progress,
        TimeSpan acceptTimeout,
        CancellationToken cancellationToken) =>
        RunAsync(clusterAddress, request, progress, acceptTimeout, null, cancellationToken);

    /// <summary>Submits (or resumes) a job on the cluster reachable at <paramref name="clusterAddress"/> and waits for its end.</summary>
    /// <param name="clusterAddress">Address of any node, e.g. <c>akka.tcp://adrn@127.0.0.1:4053</c>.</param>
    /// <param name="request">The job to start or resume.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="acceptTimeout">How long to wait for the cluster to accept the job.</param>
    /// <param name="tls">The client's TLS certificate and trust when the cluster runs with TLS; null for plain TCP.</param>
    /// <param name="cancellationToken">Stops waiting (the job keeps running on the cluster).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException"><paramref name="clusterAddress"/> is not an Akka address.</exception>
    public static Task<JobOutcome> RunAsync(
        string clusterAddress,
        JobRequest request,
        IProgress<JobCoordinatorProtocol.JobProgress>? progress,
        TimeSpan acceptTimeout,
        TlsOptions? tls,
        CancellationToken cancellationToken) =>
        RunAsync(clusterAddress, request, progress, new ClusterClientOptions { AcceptTimeout = acceptTimeout, Tls = tls }, cancellationToken);

    /// <summary>Submits (or resumes) a job on the cluster reachable at <paramref name="clusterAddress"/> and waits for its end.</summary>
    /// <param name="clusterAddress">Address of any node, e.g. <c>akka.tcp://adrn@127.0.0.1:4053</c>.</param>
    /// <param name="request">The job to start or resume.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="options">Timeout, TLS, logging and notices of the client.</param>
    /// <param name="cancellationToken">Stops waiting (the job keeps running on the cluster).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException"><paramref name="clusterAddress"/> is not an Akka address.</exception>
    public static async Task<JobOutcome> RunAsync(
        string clusterAddress,
        JobRequest request,
        IProgress<JobCoordinatorProtocol.JobProgress>? progress,
        ClusterClientOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var address = ParseAddress(ClusterNodeOptions.WithProtocol(clusterAddress, options.Tls is not null));

        // NOTE: the client is not a cluster member (it must not count in split-brain decisions); it talks to a node
        // over plain remoting, and the node answers it at the address it advertises. The node's host is not one of the
        // client's addresses when they run on different machines (or containers): the client binds a local address —
        // by default the one its route to the node leaves from — and may advertise another (NAT, containers).
        var bind = options.Host ?? ClusterClientOptions.LocalAddressTowards(address.Host!, address.Port!.Value);
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("adrn-client", builder => builder
                .WithAdrnLogging(options.LogLevel, options.LogStackTraces)
                .WithAdrnSerialization()
                .WithAdrnRemoting(bind, options.Port, options.Tls, options.PublicHost)))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            options.Bound?.Invoke(((ExtendedActorSystem)system).Provider.DefaultAddress.ToString());
            var jobs = system.ActorSelection($"{address}/user/{AdrnAkkaBuilderExtensions.RegistryProxyName}");
            var outcome = new TaskCompletionSource<JobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cancel = cancellationToken.Register(() => outcome.TrySetCanceled(cancellationToken));
            system.ActorOf(JobWatcherProtocol.Props(jobs, request, outcome, progress, TimeSpan.FromSeconds(2), options.AcceptTimeout, options.Notice), "client");
            return await outcome.Task.ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Parses and checks a node address.</summary>
    /// <param name="clusterAddress">For example <c>akka.tcp://adrn@127.0.0.1:4053</c>.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentException">The text is not an <c>akka.tcp://system@host:port</c> address.</exception>
    public static Address ParseAddress(string clusterAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterAddress);
        Address address;
        try
        {
            address = Address.Parse(clusterAddress.TrimEnd('/'));
        }
        catch (UriFormatException ex)
        {
            throw new ArgumentException($"'{clusterAddress}' is not a node address; expected akka.tcp://{ClusterNodeOptions.SystemName}@HOST:PORT.", nameof(clusterAddress), ex);
        }

        if (address.Host is null || address.Port is null)
        {
            throw new ArgumentException($"'{clusterAddress}' has no host and port; expected akka.tcp://{ClusterNodeOptions.SystemName}@HOST:PORT.", nameof(clusterAddress));
        }

        return address;
    }
}
