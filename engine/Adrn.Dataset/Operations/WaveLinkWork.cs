namespace Adrn.Dataset;

/// <summary>
/// What one linkage run of an added wave worked on: the cost counters of <c>adrn dataset add-wave</c>. A wave is linked to
/// a spine's representatives kept prepared in the store, so a run standardises the wave's records and only those
/// representatives the store does not hold prepared for its job yet; earlier waves are never read.
/// </summary>
/// <param name="Spine">The spine the run links for.</param>
/// <param name="Kind"><c>link</c> (wave → the spine's representatives) or <c>within_wave</c> (the wave's records among themselves).</param>
/// <param name="WaveRecords">Wave records read and standardised.</param>
/// <param name="SpineRecords">Representatives joined to the run, already standardised (0 for <c>within_wave</c>).</param>
/// <param name="SpineRecordsStandardised">Representatives standardised for the run because the job held none prepared for them.</param>
/// <param name="SpineRecordsInBlocks">Representatives sharing a blocking key with a wave record: the blocks the wave touches.</param>
/// <param name="CandidatePairs">Candidate pairs compared and scored.</param>
/// <param name="Seconds">Wall-clock seconds of the run (preparation of the spine side, pipeline, reading its links).</param>
public sealed record WaveLinkWork(string Spine, string Kind, long WaveRecords, long SpineRecords, long SpineRecordsStandardised, long SpineRecordsInBlocks,
    long CandidatePairs, double Seconds)
{
    /// <summary>
    /// Representatives the job lacked that took the values another source's link job prepared for them, because its spine
    /// side standardises every column of this job alike (e.g. the register's records for the payroll → employer job).
    /// </summary>
    public long SpineRecordsReused { get; init; }
}
