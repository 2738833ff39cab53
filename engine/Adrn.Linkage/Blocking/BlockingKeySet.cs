using System.Runtime.CompilerServices;
using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// The 64-bit blocking keys of every record under every rule. A rule holds one or more key <em>slots</em>, each one
/// key per record (0 = no key):
/// <list type="bullet">
/// <item>a key rule with one key per record has one slot: two records are a candidate pair under it when their keys
/// are equal and non-zero;</item>
/// <item>a key rule with a MinHash part has one slot per band, in band order (<see cref="IsBanded"/>): two records are a
/// candidate pair when they agree on some band, and the bands act as consecutive internal rules — a pair is produced by
/// the first band it agrees on;</item>
/// <item>a key rule with another multi-key part (token codes, one-edit variants) has as many slots as its records have
/// keys at most; each record's keys are sorted ascending with the zeros last, and two records are a candidate pair when
/// they share any non-zero key, in whichever slots;</item>
/// <item>a sorted-neighbourhood rule has one slot holding the record's rank in the sorted distinct sort-key values
/// plus one (0 = no sort key): two records are a candidate pair when both have a rank and the ranks differ by less
/// than the window.</item>
/// </list>
/// Whether a rule produces a pair is therefore a function of the two records' own keys: a partition can decide it for
/// its member records without any other record and without a set of pairs seen.
/// </summary>
public sealed class BlockingKeySet
{
    // Per rule: its only slot when it is a plain one-key rule (the common case, tested inline), else null.
    private readonly ulong[]?[] _singleKeys;
    private readonly bool[] _banded;

    internal BlockingKeySet(IReadOnlyList<BlockingRuleConfig> rules, ulong[][] slots, int[] slotStart, bool crossSourceOnly, int leftCount, Preparation.RecordTable records)
    {
        Records = records;
        Rules = rules;
        Slots = slots;
        SlotStart = slotStart;
        CrossSourceOnly = crossSourceOnly;
        LeftCount = leftCount;
        Window = new int[rules.Count];
        IsNeighbourhood = new bool[rules.Count];
        var banded = new bool[rules.Count];
        IsBanded = banded;
        _banded = banded;
        _singleKeys = new ulong[]?[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            IsNeighbourhood[r] = rules[r].Kind == BlockingRuleKind.SortedNeighbourhood;
            banded[r] = IsBandedRule(rules[r]);
            Window[r] = rules[r].Window;
            if (!IsNeighbourhood[r] && slotStart[r + 1] - slotStart[r] == 1) _singleKeys[r] = slots[slotStart[r]];
        }
    }

