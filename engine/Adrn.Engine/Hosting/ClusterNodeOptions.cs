using Adrn.Engine.Coordination;
using Adrn.Engine.Workers;

namespace Adrn.Engine.Hosting;

/// <summary>Typed options of one cluster node (<c>adrn node</c>).</summary>
public sealed record ClusterNodeOptions
{
    /// <summary>The actor system name every node of an adrn cluster uses.</summary>
    public const string SystemName = "adrn";

    /// <summary>The node's role.</summary>
    public NodeRole Role { get; init; } = NodeRole.Worker;

    /// <summary>Host name or IP the node binds and is reached at. Default 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port (0 picks a free one). Default 4053.</summary>
    public int Port { get; init; } = 4053;

    /// <summary>Seed node addresses, e.g. <c>akka.tcp://adrn@127.0.0.1:4053</c>; a seed lists itself first.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>Workers on this node. Default: one per core.</summary>
    public int WorkerCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The journal (used by seed nodes, which host the coordinators).</summary>
    public required JournalOptions Journal { get; init; }

    /// <summary>Coordinator settings.</summary>
    public JobCoordinatorSettings Coordinator { get; init; } = JobCoordinatorSettings.Default;

    /// <summary>Worker settings.</summary>
    public PartitionWorkerSettings Worker { get; init; } = PartitionWorkerSettings.Default;

    /// <summary>Lowest Akka log level written to standard output. Default info (membership changes are logged).</summary>
    public Akka.Event.LogLevel LogLevel { get; init; } = Akka.Event.LogLevel.InfoLevel;

    /// <summary>The node's own address, <c>akka.tcp://adrn@Host:Port</c>.</summary>
    public string Address => FormattableString.Invariant($"akka.tcp://{SystemName}@{Host}:{Port}");

    /// <summary>The cluster role name of <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    /// <returns><c>seed</c> or <c>worker</c>.</returns>
    public static string RoleName(NodeRole role) => role == NodeRole.Seed ? "seed" : "worker";
}
