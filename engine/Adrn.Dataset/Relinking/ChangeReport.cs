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

/// <summary>
/// The changes to one spine. Counts reconcile: <c>EntitiesAfter = EntitiesBefore − Retired + Minted</c> and
/// <c>Kept = EntitiesBefore − Retired</c>.
/// </summary>
/// <param name="Spine">The spine.</param>
/// <param name="EntitiesBefore">Distinct entity ids before.</param>
/// <param name="EntitiesAfter">Distinct entity ids after.</param>
/// <param name="Kept">Ids that survived (inherited by the entity sharing most records with them).</param>
/// <param name="Retired">Ids no entity inherited.</param>
/// <param name="Minted">Ids minted for entities that inherited none.</param>
/// <param name="Records">Records linked to the spine (with or without an entity).</param>
/// <param name="RecordsMoved">Records whose entity id changed (including to or from no entity).</param>
/// <param name="Splits">Entities before whose records now belong to two or more entities.</param>
/// <param name="Merges">Entities after holding records of two or more entities before.</param>
/// <param name="SplitExamples">Up to five splits: the old id and the new ids with their record counts.</param>
/// <param name="MergeExamples">Up to five merges: the new id and the old ids with their record counts.</param>
/// <param name="MovedExamples">Up to ten moved records.</param>
public sealed record SpineChanges(string Spine, long EntitiesBefore, long EntitiesAfter, long Kept, long Retired, long Minted, long Records, long RecordsMoved,
    long Splits, long Merges, IReadOnlyList<EntityChange> SplitExamples, IReadOnlyList<EntityChange> MergeExamples, IReadOnlyList<MovedRecord> MovedExamples);

/// <summary>One split or merge: the entity and the entities on the other side with the records they share.</summary>
/// <param name="Entity">The split entity (before) or the merged entity (after).</param>
/// <param name="Parts">The other side's ids with the number of shared records.</param>
public sealed record EntityChange(string Entity, IReadOnlyDictionary<string, long> Parts);

/// <summary>A record whose entity changed.</summary>
/// <param name="Source">Its source.</param>
/// <param name="Wave">Its wave.</param>
/// <param name="RecordId">Its id.</param>
/// <param name="From">Entity before, or null.</param>
/// <param name="To">Entity after, or null.</param>
public sealed record MovedRecord(string Source, string Wave, string RecordId, string? From, string? To);
