using System.Runtime.CompilerServices;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// Stage 3: the blocking keys of every record and the key space cut into P hash partitions. Built from key
/// groups only; pairs are never materialised (they are enumerated partition by partition).
/// </summary>
public sealed class BlockingPlan
{
    private const int LargestBlocksShown = 5;

    private BlockingPlan(BlockingKeySet keys, IReadOnlyList<BlockingPartition> partitions, long[] alone, long[] groups, IReadOnlyList<BlockSize>[] largest)
    {
        Keys = keys;
        Partitions = partitions;
        ComparisonsAlone = alone;
        GroupCounts = groups;
        LargestBlocks = largest;
    }

    /// <summary>Keys of every rule.</summary>
    public BlockingKeySet Keys { get; }

    /// <summary>The P partitions (some may be empty).</summary>
    public IReadOnlyList<BlockingPartition> Partitions { get; }

    /// <summary>Per rule: pairs produced by its key groups alone (from group sizes).</summary>
    public IReadOnlyList<long> ComparisonsAlone { get; }

    /// <summary>Per rule: number of key groups producing at least one pair.</summary>
    public IReadOnlyList<long> GroupCounts { get; }

    /// <summary>Per rule: its largest key groups.</summary>
    public IReadOnlyList<IReadOnlyList<BlockSize>> LargestBlocks { get; }

    /// <summary>Builds keys and partitions for the given rules.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="rules">Rules in priority order.</param>
    /// <param name="partitionCount">Number of hash partitions P (>= 1).</param>
    /// <returns>The plan.</returns>
    public static BlockingPlan Build(PreparedLinkage prepared, IReadOnlyList<BlockingRuleConfig> rules, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var keys = BlockingKeyBuilder.Build(prepared, rules);
        var cross = keys.CrossSourceOnly;
        var leftCount = keys.LeftCount;

        var alone = new long[rules.Count];
        var groupCounts = new long[rules.Count];
        var largest = new IReadOnlyList<BlockSize>[rules.Count];

        // Rules are grouped in parallel, each into partition builders of its own; each partition then takes its groups
        // rule by rule, in rule order, so a partition is the same whatever ran first.
        var byRule = new PartitionBuilder[rules.Count][];
        Parallel.For(0, rules.Count, r =>
        {
            var builders = new PartitionBuilder[partitionCount];
            for (var p = 0; p < partitionCount; p++) builders[p] = new PartitionBuilder(rules.Count);
            var top = new List<(long Pairs, int Record, long L, long R)>();
            if (keys.IsNeighbourhood[r])
                AddNeighbourhoodGroups(keys, r, builders, alone, groupCounts, top);
            else
                AddKeyGroups(keys, r, builders, alone, groupCounts, top);
            largest[r] = top.OrderByDescending(t => t.Pairs).ThenBy(t => t.Record)
                .Select(t => new BlockSize(BlockingKeyBuilder.Describe(prepared, rules[r], t.Record), t.L, t.R, t.Pairs)).ToList();
            byRule[r] = builders;
        });

        var partitions = new BlockingPartition[partitionCount];
        Parallel.For(0, partitionCount, p =>
        {
            var builder = new PartitionBuilder(rules.Count);
            for (var r = 0; r < rules.Count; r++)
            {
                builder.Append(byRule[r][p]);
                byRule[r][p] = null!;
            }

            partitions[p] = builder.Build(p, keys);
        });
        return new BlockingPlan(keys, partitions, alone, groupCounts, largest);
    }

