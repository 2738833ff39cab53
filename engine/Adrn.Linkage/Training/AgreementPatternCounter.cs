using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;

namespace Adrn.Linkage.Training;

/// <summary>Counts the agreement patterns of one blocking partition's pairs (a training unit of work).</summary>
public static class AgreementPatternCounter
{
    /// <summary>Compares every candidate pair of the partition and returns the histogram of gamma vectors.</summary>
    /// <param name="partition">The partition (over the job's records or a slice of them).</param>
    /// <param name="comparisons">The comparisons.</param>
    /// <returns>A mergeable histogram.</returns>
    public static AgreementPatternCounts Count(BlockingPartition partition, ComparisonSet comparisons)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(comparisons);
        return Count(partition, comparisons.CreateComparer(partition.PairUpperBound));
    }

    /// <summary>
    /// Counts with a comparer the caller keeps across partitions (one per thread), so its value-pair caches are
    /// allocated once and stay warm. The comparer is bound to the partition's records.
    /// </summary>
    /// <param name="partition">The partition (over the job's records or a slice of them).</param>
    /// <param name="comparer">A comparer used by this thread only; its set defines the comparisons.</param>
    /// <returns>A mergeable histogram.</returns>
    public static AgreementPatternCounts Count(BlockingPartition partition, PairComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(comparer);
        comparer.Bind(partition.Records);
        var visitor = new Visitor(comparer, new AgreementPatternCounts(comparer.Count));
        partition.ForEachPair(ref visitor);
        return visitor.Counts;
    }

    private readonly struct Visitor(PairComparer comparer, AgreementPatternCounts counts) : IPairVisitor
    {
        public AgreementPatternCounts Counts => counts;

        public void Visit(int left, int right, int rule)
        {
            // Pack on the fly: no gamma buffer, no allocation per pair.
            ulong key = 0;
            for (var c = 0; c < comparer.Count; c++) key |= (ulong)(comparer.Gamma(c, left, right) + 1) << (4 * c);
            counts.AddPacked(key);
        }
    }
}
