using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// Local address the client binds to hear the cluster's replies (0.0.0.0 for every interface); null (default): the
    /// address its route to the node leaves from (<see cref="LocalAddressTowards"/>), never the node's own host.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>Port the client binds; 0 (default) for any free port.</summary>
    public int Port { get; init; }

    /// <summary>Host name or IP the nodes reach the client at (Akka's <c>public-hostname</c>: NAT, containers); null: the bound address.</summary>
    public string? PublicHost { get; init; }

    /// <summary>Called with the client's own address once it listens (for a status line); may be null.</summary>
    public Action<string>? Bound { get; init; }

    /// <summary>
    /// The local IP address this machine would use to reach <paramref name="host"/> (a UDP socket's connect picks the
    /// route; nothing is sent). Falls back to 0.0.0.0 when the host cannot be resolved or routed.
    /// </summary>
    /// <param name="host">The node's host name or IP.</param>
    /// <param name="port">The node's port.</param>
    /// <returns>An address of this machine.</returns>
    public static string LocalAddressTowards(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        try
        {
            var target = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First();
            using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(new IPEndPoint(target, port));
            return ((IPEndPoint)socket.LocalEndPoint!).Address.ToString();
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException)
        {
            return IPAddress.Any.ToString();
        }
    }
}
