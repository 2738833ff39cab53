using Akka.Actor;

namespace Adrn.Engine.Membership;

/// <summary>The protocol of <see cref="SeedLossMonitor"/>.</summary>
public static class SeedLossMonitorProtocol
{
    /// <summary>The actor name.</summary>
    public const string Name = "seed-loss-monitor";

    /// <summary>Props of the monitor.</summary>
    /// <param name="seedRole">The cluster role of seed nodes.</param>
    /// <returns>The props.</returns>
    public static Props Props(string seedRole) => Akka.Actor.Props.Create(() => new SeedLossMonitor(seedRole));
}
