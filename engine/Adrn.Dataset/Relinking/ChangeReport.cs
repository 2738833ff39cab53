using System.Globalization;
using System.Text;

namespace Adrn.Dataset;

/// <summary>What a relink changed, spine by spine: entity counts, splits, merges and moved records, with examples.</summary>
/// <param name="Spines">One entry per spine.</param>
public sealed record ChangeReport(IReadOnlyList<SpineChanges> Spines)
{
    /// <summary>A plain-text rendering.</summary>
    public string ToText()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var s in Spines)
        {
            sb.AppendLine(ci, $"{s.Spine}: {s.EntitiesBefore:N0} entities before, {s.EntitiesAfter:N0} after ({s.Kept:N0} ids kept, {s.Retired:N0} retired, {s.Minted:N0} minted)");
            sb.AppendLine(ci, $"  {s.Records:N0} records, {s.RecordsMoved:N0} moved to another entity (or to or from none); {s.Splits:N0} entities split, {s.Merges:N0} merged");
            foreach (var e in s.SplitExamples) sb.AppendLine(ci, $"  split  {e.Entity} -> {string.Join(", ", e.Parts.Select(p => $"{p.Key} ({p.Value})"))}");
            foreach (var e in s.MergeExamples) sb.AppendLine(ci, $"  merged {string.Join(", ", e.Parts.Select(p => $"{p.Key} ({p.Value})"))} -> {e.Entity}");
            foreach (var m in s.MovedExamples) sb.AppendLine(ci, $"  moved  {m.Source} {m.Wave} {m.RecordId}: {m.From ?? "none"} -> {m.To ?? "none"}");
        }

        return sb.ToString();
    }
}
