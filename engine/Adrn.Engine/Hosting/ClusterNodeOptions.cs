using Adrn.Engine.Coordination;
using Adrn.Engine.Security;
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

    /// <summary>Mutual TLS between nodes (and with submitting clients), or null for plain TCP.</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>
    /// Whether the node may listen on a non-loopback <see cref="Host"/> without <see cref="Tls"/> (<c>--allow-insecure</c>).
    /// Default false: such a node is refused at start (<see cref="NodeExposure.Check"/>).
    /// </summary>
    public bool AllowInsecure { get; init; }

    /// <summary>
    /// The folders the node reads inputs from and writes outputs to; a job naming a path outside them is refused.
    /// Null: the process's working directory when the node starts.
    /// </summary>
    public DataRoots? DataRoots { get; init; }

    /// <summary>Lowest Akka log level written to standard output. Default info (membership changes are logged).</summary>
    public Akka.Event.LogLevel LogLevel { get; init; } = Akka.Event.LogLevel.InfoLevel;

    /// <summary>Whether logged exceptions show their stack traces (<c>adrn node --verbose</c>). Default false: one line with the innermost error.</summary>
    public bool LogStackTraces { get; init; }

    /// <summary>The protocol of plain TCP remoting addresses.</summary>
    public const string TcpProtocol = "akka.tcp";

    /// <summary>The protocol of TLS remoting addresses (Akka.Remote names DotNetty with <c>enable-ssl</c> so).</summary>
    public const string TlsProtocol = "akka.ssl.tcp";

    /// <summary>The node's own address, <c>akka.tcp://adrn@Host:Port</c> (<c>akka.ssl.tcp://</c> with TLS).</summary>
    public string Address => FormattableString.Invariant($"{(Tls is null ? TcpProtocol : TlsProtocol)}://{SystemName}@{Host}:{Port}");

    /// <summary>
    /// <paramref name="address"/> with the protocol of plain or TLS remoting: a TLS system only
    /// speaks <c>akka.ssl.tcp</c>, so an <c>akka.tcp://</c> seed or cluster address given together
    /// with TLS options means the same node over TLS (and the other way round).
    /// </summary>
    /// <param name="address">A node address.</param>
    /// <param name="tls">Whether remoting uses TLS.</param>
    /// <returns>The address with the matching protocol.</returns>
    public static string WithProtocol(string address, bool tls)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (from, to) = tls ? (TcpProtocol + "://", TlsProtocol + "://") : (TlsProtocol + "://", TcpProtocol + "://");
        return address.StartsWith(from, StringComparison.Ordinal) ? to + address[from.Length..] : address;
    }

    /// <summary>The cluster role name of <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    /// <returns><c>seed</c> or <c>worker</c>.</returns>
    public static string RoleName(NodeRole role) => role == NodeRole.Seed ? "seed" : "worker";
}
