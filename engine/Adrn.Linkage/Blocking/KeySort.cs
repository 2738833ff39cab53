using System.Numerics;
using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// Sorts 64-bit keys with their items faster than <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/> on the
/// million-key arrays of blocking: the keys are spread into 65,536 buckets by their leading bits (of the range actually
/// used, so hashed keys and packed record pairs both spread), then each small bucket is sorted on its own. Keys end in
/// ascending order, as <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/> leaves them; as with it, the order of
/// items under equal keys is unspecified (callers that care sort those runs themselves). Measured on 1.1M hashed keys
/// with 10 records a key: 73 ms for <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/>, 52 ms in place
/// (<see cref="Sort{T}"/>), 21 ms when the keys are gathered straight into their buckets (<see cref="GatherSorted"/>).
/// </summary>
public static class KeySort
{
    private const int BucketBits = 16;
    private const int Buckets = 1 << BucketBits;

    // Below this many keys the buckets would be nearly empty: the plain sort is as fast.
    private const int MinimumForBuckets = 1 << 15;

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending in place, moving <paramref name="items"/> with them: keys are carried to
    /// their buckets by swaps (American flag sort), so nothing is copied.
    /// </summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="keys">Keys.</param>
    /// <param name="items">One item per key.</param>
    public static void Sort<T>(ulong[] keys, T[] items)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length != keys.Length) throw new ArgumentException($"{items.Length} items for {keys.Length} keys", nameof(items));
        if (keys.Length < MinimumForBuckets)
        {
            Array.Sort(keys, items);
            return;
        }

        var (min, max) = Range(keys);
        var shift = Shift(min, max);
        var next = new int[Buckets + 1];
        foreach (var k in keys) next[(int)((k - min) >> shift) + 1]++;
        for (var b = 1; b <= Buckets; b++) next[b] += next[b - 1];
        var ends = new int[Buckets];
        Array.Copy(next, 1, ends, 0, Buckets);
        for (var b = 0; b < Buckets; b++)
        {
            // Each key met in bucket b's unfilled part is carried to the next free slot of its own bucket, and the key
            // found there carried on, until one belongs to bucket b.
            while (next[b] < ends[b])
            {
                var i = next[b];
                var key = keys[i];
                var item = items[i];
                var d = (int)((key - min) >> shift);
                while (d != b)
                {
                    var j = next[d]++;
                    (keys[j], key) = (key, keys[j]);
                    (items[j], item) = (item, items[j]);
                    d = (int)((key - min) >> shift);
                }

                keys[i] = key;
                items[i] = item;
                next[b]++;
            }
        }

        SortBuckets(keys, items, ends);
    }

    /// <summary>
    /// The non-zero keys of <paramref name="slots"/> (0 = no key), sorted, each with its position in its slot array:
    /// gathered straight into their buckets, so the only memory is the result.
    /// </summary>
    /// <param name="slots">Key arrays (a blocking rule's key slots; position = record).</param>
    /// <returns>The keys ascending, and the position of each.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ulong[] Keys, int[] Positions) GatherSorted(IReadOnlyList<ulong[]> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var n = 0;
        var min = ulong.MaxValue;
        var max = ulong.MinValue;
        foreach (var slot in slots)
        {
            foreach (var k in slot)
            {
                if (k == 0) continue;
                n++;
                if (k < min) min = k;
                if (k > max) max = k;
            }
        }

        var keys = new ulong[n];
        var positions = new int[n];
        if (n < MinimumForBuckets)
        {
            n = 0;
            foreach (var slot in slots)
            {
                for (var i = 0; i < slot.Length; i++)
                {
                    if (slot[i] == 0) continue;
                    keys[n] = slot[i];
                    positions[n++] = i;
                }
            }

            Array.Sort(keys, positions);
            return (keys, positions);
        }

        var shift = Shift(min, max);
        var starts = new int[Buckets + 1];
        foreach (var slot in slots)
            foreach (var k in slot)
                if (k != 0) starts[(int)((k - min) >> shift) + 1]++;
        for (var b = 1; b <= Buckets; b++) starts[b] += starts[b - 1];
        // starts[b] is bucket b's first slot; it moves along as the bucket fills, ending at bucket b + 1's first.
        foreach (var slot in slots)
        {
            for (var i = 0; i < slot.Length; i++)
            {
                var k = slot[i];
                if (k == 0) continue;
                var at = starts[(int)((k - min) >> shift)]++;
                keys[at] = k;
                positions[at] = i;
            }
        }

        SortBuckets(keys, positions, starts);
        return (keys, positions);
    }

    private static (ulong Min, ulong Max) Range(ulong[] keys)
    {
        var min = ulong.MaxValue;
        var max = ulong.MinValue;
        foreach (var k in keys)
        {
            if (k < min) min = k;
            if (k > max) max = k;
        }

        return (min, max);
    }

    // The shift that maps (key - min) into 16 bits.
    private static int Shift(ulong min, ulong max) => Math.Max(0, 64 - BitOperations.LeadingZeroCount(max - min) - BucketBits);

    // Sorts each bucket; ends[b] is the end of bucket b (the start of bucket b + 1).
    private static void SortBuckets<T>(ulong[] keys, T[] items, int[] ends)
    {
        var from = 0;
        for (var b = 0; b < Buckets; b++)
        {
            var end = ends[b];
            if (end - from > 1) Array.Sort(keys, items, from, end - from);
            from = end;
        }
    }
}
