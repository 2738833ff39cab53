namespace Adrn.Linkage.Preparation;

/// <summary>
/// One source's records whose job columns were standardised earlier (kept between runs, e.g. by the dataset store): per
/// record its id and, per job column in the job's order, the standardised value (as <see cref="ColumnData.ValueOf"/>
/// returns it; null when missing). Turned into prepared records by <see cref="PreparedComposition"/>.
/// </summary>
/// <param name="Ids">Record ids (unique).</param>
/// <param name="Columns">Per job column: one standardised value per record.</param>
public sealed record StandardisedRecords(IReadOnlyList<string> Ids, IReadOnlyList<IReadOnlyList<string?>> Columns);
