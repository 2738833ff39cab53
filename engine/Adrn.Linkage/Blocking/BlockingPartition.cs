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

    /// <summary>Number of key groups.</summary>
    public int GroupCount => GroupLeftCount.Length;

    /// <summary>
    /// Calls the visitor for every candidate pair of this partition, each exactly once (pairs that an earlier rule
    /// produces are skipped by later rules), in a fixed order.
    /// </summary>
    /// <typeparam name="TVisitor">A struct visitor (specialised by the JIT: no allocation, inlined calls).</typeparam>
    /// <param name="visitor">The visitor, passed by reference so it can accumulate state.</param>
    public void ForEachPair<TVisitor>(ref TVisitor visitor) where TVisitor : struct, IPairVisitor
    {
        var keys = Keys;
        var cross = keys.CrossSourceOnly;
        var members = Members;
        for (var rule = 0; rule + 1 < RuleGroupStart.Length; rule++)
        {
            for (var g = RuleGroupStart[rule]; g < RuleGroupStart[rule + 1]; g++)
            {
                var start = GroupStart[g];
                var end = GroupStart[g + 1];
                if (cross)
                {
                    var mid = start + GroupLeftCount[g];
                    for (var a = start; a < mid; a++)
                    {
                        var i = members[a];
                        for (var b = mid; b < end; b++)
                        {
                            var j = members[b];
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
                            if (rule > 0 && keys.CoveredByEarlierRule(rule, i, j)) continue;
                            visitor.Visit(i, j, rule);
                        }
                    }
                }
            }
        }
    }
}
