using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Adrn.Engine.Membership;

/// <summary>
/// On a worker node: when the last seed node has been removed from the cluster (it crashed and was
/// downed), leaves the cluster so that the node host starts a fresh actor system and joins the
/// seed's next incarnation, whose coordinator resumes the job. Without it, workers would idle in a
/// cluster that has no coordinator.
/// </summary>
public sealed class SeedLossMonitor : ReceiveActor
{
    private readonly string _seedRole;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<Address> _seeds = [];

    /// <summary>Creates the monitor; use <see cref="SeedLossMonitorProtocol.Props"/>.</summary>
    /// <param name="seedRole">The cluster role of seed nodes.</param>
    public SeedLossMonitor(string seedRole)
    {
        _seedRole = seedRole;
        Receive<ClusterEvent.MemberUp>(m =>
        {
            if (m.Member.HasRole(_seedRole))
            {
                _seeds.Add(m.Member.Address);
            }
        });
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            if (_seeds.Remove(m.Member.Address) && _seeds.Count == 0)
            {
                _log.Warning("The last seed node {0} was removed; leaving the cluster to join the seed's next incarnation.", m.Member.Address);
                var cluster = Cluster.Get(Context.System);
                cluster.Leave(cluster.SelfAddress);
            }
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    /// <inheritdoc />
    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    /// <inheritdoc />
    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
