using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// One of P hash partitions of the blocking key space: for every rule, the key groups whose key hashes to
/// this partition, with the record indices of both sides. Partitions are independent units of work: counting
/// agreement patterns or scoring one needs only the prepared records, the key set and this object.
/// </summary>
public sealed class BlockingPartition
{
    internal BlockingPartition(int index, BlockingKeySet keys, int[] ruleGroupStart, int[] groupStart, int[] groupLeftCount, int[] members, long pairUpperBound)
    {
        Index = index;
        Keys = keys;
        RuleGroupStart = ruleGroupStart;
        GroupStart = groupStart;
        GroupLeftCount = groupLeftCount;
        Members = members;
        PairUpperBound = pairUpperBound;
    }

    /// <summary>Partition number in 0..P-1.</summary>
    public int Index { get; }

    /// <summary>The records the partition's member indices refer to (the job's, or a slice holding just this partition's).</summary>
    public Preparation.RecordTable Records => Keys.Records;

    /// <summary>The keys of every rule, used to skip pairs an earlier rule produces.</summary>
    public BlockingKeySet Keys { get; }

    /// <summary>Per rule r, its groups are <c>[RuleGroupStart[r], RuleGroupStart[r+1])</c>.</summary>
    public int[] RuleGroupStart { get; }

    /// <summary>Per group g, its members are <c>Members[GroupStart[g] .. GroupStart[g+1])</c>, sorted by record index.</summary>
    public int[] GroupStart { get; }

    /// <summary>Per group: how many of its (sorted) members are left records (link_only; the rest are right).</summary>
    public int[] GroupLeftCount { get; }

    /// <summary>Record indices of all groups, concatenated.</summary>
    public int[] Members { get; }

    /// <summary>Pairs the groups produce before skipping pairs of earlier rules (an upper bound on the work).</summary>
    public long PairUpperBound { get; }

    /// <summary>Per group: its key (key rules); a multi-key rule produces a pair in the group of the smallest key the two records share.</summary>
    public ulong[] GroupKey { get; init; } = [];

    /// <summary>Per group of a sorted-neighbourhood rule: first anchor rank (the group produces the pairs whose smaller rank is an anchor).</summary>
    public int[] GroupRankStart { get; init; } = [];

    /// <summary>Per group of a sorted-neighbourhood rule: end (exclusive) of its anchor ranks.</summary>
    public int[] GroupRankEnd { get; init; } = [];

    /// <summary>Per group of a banded (MinHash) rule: its band; the group produces the pairs that agree on no earlier band.</summary>
    public int[] GroupBand { get; init; } = [];

    /// <summary>Number of key groups.</summary>
    public int GroupCount => GroupLeftCount.Length;

