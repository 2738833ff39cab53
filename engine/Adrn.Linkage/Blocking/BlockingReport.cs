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