    /// <summary>Key groups of a key rule: records sharing a key (any of their keys, for a multi-key rule).</summary>
    private static void AddKeyGroups(BlockingKeySet keys, int r, PartitionBuilder[] builders, long[] alone, long[] groupCounts,
        List<(long Pairs, int Record, long L, long R)> top)
    {
        // A banded (MinHash) rule's bands are grouped one at a time, so each group knows its band; another multi-key rule's
        // keys are grouped together (a key may sit in different slots of different records).
        var banded = keys.IsBanded[r];
        var first = keys.SlotStart[r];
        var end = keys.SlotStart[r + 1];
        for (var from = first; from < end; from = banded ? from + 1 : end)
            AddKeyGroups(keys, r, builders, alone, groupCounts, top, from, banded ? from + 1 : end, banded ? from - first : 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddKeyGroups(BlockingKeySet keys, int r, PartitionBuilder[] builders, long[] alone, long[] groupCounts,
        List<(long Pairs, int Record, long L, long R)> top, int firstSlot, int endSlot, int band)
    {
        var cross = keys.CrossSourceOnly;
        var leftCount = keys.LeftCount;
        var partitionCount = builders.Length;
        // Sorting by key makes each key group contiguous; members are then sorted by record index within
        // the group so that left records come first (they have the smaller indices) and order is fixed.
        // (A record's keys are distinct, so it is in a group at most once.)
        var slots = new ulong[endSlot - firstSlot][];
        for (var s = firstSlot; s < endSlot; s++) slots[s - firstSlot] = keys.Slots[s];
        var (sortedKeys, members) = KeySort.GatherSorted(slots);
        var n = sortedKeys.Length;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && sortedKeys[end] == sortedKeys[start]) end++;
            Array.Sort(members, start, end - start);
            long left, right, pairs;
            if (cross)
            {
                left = 0;
                for (var a = start; a < end; a++) if (members[a] < leftCount) left++;
                right = end - start - left;
                pairs = left * right;
            }
            else
            {
                left = end - start;
                right = 0;
                pairs = left * (left - 1) / 2;
            }

            if (pairs > 0)
            {
                alone[r] += pairs;
                groupCounts[r]++;
                var p = (int)((sortedKeys[start] >> 32) % (ulong)partitionCount);
                builders[p].AddGroup(r, members.AsSpan(start, end - start), (int)left, cross, pairs, sortedKeys[start], 0, 0, band);
                Track(top, (pairs, members[start], left, right));
            }

            start = end;
        }
    }

