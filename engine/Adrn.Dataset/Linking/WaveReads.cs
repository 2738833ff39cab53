namespace Adrn.Dataset.Linking;

/// <summary>
/// What <see cref="WaveProcessor.Start"/> set reading for a wave, per link of its source in the spec's order: the job's side
/// of the wave, read and standardised, and the link's stored prepared spine (null when none was stored for the job).
/// </summary>
/// <param name="Wave">The wave.</param>
/// <param name="Preparations">Per link, the prepared wave.</param>
/// <param name="StoredSpines">Per link, the stored prepared spine.</param>
internal sealed record WaveReads(WaveInput Wave, IReadOnlyList<Task<PreparedWave>> Preparations, IReadOnlyList<Task<PreparedSpine?>> StoredSpines);
