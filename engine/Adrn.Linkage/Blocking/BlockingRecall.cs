namespace Adrn.Linkage.Blocking;

/// <summary>
/// What each blocking rule buys against ground truth, from the records' keys alone (no pair is enumerated): the true
/// pairs a rule produces on its own, those it adds (no earlier rule produces them), those only it produces (lost if
/// it were dropped), and the cumulative recall of the rules up to it.
/// </summary>
public static class BlockingRecall
{
    /// <summary>Counts, per rule, the true pairs it covers.</summary>
    /// <param name="keys">The blocking keys.</param>
    /// <param name="truth">True pairs as record indices.</param>
    /// <returns>Per rule: (alone, added, only), plus the true pairs no rule produces.</returns>
    public static (long[] Alone, long[] Added, long[] Only, long Missed) Measure(BlockingKeySet keys, IReadOnlyList<(int A, int B)> truth)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(truth);
        var rules = keys.Rules.Count;
        var alone = new long[rules];
        var added = new long[rules];
        var only = new long[rules];
        long missed = 0;
        foreach (var (a, b) in truth)
        {
            var first = -1;
            var count = 0;
            var last = -1;
            for (var r = 0; r < rules; r++)
            {
                if (!keys.Covers(r, a, b)) continue;
                alone[r]++;
                count++;
                last = r;
                if (first < 0) first = r;
            }

            if (first < 0) missed++;
            else added[first]++;
            if (count == 1) only[last]++;
        }

        return (alone, added, only, missed);
    }
}
