namespace Adrn.Dataset;

/// <summary>One wave in <see cref="StoreStatus"/>.</summary>
/// <param name="Source">The source.</param>
/// <param name="Wave">The wave label.</param>
/// <param name="Seq">Its place in the order waves were added.</param>
/// <param name="RowsIn">Rows read.</param>
/// <param name="Records">Records kept.</param>
/// <param name="Quarantined">Rows set aside.</param>
/// <param name="Links">How its records were linked, per spine.</param>
public sealed record WaveStatus(string Source, string Wave, long Seq, long RowsIn, long Records, long Quarantined, IReadOnlyList<WaveLinkSummary> Links);
