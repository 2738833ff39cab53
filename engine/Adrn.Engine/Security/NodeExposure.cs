using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Adrn.Engine.Hosting;

namespace Adrn.Engine.Security;

/// <summary>
/// Decides whether a node may listen where it was asked to. A node accepts jobs that make it read and write files
/// by path, so one reachable from other machines must authenticate its peers: it needs TLS (mutual, with
/// certificates) unless it listens on loopback only, or the operator accepts the risk with <c>--allow-insecure</c>.
/// </summary>
public static class NodeExposure
{
    /// <summary>Whether <paramref name="host"/> is a loopback address (127.0.0.0/8, ::1) or a name that resolves only to such addresses.</summary>
    /// <param name="host">A host name or IP address, as given to <c>--host</c>.</param>
    /// <returns>True when only this machine can reach it. A name that cannot be resolved, and the wildcard addresses (0.0.0.0, ::), are not loopback.</returns>
    public static bool IsLoopback(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var trimmed = host.Trim().TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(trimmed, out var address))
        {
            return IsLoopback(address);
        }

        if (trimmed.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(trimmed);
            return addresses.Length > 0 && addresses.All(IsLoopback);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Refuses a node that would listen on a non-loopback address without TLS, unless <see cref="ClusterNodeOptions.AllowInsecure"/>.
    /// Runs before the node binds its port.
    /// </summary>
    /// <param name="options">The node's options.</param>
    /// <returns>
    /// A warning for the node's log when the node listens beyond loopback without TLS because the operator allowed it;
    /// otherwise null.
    /// </returns>
    /// <exception cref="InsecureNodeException">The node would listen on a non-loopback address without TLS and insecure nodes are not allowed.</exception>
    public static string? Check(ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tls is not null || IsLoopback(options.Host))
        {
            return null;
        }

        var where = string.Create(CultureInfo.InvariantCulture, $"{options.Host}:{options.Port}");
        if (!options.AllowInsecure)
        {
            throw new InsecureNodeException(
                $"refusing to start a node on {where} without TLS: '{options.Host}' is not a loopback address, and any machine that reaches it " +
                "could submit jobs that make this node read and write files. Secure the cluster with --tls-certificate (docs/engine.md), " +
                "bind the node to 127.0.0.1, or accept the risk on a network you trust with --allow-insecure.");
        }

        return $"warning: this node listens on {where} without TLS (--allow-insecure): any machine that reaches it can submit jobs, " +
            "which read and write files under the node's data roots.";
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4()));
}
