using System.Globalization;
using System.Text;

namespace Adrn.Linkage.Blocking;

/// <summary>What blocking will produce, computed from key-group sizes before anything is compared.</summary>
public sealed record BlockingReport
{
    /// <summary>Per rule, in priority order.</summary>
    public required IReadOnlyList<BlockingRuleCount> Rules { get; init; }

    /// <summary>All distinct candidate pairs (-1 when not computed).</summary>
    public required long TotalComparisons { get; init; }

    /// <summary>Number of possible pairs without blocking.</summary>
    public required double PossiblePairs { get; init; }

    /// <summary>The configured cap (<c>max_comparisons</c>).</summary>
    public required long MaxComparisons { get; init; }

    /// <summary>Null when within the cap; else a message naming the rule and the count.</summary>
    public string? CapExceeded { get; init; }

    /// <summary>With truth: the true pairs the job could produce (null without truth).</summary>
    public long? TruthPairs { get; init; }

    /// <summary>With truth: true pairs no rule produces (they can never be linked).</summary>
    public long? TruthPairsMissed { get; init; }

    /// <summary>A copy with the truth columns filled in from <see cref="BlockingRecall.Measure"/>.</summary>
    /// <param name="keys">The keys the report was made from.</param>
    /// <param name="truth">True pairs as record indices.</param>
    /// <returns>The report with recall per rule.</returns>
    public BlockingReport WithRecall(BlockingKeySet keys, IReadOnlyList<(int A, int B)> truth)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(truth);
        var (alone, added, only, missed) = BlockingRecall.Measure(keys, truth);
        var rows = new List<BlockingRuleCount>();
        long running = 0;
        for (var r = 0; r < Rules.Count; r++)
        {
            running += added[r];
            rows.Add(Rules[r] with
            {
                TruthPairsAlone = alone[r], TruthPairsAdded = added[r], TruthPairsOnly = only[r],
                CumulativeRecall = truth.Count == 0 ? 0 : (double)running / truth.Count,
            });
        }

        return this with { Rules = rows, TruthPairs = truth.Count, TruthPairsMissed = missed };
    }

    /// <summary>A fixed-width text table of the report.</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"{"rule",-48} {"alone",15} {"added",15} {"cumulative",15} {"groups",10}");
        foreach (var r in Rules)
            sb.AppendLine(ci, $"{Trim(r.Rule, 48),-48} {r.ComparisonsAlone,15:N0} {r.ComparisonsAdded,15:N0} {r.Cumulative,15:N0} {r.Groups,10:N0}");
        sb.AppendLine(ci, $"total comparisons {TotalComparisons:N0} of {PossiblePairs:N0} possible pairs (reduction ratio {(PossiblePairs > 0 && TotalComparisons >= 0 ? 1 - TotalComparisons / PossiblePairs : double.NaN):F6}); cap {MaxComparisons:N0}");
        if (TruthPairs is { } truth)
        {
            // Marginal recall: what each rule buys. "added" counts the true pairs no earlier rule produces, "only" those
            // no other rule produces at all.
            var t = Math.Max(1, truth);
            sb.AppendLine(ci, $"recall against {truth:N0} true pairs:");
            sb.AppendLine(ci, $"{"rule",-48} {"alone",10} {"recall",8} {"added",10} {"marginal",9} {"only",8} {"cumulative",11}");
            foreach (var r in Rules)
                sb.AppendLine(ci, $"{Trim(r.Rule, 48),-48} {r.TruthPairsAlone,10:N0} {(double)r.TruthPairsAlone! / t,8:F4} {r.TruthPairsAdded,10:N0} {(double)r.TruthPairsAdded! / t,9:F4} {r.TruthPairsOnly,8:N0} {r.CumulativeRecall,11:F4}");
            sb.AppendLine(ci, $"true pairs no rule produces: {TruthPairsMissed:N0} (blocking recall {(double)(truth - TruthPairsMissed!.Value) / t:F4})");
        }
        foreach (var r in Rules)
        {
            if (r.LargestBlocks.Count == 0) continue;
            sb.AppendLine(ci, $"largest blocks of {r.Rule}:");
            foreach (var b in r.LargestBlocks)
                sb.AppendLine(ci, $"  {b.Comparisons,12:N0} pairs  ({b.LeftRecords:N0} x {b.RightRecords:N0})  {b.Key}");
        }

        if (CapExceeded is not null) sb.AppendLine(CapExceeded);
        return sb.ToString();
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