    /// <summary>
    /// Derives the keys of every record under every rule (what <see cref="BlockingPlan.Build"/> starts with; no key
    /// groups or partitions are made). MinHash signatures are computed in parallel over distinct values.
    /// </summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="rules">Rules in priority order.</param>
    /// <returns>The keys.</returns>
    public static BlockingKeySet Build(Preparation.PreparedLinkage prepared, IReadOnlyList<BlockingRuleConfig> rules)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(rules);
        return BlockingKeyBuilder.Build(prepared, rules);
    }

    /// <summary>The records the keys belong to (the job's records, or a partition slice).</summary>
    public Preparation.RecordTable Records { get; }

    /// <summary>Rules in priority order.</summary>
    public IReadOnlyList<BlockingRuleConfig> Rules { get; }

    /// <summary>Keys by slot then record; rule r owns slots <c>[SlotStart[r], SlotStart[r+1])</c>.</summary>
    public ulong[][] Slots { get; }

    /// <summary>First slot of each rule, plus the slot count at the end.</summary>
    public int[] SlotStart { get; }

    /// <summary>True when pairs are left (records below <see cref="LeftCount"/>) x right only.</summary>
    public bool CrossSourceOnly { get; }

    /// <summary>Number of left records (link_only); records at or above this index are right records.</summary>
    public int LeftCount { get; }

    /// <summary>Per rule: whether it is a sorted-neighbourhood rule (its slot holds ranks).</summary>
    internal bool[] IsNeighbourhood { get; }

    /// <summary>
    /// Per rule: whether its slots are MinHash bands in band order (slot s of every record holds band s), so two records
    /// agree on a band exactly when the same slot holds the same key.
    /// </summary>
    public IReadOnlyList<bool> IsBanded { get; }

    /// <summary>Whether a rule's keys are MinHash bands (one slot per band, in band order).</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>True when a part of the rule is a <c>minhash</c> part.</returns>
    public static bool IsBandedRule(BlockingRuleConfig rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        foreach (var p in rule.Parts)
            if (p.Method == BlockingKeyMethod.Minhash) return true;
        return false;
    }

    /// <summary>Per rule: the sorted-neighbourhood window (0 for key rules).</summary>
    internal int[] Window { get; }

    /// <summary>Number of key slots of a rule.</summary>
    /// <param name="rule">Rule index.</param>
    /// <returns>The slot count.</returns>
    public int SlotCount(int rule) => SlotStart[rule + 1] - SlotStart[rule];

    /// <summary>Whether a rule produces the pair (records in either order), from the two records' keys alone.</summary>
    /// <param name="rule">Rule index.</param>
    /// <param name="a">One record.</param>
    /// <param name="b">The other record.</param>
    /// <returns>True when the rule makes the two records a candidate pair.</returns>
    public bool Covers(int rule, int a, int b)
    {
        var first = SlotStart[rule];
        var count = SlotStart[rule + 1] - first;
        if (count == 1)
        {
            var k = Slots[first];
            var x = k[a];
            if (x == 0) return false;
            var y = k[b];
            if (!IsNeighbourhood[rule]) return x == y;
            return y != 0 && (x > y ? x - y : y - x) < (ulong)Window[rule];
        }

        if (_banded[rule]) return AgreesOnBandBefore(first, count, a, b);
        return SmallestSharedKey(first, count, a, b) != 0;
    }

    /// <summary>Whether two records agree on one of a banded rule's first <paramref name="bands"/> bands.</summary>
    /// <param name="first">The rule's first slot.</param>
    /// <param name="bands">Bands to look at (slots first .. first + bands - 1).</param>
    /// <param name="a">One record.</param>
    /// <param name="b">The other record.</param>
    /// <returns>True when some band's keys are equal and non-zero.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool AgreesOnBandBefore(int first, int bands, int a, int b)
    {
        for (var s = first; s < first + bands; s++)
        {
            var x = Slots[s][a];
            if (x != 0 && x == Slots[s][b]) return true;
        }

        return false;
    }

    /// <summary>
    /// True when a rule earlier than <paramref name="rule"/> already produces the pair; such a pair is skipped
    /// by the later rule (Splink's approach: re-evaluate the earlier rules on the pair rather than remember pairs).
    /// </summary>
    /// <param name="rule">The rule producing the pair now.</param>
    /// <param name="left">Left record.</param>
    /// <param name="right">Right record.</param>
    /// <returns>Whether an earlier rule covers the pair.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool CoveredByEarlierRule(int rule, int left, int right)
    {
        for (var q = 0; q < rule; q++)
        {
            // NOTE: runs for every candidate pair of every later rule; one-key rules (most rules) are a two-load test.
            var k = _singleKeys[q];
            if (k is not null)
            {
                var a = k[left];
                if (a != 0 && a == k[right]) return true;
            }
            else if (Covers(q, left, right))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether two records that share key <paramref name="key"/> of a multi-key rule also share a smaller one: then their
    /// pair belongs to the group of that smaller key, not to this one.
    /// </summary>
    /// <param name="first">The rule's first slot.</param>
    /// <param name="count">The rule's slot count.</param>
    /// <param name="a">One record.</param>
    /// <param name="b">The other record.</param>
    /// <param name="key">A key both records hold.</param>
    /// <returns>True when a smaller shared key exists.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool SharesKeyBelow(int first, int count, int a, int b, ulong key)
    {
        // NOTE: runs for every pair of a multi-key group. Keys are sorted ascending, so the merge stops at the first key
        // not below `key`: a record whose smallest key is `key` (often) ends it at once.
        int i = 0, j = 0;
        while (i < count && j < count)
        {
            var x = Slots[first + i][a];
            var y = Slots[first + j][b];
            if (x >= key || y >= key || x == 0 || y == 0) return false;
            if (x == y) return true;
            if (x < y) i++;
            else j++;
        }

        return false;
    }

    /// <summary>
    /// The smallest non-zero key two records share under a multi-key rule (0 when none): a pair met in the key group of
    /// key k is produced there only when k is this key, so a pair sharing several keys is produced once.
    /// </summary>
    /// <param name="first">The rule's first slot.</param>
    /// <param name="count">The rule's slot count.</param>
    /// <param name="a">One record.</param>
    /// <param name="b">The other record.</param>
    /// <returns>The key, or 0.</returns>
    internal ulong SmallestSharedKey(int first, int count, int a, int b)
    {
        // Each record's keys are sorted ascending with zeros last: a merge finds the smallest common key in at most
        // 2 x count steps, with no allocation.
        int i = 0, j = 0;
        while (i < count && j < count)
        {
            var x = Slots[first + i][a];
            var y = Slots[first + j][b];
            if (x == 0 || y == 0) return 0;
            if (x == y) return x;
            if (x < y) i++;
            else j++;
        }

        return 0;
    }
}
