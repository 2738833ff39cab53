using Adrn.Engine.Membership;
using Adrn.Engine.Registry;
using Adrn.Engine.Serialization;
using Adrn.Engine.Workers;
using Adrn.Engine.Workloads;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using LinqToDB;

namespace Adrn.Engine.Hosting;

/// <summary>
/// Configures adrn actor systems in code (Akka.Hosting): the journal, local mode and cluster nodes.
/// </summary>
public static class AdrnAkkaBuilderExtensions
{
    /// <summary>The actor name of the job registry's singleton proxy on every cluster node.</summary>
    public const string RegistryProxyName = JobRegistryProtocol.Name + "-proxy";

    /// <summary>Journals to SQLite or PostgreSQL through Akka.Persistence.Sql (tables created on first use).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="journal">Where to journal.</param>
    /// <returns>The builder.</returns>
    public static AkkaConfigurationBuilder WithAdrnJournal(this AkkaConfigurationBuilder builder, JournalOptions journal)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(journal);
        var provider = journal.Provider == JournalProvider.Sqlite ? ProviderName.SQLiteMS : ProviderName.PostgreSQL15;
        return builder
            .WithAdrnSerialization()
            .WithSqlPersistence(journal.ConnectionString, provider, autoInitialize: true);
    }

    /// <summary>
    /// Sets the lowest Akka log level written to standard output, or silences Akka's log altogether when
    /// <paramref name="level"/> is null (a command line client that reports progress and failures itself).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="level">The level, or null for no Akka log at all.</param>
    /// <param name="stackTraces">Whether logged exceptions show their stack traces (Akka's own logger) or only their innermost message.</param>
    /// <returns>The builder.</returns>
    public static AkkaConfigurationBuilder WithAdrnLogging(this AkkaConfigurationBuilder builder, Akka.Event.LogLevel? level, bool stackTraces = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (level is { } l)
        {
            return builder.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = l;
                if (!stackTraces)
                {
                    loggers.ClearLoggers();
                    loggers.AddLogger<ConciseLogger>();
                }
            });
        }

        // NOTE: Akka has no "off" level. Its loggers are replaced by one that discards everything, and the
        // logger used while the system starts and stops writes errors only.
        return builder
            .AddHocon("akka.stdout-loglevel = ERROR", HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.ErrorLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<SilentLogger>();
            });
    }

    /// <summary>Binds the engine's messages and events to <see cref="AdrnMessageSerializer"/> (JSON).</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static AkkaConfigurationBuilder WithAdrnSerialization(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithCustomSerializer("adrn-json", [typeof(IAdrnMessage)], system => new AdrnMessageSerializer(system));
    }

    /// <summary>
    /// Local mode: the journal, a <see cref="JobRegistry"/> at <c>/user/jobs</c> and a pool of
    /// workers pulling from it, all in this process.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">Local options.</param>
    /// <param name="workloads">The process's workload cache.</param>
    /// <returns>The builder.</returns>
    public static AkkaConfigurationBuilder WithAdrnLocalEngine(this AkkaConfigurationBuilder builder, LocalEngineOptions options, WorkloadCache workloads)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workloads);
        return builder
            .WithAdrnLogging(options.LogLevel, options.LogStackTraces)
            .WithAdrnJournal(options.Journal)
            .WithActors((system, registry) =>
            {
                var settings = new JobRegistrySettings { Coordinator = options.Coordinator };
                var jobs = system.ActorOf(JobRegistryProtocol.Props(workloads, settings), JobRegistryProtocol.Name);
                registry.Register<JobRegistry>(jobs);
                var pool = system.ActorOf(
                    WorkerPoolProtocol.Props(jobs, workloads, options.WorkerCount, options.Worker), WorkerPoolProtocol.Name);
                registry.Register<WorkerPool>(pool);
            });
    }

    /// <summary>
    /// A cluster node: remoting on <see cref="ClusterNodeOptions.Host"/>:<see cref="ClusterNodeOptions.Port"/>,
    /// clustering with a split-brain resolver, the job registry as a cluster singleton on seed
    /// nodes (with its proxy at <c>/user/jobs-proxy</c> on every node), workers pulling through the
    /// proxy and a membership logger.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">Node options.</param>
    /// <param name="workloads">The process's workload cache.</param>
    /// <returns>The builder.</returns>
    public static AkkaConfigurationBuilder WithAdrnClusterNode(this AkkaConfigurationBuilder builder, ClusterNodeOptions options, WorkloadCache workloads)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workloads);
        var seedRole = ClusterNodeOptions.RoleName(NodeRole.Seed);
        builder
            .WithAdrnLogging(options.LogLevel, options.LogStackTraces)
            .WithAdrnRemoting(options.Host, options.Port, options.Tls)
            .WithClustering(new ClusterOptions
            {
                Roles = [ClusterNodeOptions.RoleName(options.Role)],
                SeedNodes = [.. options.SeedNodes],
                // NOTE: keep-majority downs a killed worker once the rest agree it is gone; the
                // registry does not wait for that: it hands out an unreachable node's tasks at once.
                SplitBrainResolver = new KeepMajorityOption(),
                LogInfo = true,
            })
            .WithAdrnJournal(options.Journal);

        return builder.WithActors((system, registry) =>
        {
            system.ActorOf(ClusterMembershipLoggerProtocol.Props(), ClusterMembershipLoggerProtocol.Name);
            var settings = new JobRegistrySettings
            {
                Coordinator = options.Coordinator,
                ResumeUnfinishedJobs = true,
                WatchClusterMembership = true,
            };
            if (options.Role == NodeRole.Worker)
            {
                system.ActorOf(SeedLossMonitorProtocol.Props(seedRole), SeedLossMonitorProtocol.Name);
            }

            if (options.Role == NodeRole.Seed)
            {
                system.ActorOf(
                    ClusterSingletonManager.Props(
                        JobRegistryProtocol.Props(workloads, settings),
                        PoisonPill.Instance,
                        ClusterSingletonManagerSettings.Create(system).WithRole(seedRole)),
                    JobRegistryProtocol.Name);
            }

            var proxy = system.ActorOf(
                ClusterSingletonProxy.Props(
                    "/user/" + JobRegistryProtocol.Name,
                    ClusterSingletonProxySettings.Create(system).WithRole(seedRole)),
                RegistryProxyName);
            registry.Register<JobRegistry>(proxy);
            var pool = system.ActorOf(
                WorkerPoolProtocol.Props(proxy, workloads, options.WorkerCount, options.Worker), WorkerPoolProtocol.Name);
            registry.Register<WorkerPool>(pool);
        });
    }
}
