using System.Collections.Concurrent;

namespace Adrn.Linkage.Comparison;

/// <summary>
/// Comparers of one comparison set for the threads of a process: a thread rents one for a unit of work and returns
/// it, so value-pair caches are allocated about once per thread and reused from partition to partition, never shared
/// between two threads at once. The pool never holds more comparers than ran at the same time.
/// </summary>
/// <param name="comparisons">The comparison set.</param>
/// <param name="pairsPerComparer">About how many pairs one comparer will see (sizes its caches).</param>
public sealed class PairComparerPool(ComparisonSet comparisons, long pairsPerComparer = long.MaxValue)
{
    private readonly ConcurrentBag<PairComparer> _comparers = [];

    /// <summary>The comparison set.</summary>
    public ComparisonSet Comparisons { get; } = comparisons ?? throw new ArgumentNullException(nameof(comparisons));

    /// <summary>Runs <paramref name="work"/> with a comparer used by the calling thread only.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="work">The work.</param>
    /// <returns>Its result.</returns>
    public T With<T>(Func<PairComparer, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var comparer = _comparers.TryTake(out var pooled) ? pooled : Comparisons.CreateComparer(pairsPerComparer);
        try
        {
            return work(comparer);
        }
        finally
        {
            _comparers.Add(comparer);
        }
    }
}
