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

        var builders = new PartitionBuilder[partitionCount];
        for (var p = 0; p < partitionCount; p++) builders[p] = new PartitionBuilder(rules.Count);
        var alone = new long[rules.Count];
        var groupCounts = new long[rules.Count];
        var largest = new IReadOnlyList<BlockSize>[rules.Count];

        for (var r = 0; r < rules.Count; r++)
        {
            var k = keys.Keys[r];
            var n = 0;
            for (var i = 0; i < k.Length; i++) if (k[i] != 0) n++;
            var sortedKeys = new ulong[n];
            var members = new int[n];
            n = 0;
            for (var i = 0; i < k.Length; i++)
            {
                if (k[i] == 0) continue;
                sortedKeys[n] = k[i];
                members[n++] = i;
            }

            // Sorting by key makes each key group contiguous; members are then sorted by record index within
            // the group so that left records come first (they have the smaller indices) and order is fixed.
            Array.Sort(sortedKeys, members);
            var top = new List<(long Pairs, int Record, long L, long R)>();
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
                    builders[p].AddGroup(r, members.AsSpan(start, end - start), (int)left, cross, pairs);
                    Track(top, (pairs, members[start], left, right));
                }

                start = end;
            }

            largest[r] = top.OrderByDescending(t => t.Pairs).ThenBy(t => t.Record)
                .Select(t => new BlockSize(BlockingKeyBuilder.Describe(prepared, rules[r], t.Record), t.L, t.R, t.Pairs)).ToList();
        }

        var partitions = new BlockingPartition[partitionCount];
        for (var p = 0; p < partitionCount; p++) partitions[p] = builders[p].Build(p, keys);
        return new BlockingPlan(keys, partitions, alone, groupCounts, largest);
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
        private readonly List<int>[] _leftByRule;
        private readonly List<int>[] _startByRule;
        private readonly List<int>[] _endByRule;
        private long _pairs;

        public PartitionBuilder(int rules)
        {
            _leftByRule = new List<int>[rules];
            _startByRule = new List<int>[rules];
            _endByRule = new List<int>[rules];
            for (var r = 0; r < rules; r++)
            {
                _leftByRule[r] = [];
                _startByRule[r] = [];
                _endByRule[r] = [];
            }
        }

        public void AddGroup(int rule, ReadOnlySpan<int> members, int left, bool cross, long pairs)
        {
            _startByRule[rule].Add(_members.Count);
            foreach (var m in members) _members.Add(m);
            _endByRule[rule].Add(_members.Count);
            _leftByRule[rule].Add(cross ? left : 0);
            _pairs += pairs;
        }

        public BlockingPartition Build(int index, BlockingKeySet keys)
        {
            // Groups were added rule by rule already (rules are processed in order), so the member array is in
            // rule order and the per-rule group ranges are contiguous.
            var rules = _startByRule.Length;
            var ruleGroupStart = new int[rules + 1];
            var groups = 0;
            for (var r = 0; r < rules; r++)
            {
                ruleGroupStart[r] = groups;
                groups += _startByRule[r].Count;
            }

            ruleGroupStart[rules] = groups;
            var groupStart = new int[groups + 1];
            var leftCount = new int[groups];
            var g = 0;
            for (var r = 0; r < rules; r++)
            {
                for (var i = 0; i < _startByRule[r].Count; i++)
                {
                    groupStart[g] = _startByRule[r][i];
                    leftCount[g] = _leftByRule[r][i];
                    g++;
                }
            }

            groupStart[groups] = _members.Count;
            return new BlockingPartition(index, keys, ruleGroupStart, groupStart, leftCount, _members.ToArray(), _pairs);
        }
    }
}
