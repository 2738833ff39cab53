namespace Adrn.Linkage.Blocking;

/// <summary>One large key group of a rule (for the blocking report).</summary>
/// <param name="Key">Readable key, e.g. <c>surname=smith &amp; year(dob)=1970</c>.</param>
/// <param name="LeftRecords">Left records in the group (all records for dedupe).</param>
/// <param name="RightRecords">Right records in the group (0 for dedupe).</param>
/// <param name="Comparisons">Pairs the group produces.</param>
public sealed record BlockSize(string Key, long LeftRecords, long RightRecords, long Comparisons);
