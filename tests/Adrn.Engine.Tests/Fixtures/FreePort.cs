using System.Net;
using System.Net.Sockets;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>Free TCP ports on loopback.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
