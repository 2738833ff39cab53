using Akka.Actor;

namespace Adrn.Engine.Membership;

/// <summary>The protocol of <see cref="ClusterMembershipLogger"/>.</summary>
public static class ClusterMembershipLoggerProtocol
{
    /// <summary>The actor name.</summary>
    public const string Name = "membership-log";

    /// <summary>Props of the logger.</summary>
    /// <returns>The props.</returns>
    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterMembershipLogger());
}
