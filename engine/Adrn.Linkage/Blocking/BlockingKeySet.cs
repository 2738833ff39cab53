using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// The 64-bit blocking key of every record under every rule (0 = no key: some part was null). Two records
/// are a candidate pair under a rule when their keys are equal and non-zero.
/// </summary>
public sealed class BlockingKeySet
{
    internal BlockingKeySet(IReadOnlyList<BlockingRuleConfig> rules, ulong[][] keys, bool crossSourceOnly, int leftCount, Preparation.RecordTable records)
    {
        Records = records;
        Rules = rules;
        Keys = keys;
        CrossSourceOnly = crossSourceOnly;
        LeftCount = leftCount;
    }

    /// <summary>The records the keys belong to (the job's records, or a partition slice).</summary>
    public Preparation.RecordTable Records { get; }

    /// <summary>Rules in priority order.</summary>
    public IReadOnlyList<BlockingRuleConfig> Rules { get; }

    /// <summary>Keys by rule then record.</summary>
    public ulong[][] Keys { get; }

    /// <summary>True when pairs are left (records below <see cref="LeftCount"/>) x right only.</summary>
    public bool CrossSourceOnly { get; }

    /// <summary>Number of left records (link_only); records at or above this index are right records.</summary>
    public int LeftCount { get; }

    /// <summary>
    /// True when a rule earlier than <paramref name="rule"/> already produces the pair; such a pair is skipped
    /// by the later rule (Splink's approach: re-evaluate the earlier rules on the pair rather than remember pairs).
    /// </summary>
    /// <param name="rule">The rule producing the pair now.</param>
    /// <param name="left">Left record.</param>
    /// <param name="right">Right record.</param>
    /// <returns>Whether an earlier rule covers the pair.</returns>
    public bool CoveredByEarlierRule(int rule, int left, int right)
    {
        for (var q = 0; q < rule; q++)
        {
            var k = Keys[q];
            var a = k[left];
            if (a != 0 && a == k[right]) return true;
        }

        return false;
    }
}