    /// <summary>
    /// Sorted neighbourhood: the ranked records cut into chunks of consecutive ranks; a chunk's group holds the records of
    /// its anchor ranks and of the window - 1 ranks after them, and produces the pairs whose smaller rank is an anchor.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddNeighbourhoodGroups(BlockingKeySet keys, int r, PartitionBuilder[] builders, long[] alone, long[] groupCounts,
        List<(long Pairs, int Record, long L, long R)> top)
    {
        var cross = keys.CrossSourceOnly;
        var leftCount = keys.LeftCount;
        var window = keys.Window[r];
        var ranks = keys.Slots[keys.SlotStart[r]];
        var n = 0;
        long rankCount = 0;
        foreach (var x in ranks)
        {
            if (x == 0) continue;
            n++;
            rankCount = Math.Max(rankCount, (long)x);
        }

        // One sort key per ranked record: (rank, side, record), so a rank's left records come before its right records,
        // each by record index, whatever the sort algorithm.
        var order = new ulong[n];
        n = 0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (ranks[i] == 0) continue;
            var side = cross && i >= leftCount ? 1UL : 0UL;
            order[n++] = ((ranks[i] - 1) << 32) | (side << 31) | (uint)i;
        }

        Array.Sort(order);
        // Records per rank and side, and their prefix sums, give each anchor's pair count without enumerating pairs.
        var count = (int)rankCount;
        var perRankLeft = new long[count];
        var perRankRight = new long[count];
        var firstOfRank = new int[count];
        Array.Fill(firstOfRank, -1);
        for (var a = 0; a < n; a++)
        {
            var rank = (int)(order[a] >> 32);
            if (firstOfRank[rank] < 0) firstOfRank[rank] = (int)(order[a] & 0x7FFFFFFF);
            if (((order[a] >> 31) & 1) == 0) perRankLeft[rank]++;
            else perRankRight[rank]++;
        }

        var prefixLeft = new long[count + 1];
        var prefixRight = new long[count + 1];
        for (var x = 0; x < count; x++)
        {
            prefixLeft[x + 1] = prefixLeft[x] + perRankLeft[x];
            prefixRight[x + 1] = prefixRight[x] + perRankRight[x];
        }

        long AnchorPairs(int a)
        {
            var last = Math.Min(count - 1, a + window - 1);
            if (cross)
                return (perRankLeft[a] * (prefixRight[last + 1] - prefixRight[a])) + (perRankRight[a] * (prefixLeft[last + 1] - prefixLeft[a + 1]));
            var own = perRankLeft[a];
            return (own * (own - 1) / 2) + (own * (prefixLeft[last + 1] - prefixLeft[a + 1]));
        }

        // Chunks of at least 64 anchor ranks (and at least one window) keep the records shared with the next chunk
        // (window - 1 ranks) a small part of each group.
        var chunk = Math.Max(64, window);
        var rankStartIndex = new int[count + 1];
        {
            var at = 0;
            for (var x = 0; x <= count; x++)
            {
                while (at < n && (long)(order[at] >> 32) < x) at++;
                rankStartIndex[x] = at;
            }
        }

        var buffer = new List<int>();
        for (var lo = 0; lo < count; lo += chunk)
        {
            var hi = Math.Min(count, lo + chunk);
            long pairs = 0;
            for (var a = lo; a < hi; a++)
            {
                var p = AnchorPairs(a);
                if (p == 0) continue;
                pairs += p;
                Track(top, (p, firstOfRank[a], perRankLeft[a], cross ? perRankRight[a] : 0));
            }

            if (pairs == 0) continue;
            alone[r] += pairs;
            groupCounts[r]++;
            var memberEnd = Math.Min(count, hi + window - 1);
            // Left members first (by rank, then record), then right members: the layout of a key group.
            buffer.Clear();
            var left = 0;
            for (var side = 0; side < (cross ? 2 : 1); side++)
            {
                for (var x = rankStartIndex[lo]; x < rankStartIndex[memberEnd]; x++)
                {
                    if (cross && (int)((order[x] >> 31) & 1) != side) continue;
                    buffer.Add((int)(order[x] & 0x7FFFFFFF));
                    if (side == 0) left++;
                }
            }

            var partition = (int)((BlockingKeyBuilder.Mix(((ulong)r << 40) ^ (ulong)lo ^ 0x5EED5EED5EEDUL) >> 32) % (ulong)builders.Length);
            builders[partition].AddGroup(r, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer), cross ? left : 0, cross, pairs, 0, lo, hi, 0);
        }
    }

    private static void Track(List<(long Pairs, int Record, long L, long R)> top, (long Pairs, int Record, long L, long R) item)
    {
        if (top.Count < LargestBlocksShown) { top.Add(item); return; }
        var min = 0;
        for (var i = 1; i < top.Count; i++) if (top[i].Pairs < top[min].Pairs) min = i;
        if (item.Pairs > top[min].Pairs) top[min] = item;
    }

    /// <summary>
    /// Counts the distinct pairs each rule adds (pairs of earlier rules excluded) by enumerating pairs without
    /// storing them, partitions in parallel.
    /// </summary>
    /// <param name="maxDegreeOfParallelism">Threads to use.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Per rule, the pairs it adds.</returns>
    public long[] CountComparisonsAdded(int maxDegreeOfParallelism = -1, CancellationToken ct = default)
    {
        var rules = Keys.Rules.Count;
        var totals = new long[rules];
        var gate = new object();
        Parallel.For(0, Partitions.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = ct }, p =>
        {
            var v = new RuleCounter { Counts = new long[rules] };
            Partitions[p].ForEachPair(ref v);
            lock (gate)
                for (var r = 0; r < rules; r++) totals[r] += v.Counts[r];
        });
        return totals;
    }

    private struct RuleCounter : IPairVisitor
    {
        public long[] Counts;

        public readonly void Visit(int left, int right, int rule) => Counts[rule]++;
    }

    /// <summary>Builds the blocking report and checks the comparison cap.</summary>
    /// <param name="maxComparisons">The cap.</param>
    /// <param name="possiblePairs">Number of possible pairs without blocking (for the reduction ratio).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report; <see cref="BlockingReport.CapExceeded"/> says when the cap is exceeded.</returns>
    public BlockingReport Report(long maxComparisons, double possiblePairs, CancellationToken ct = default)
    {
        string? exceeded = null;
        for (var r = 0; r < ComparisonsAlone.Count && exceeded is null; r++)
            if (ComparisonsAlone[r] > maxComparisons)
                exceeded = $"blocking rule '{Keys.Rules[r].Name}' alone produces {ComparisonsAlone[r]:N0} comparisons, more than max_comparisons = {maxComparisons:N0}; make the rule stricter or raise the cap";

        long[]? added = null;
        if (exceeded is null)
        {
            added = CountComparisonsAdded(-1, ct);
            long cumulative = 0;
            for (var r = 0; r < added.Length && exceeded is null; r++)
            {
                cumulative += added[r];
                if (cumulative > maxComparisons)
                    exceeded = $"blocking rule '{Keys.Rules[r].Name}' takes the comparisons to {cumulative:N0}, more than max_comparisons = {maxComparisons:N0}; make the rule stricter or raise the cap";
            }
        }

        var rows = new List<BlockingRuleCount>();
        long running = 0;
        for (var r = 0; r < Keys.Rules.Count; r++)
        {
            if (added is not null) running += added[r];
            rows.Add(new BlockingRuleCount
            {
                Rule = Keys.Rules[r].Name,
                ComparisonsAlone = ComparisonsAlone[r],
                ComparisonsAdded = added?[r] ?? -1,
                Cumulative = added is null ? -1 : running,
                Groups = GroupCounts[r],
                LargestBlocks = LargestBlocks[r],
            });
        }

        return new BlockingReport
        {
            Rules = rows,
            TotalComparisons = added is null ? -1 : running,
            PossiblePairs = possiblePairs,
            MaxComparisons = maxComparisons,
            CapExceeded = exceeded,
        };
    }

    private sealed class PartitionBuilder
    {
        private readonly List<int> _members = [];
        private readonly List<(int Start, int Left, ulong Key, int RankStart, int RankEnd, int Band)>[] _groupsByRule;
        private long _pairs;

        public PartitionBuilder(int rules)
        {
            _groupsByRule = new List<(int, int, ulong, int, int, int)>[rules];
            for (var r = 0; r < rules; r++) _groupsByRule[r] = [];
        }

        public void AddGroup(int rule, ReadOnlySpan<int> members, int left, bool cross, long pairs, ulong key, int rankStart, int rankEnd, int band)
        {
            _groupsByRule[rule].Add((_members.Count, cross ? left : 0, key, rankStart, rankEnd, band));
            foreach (var m in members) _members.Add(m);
            _pairs += pairs;
        }

        /// <summary>Appends another builder's groups and members after this one's (rule by rule: call in rule order).</summary>
        public void Append(PartitionBuilder other)
        {
            var offset = _members.Count;
            for (var r = 0; r < _groupsByRule.Length; r++)
                foreach (var g in other._groupsByRule[r]) _groupsByRule[r].Add(g with { Start = g.Start + offset });
            _members.AddRange(other._members);
            _pairs += other._pairs;
        }

        public BlockingPartition Build(int index, BlockingKeySet keys)
        {
            // Groups were added rule by rule already (rules are processed in order), so the member array is in
            // rule order and the per-rule group ranges are contiguous.
            var rules = _groupsByRule.Length;
            var ruleGroupStart = new int[rules + 1];
            var groups = 0;
            for (var r = 0; r < rules; r++)
            {
                ruleGroupStart[r] = groups;
                groups += _groupsByRule[r].Count;
            }

            ruleGroupStart[rules] = groups;
            var groupStart = new int[groups + 1];
            var leftCount = new int[groups];
            var groupKey = new ulong[groups];
            var rankStart = new int[groups];
            var rankEnd = new int[groups];
            var band = new int[groups];
            var g = 0;
            for (var r = 0; r < rules; r++)
            {
                foreach (var group in _groupsByRule[r])
                {
                    groupStart[g] = group.Start;
                    leftCount[g] = group.Left;
                    groupKey[g] = group.Key;
                    rankStart[g] = group.RankStart;
                    rankEnd[g] = group.RankEnd;
                    band[g] = group.Band;
                    g++;
                }
            }

            groupStart[groups] = _members.Count;
            return new BlockingPartition(index, keys, ruleGroupStart, groupStart, leftCount, [.. _members], _pairs)
            {
                GroupKey = groupKey,
                GroupRankStart = rankStart,
                GroupRankEnd = rankEnd,
                GroupBand = band,
            };
        }
    }
}
