namespace Adrn.Dataset;

/// <summary>What adding a wave did.</summary>
/// <param name="Added">False when the same bytes were already in the store as this wave (nothing was done).</param>
/// <param name="Version">The store's version after the call.</param>
/// <param name="RowsIn">Rows read from the file.</param>
/// <param name="Records">Rows that became records.</param>
/// <param name="Quarantined">Rows set aside (missing or repeated id), kept in the store with their reason.</param>
/// <param name="Links">Per spine the source links to: what happened to the records.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
public sealed record AddWaveResult(bool Added, long Version, long RowsIn, long Records, long Quarantined, IReadOnlyList<WaveLinkSummary> Links, double Seconds)
{
    /// <summary>What each linkage run worked on (empty when nothing was added).</summary>
    public IReadOnlyList<WaveLinkWork> Work { get; init; } = [];

    /// <summary>
    /// Seconds per step, in order: <c>open</c> (lock, catalog, input hash), <c>store_input</c>, <c>read_spines</c>,
    /// <c>link</c> (every linkage run, resolution, representatives), <c>write_objects</c> (ledgers, changed spines and
    /// prepared spines, side by side), <c>commit</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> Timings { get; init; } = [];
}
