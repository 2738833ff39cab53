using Adrn.Linkage.Blocking;

namespace Adrn.Linkage.Tests.Blocking;

/// <summary>Collects the (left, right, rule) triples a plan's partitions enumerate.</summary>
internal struct PairCollector : IPairVisitor
{
    public List<(int L, int R, int Rule)> Pairs;

    public readonly void Visit(int left, int right, int rule) => Pairs.Add((left, right, rule));

    public static List<(int L, int R, int Rule)> All(BlockingPlan plan)
    {
        var v = new PairCollector { Pairs = [] };
        foreach (var p in plan.Partitions) p.ForEachPair(ref v);
        return v.Pairs;
    }
}
