using Adrn.Engine.Hosting;

namespace Adrn.Engine.Running;

/// <summary>Typed options of a client that submits a job to a cluster (<see cref="ClusterJobClient"/>).</summary>
public sealed record ClusterClientOptions
{
    /// <summary>How long to wait for the cluster to accept the job. Default 60 s.</summary>
    public TimeSpan AcceptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The client's TLS certificate and trust when the cluster runs with TLS; null for plain TCP.</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>
    /// Lowest level of the client's own Akka log (written to standard output), or null for none. Default warnings;
    /// <c>adrn link</c> passes null unless <c>--verbose</c>, and reports a lost connection through <see cref="Notice"/>.
    /// </summary>
    public Akka.Event.LogLevel? LogLevel { get; init; } = Akka.Event.LogLevel.WarningLevel;

    /// <summary>Whether logged exceptions show their stack traces. Default false: one line with the innermost error.</summary>
    public bool LogStackTraces { get; init; }

    /// <summary>Receives one line when the cluster cannot be reached or the connection to it is lost; may be null.</summary>
    public Action<string>? Notice { get; init; }
}
