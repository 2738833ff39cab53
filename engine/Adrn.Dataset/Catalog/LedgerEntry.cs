namespace Adrn.Dataset.Catalog;

/// <summary>
/// The ledger of one wave of one source for one spine: a file with the entity, probability, rule and model of every record,
/// and its counts. <see cref="SpineEntitiesBefore"/> is the spine's size when the wave was linked (0: nothing to link to).
/// </summary>
internal sealed record LedgerEntry(string Source, string Wave, string Spine, string LedgerObject, long Records, long Linked,
    long LinkedWithinWave, long Minted, long Unlinked, double? MeanProbability, long SpineEntitiesBefore);
