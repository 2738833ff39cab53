using Adrn.Linkage.Blocking;

namespace Adrn.Linkage.Tests.Blocking;

/// <summary>
/// <see cref="KeySort"/> against the framework's <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/> (the reference):
/// the same ascending keys, and every (key, item) pair kept, on the shapes blocking and scoring sort.
/// </summary>
public sealed class KeySortTests
{
    public static TheoryData<string, int> Shapes => new()
    {
        { "hashed keys, all distinct", 200_000 },
        { "hashed keys, 10 records per key", 200_000 },
        { "packed record pairs", 200_000 },
        { "one key", 50_000 },
        { "narrow range", 100_000 },
        { "below the bucket threshold", 1_000 },
        { "empty", 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sort_orders_keys_like_Array_Sort_and_keeps_every_item_with_its_key(string shape, int n)
    {
        var keys = Keys(shape, n, new Random(n + shape.Length));
        var items = Enumerable.Range(0, n).ToArray();
        var (expectedKeys, expectedPairs) = Reference(keys, items);

        KeySort.Sort(keys, items);

        Assert.Equal(expectedKeys, keys);
        Assert.Equal(expectedPairs, Pairs(keys, items));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GatherSorted_returns_the_non_zero_keys_of_every_slot_sorted_with_their_positions(string shape, int n)
    {
        // Two slot arrays of a multi-key rule, about a third of the positions without a key (0).
        var rng = new Random(n * 7 + shape.Length);
        var slots = new[] { Keys(shape, n, rng), Keys(shape, n, rng) };
        foreach (var slot in slots)
            for (var i = 0; i < slot.Length; i++)
                if (rng.Next(3) == 0) slot[i] = 0;
        var gatheredKeys = slots.SelectMany(s => s.Where(k => k != 0)).ToArray();
        var gatheredPositions = slots.SelectMany(s => s.Select((k, i) => (k, i)).Where(x => x.k != 0).Select(x => x.i)).ToArray();
        var (expectedKeys, expectedPairs) = Reference(gatheredKeys, gatheredPositions);

        var (keys, positions) = KeySort.GatherSorted(slots);

        Assert.Equal(expectedKeys, keys);
        Assert.Equal(expectedPairs, Pairs(keys, positions));
    }

    [Fact]
    public void Refuses_item_arrays_of_another_length()
    {
        var error = Assert.Throws<ArgumentException>(() => KeySort.Sort(new ulong[3], new int[2]));
        Assert.Contains("2 items for 3 keys", error.Message, StringComparison.Ordinal);
    }

    private static ulong[] Keys(string shape, int n, Random rng)
    {
        var keys = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = shape switch
            {
                "hashed keys, 10 records per key" => Mix((ulong)rng.Next(Math.Max(1, n / 10))),
                "packed record pairs" => ((ulong)(uint)rng.Next(1_000_000) << 32) | (uint)rng.Next(100_000),
                "one key" => 42UL,
                "narrow range" => 1_000_000UL + (ulong)rng.Next(300),
                _ => Mix((ulong)rng.NextInt64()),
            };
        }

        return keys;
    }

    private static (ulong[] Keys, List<(ulong, int)> Pairs) Reference(ulong[] keys, int[] items)
    {
        var sortedKeys = (ulong[])keys.Clone();
        Array.Sort(sortedKeys, (int[])items.Clone());
        return (sortedKeys, Pairs(keys, items));
    }

    private static List<(ulong, int)> Pairs(ulong[] keys, int[] items) => [.. keys.Zip(items).OrderBy(p => p.First).ThenBy(p => p.Second)];

    // SplitMix64's finaliser, as blocking keys are mixed: spreads the bits (never 0 for these inputs in practice).
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 31)) | 1;
    }
}
