using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Adrn.Engine.Membership;

/// <summary>Logs every cluster membership change seen by this node (joins, leaves, unreachable, removed).</summary>
public sealed class ClusterMembershipLogger : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Creates the logger; use <see cref="ClusterMembershipLoggerProtocol.Props"/>.</summary>
    public ClusterMembershipLogger()
    {
        Receive<ClusterEvent.MemberUp>(m => _log.Info("Cluster: member up {0} (roles {1}).", m.Member.Address, string.Join(",", m.Member.Roles)));
        Receive<ClusterEvent.MemberJoined>(m => _log.Info("Cluster: member joining {0}.", m.Member.Address));
        Receive<ClusterEvent.MemberLeft>(m => _log.Info("Cluster: member leaving {0}.", m.Member.Address));
        Receive<ClusterEvent.MemberExited>(m => _log.Info("Cluster: member exited {0}.", m.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(m => _log.Warning("Cluster: member removed {0} (was {1}).", m.Member.Address, m.PreviousStatus));
        Receive<ClusterEvent.UnreachableMember>(m => _log.Warning("Cluster: member unreachable {0}.", m.Member.Address));
        Receive<ClusterEvent.ReachableMember>(m => _log.Info("Cluster: member reachable again {0}.", m.Member.Address));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    /// <inheritdoc />
    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    /// <inheritdoc />
    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
