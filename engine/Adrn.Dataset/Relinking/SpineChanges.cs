namespace Adrn.Dataset;

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
