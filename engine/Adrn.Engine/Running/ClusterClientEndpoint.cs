using System.Net;
using System.Net.Sockets;

namespace Adrn.Engine.Running;

/// <summary>
/// Where <c>adrn link --cluster</c> listens for the cluster's replies: the address it binds (<see cref="Host"/>) and
/// the one the cluster's nodes send to (<see cref="PublicHost"/>, Akka's <c>public-hostname</c>), for a client on
/// another machine, in a container or behind NAT.
/// </summary>
public sealed record ClusterClientEndpoint
{
    /// <summary>Local address to bind (0.0.0.0 for every interface); null: the address the route to the node leaves from.</summary>
    public string? Host { get; init; }

    /// <summary>Port to bind; 0 (default) for any free port.</summary>
    public int Port { get; init; }

    /// <summary>Host name or IP the nodes reach the client at; null: the bound address.</summary>
    public string? PublicHost { get; init; }

    /// <summary>Called with the client's own address once it listens (for a status line), or null.</summary>
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