    /// <summary>
    /// Calls the visitor for every candidate pair of this partition, each exactly once (pairs that an earlier rule
    /// produces are skipped by later rules; a pair agreeing on several bands of a MinHash rule is produced by the first,
    /// and one sharing several keys of another multi-key rule in the group of the smallest), in a fixed order. Only the
    /// member records' own keys are read.
    /// </summary>
    /// <typeparam name="TVisitor">A struct visitor (specialised by the JIT: no allocation, inlined calls).</typeparam>
    /// <param name="visitor">The visitor, passed by reference so it can accumulate state.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForEachPair<TVisitor>(ref TVisitor visitor) where TVisitor : struct, IPairVisitor
    {
        var keys = Keys;
        var cross = keys.CrossSourceOnly;
        var members = Members;
        for (var rule = 0; rule + 1 < RuleGroupStart.Length; rule++)
        {
            if (keys.IsNeighbourhood[rule])
            {
                ForEachNeighbourhoodPair(rule, ref visitor);
                continue;
            }

            var firstSlot = keys.SlotStart[rule];
            var slotCount = keys.SlotStart[rule + 1] - firstSlot;
            var banded = keys.IsBanded[rule];
            var multi = slotCount > 1 && !banded;
            for (var g = RuleGroupStart[rule]; g < RuleGroupStart[rule + 1]; g++)
            {
                var start = GroupStart[g];
                var end = GroupStart[g + 1];
                var groupKey = multi ? GroupKey[g] : 0;
                var band = banded ? GroupBand[g] : 0;
                if (cross)
                {
                    var mid = start + GroupLeftCount[g];
                    for (var a = start; a < mid; a++)
                    {
                        var i = members[a];
                        for (var b = mid; b < end; b++)
                        {
                            var j = members[b];
                            if (multi && keys.SharesKeyBelow(firstSlot, slotCount, i, j, groupKey)) continue;
                            if (band > 0 && keys.AgreesOnBandBefore(firstSlot, band, i, j)) continue;
                            if (rule > 0 && keys.CoveredByEarlierRule(rule, i, j)) continue;
                            visitor.Visit(i, j, rule);
                        }
                    }
                }
                else
                {
                    for (var a = start; a < end; a++)
                    {
                        var i = members[a];
                        for (var b = a + 1; b < end; b++)
                        {
                            var j = members[b];
                            if (multi && keys.SharesKeyBelow(firstSlot, slotCount, i, j, groupKey)) continue;
                            if (band > 0 && keys.AgreesOnBandBefore(firstSlot, band, i, j)) continue;
                            if (rule > 0 && keys.CoveredByEarlierRule(rule, i, j)) continue;
                            visitor.Visit(i, j, rule);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The pairs of a sorted-neighbourhood rule's groups: records whose ranks differ by less than the window, each pair
    /// produced by the group holding its smaller rank as an anchor. Members are sorted by rank (left records first for
    /// link_only), so each record's partners are a contiguous run found by a moving pointer: the work is the pairs
    /// themselves, not the square of the group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForEachNeighbourhoodPair<TVisitor>(int rule, ref TVisitor visitor) where TVisitor : struct, IPairVisitor
    {
        var keys = Keys;
        var ranks = keys.Slots[keys.SlotStart[rule]];
        var window = (ulong)keys.Window[rule];
        var members = Members;
        for (var g = RuleGroupStart[rule]; g < RuleGroupStart[rule + 1]; g++)
        {
            var start = GroupStart[g];
            var end = GroupStart[g + 1];
            // Stored ranks are rank + 1; anchors are the group's [RankStart, RankEnd).
            var low = (ulong)GroupRankStart[g] + 1;
            var high = (ulong)GroupRankEnd[g] + 1;
            if (keys.CrossSourceOnly)
            {
                var mid = start + GroupLeftCount[g];
                // Left anchors: right partners with rank in [ra, ra + window - 1].
                var from = mid;
                for (var a = start; a < mid; a++)
                {
                    var i = members[a];
                    var ra = ranks[i];
                    if (ra < low || ra >= high) continue;
                    while (from < end && ranks[members[from]] < ra) from++;
                    for (var b = from; b < end && ranks[members[b]] - ra < window; b++)
                        Emit(rule, i, members[b], ref visitor);
                }

                // Right anchors: left partners with rank in [rb + 1, rb + window - 1] (equal ranks came from the left).
                from = start;
                for (var b = mid; b < end; b++)
                {
                    var j = members[b];
                    var rb = ranks[j];
                    if (rb < low || rb >= high) continue;
                    while (from < mid && ranks[members[from]] <= rb) from++;
                    for (var a = from; a < mid && ranks[members[a]] - rb < window; a++)
                        Emit(rule, members[a], j, ref visitor);
                }
            }
            else
            {
                for (var a = start; a < end; a++)
                {
                    var i = members[a];
                    var ra = ranks[i];
                    if (ra < low || ra >= high) continue;
                    for (var b = a + 1; b < end && ranks[members[b]] - ra < window; b++)
                    {
                        var j = members[b];
                        if (i < j) Emit(rule, i, j, ref visitor);
                        else Emit(rule, j, i, ref visitor);
                    }
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Emit<TVisitor>(int rule, int left, int right, ref TVisitor visitor) where TVisitor : struct, IPairVisitor
    {
        if (rule > 0 && Keys.CoveredByEarlierRule(rule, left, right)) return;
        visitor.Visit(left, right, rule);
    }
}
