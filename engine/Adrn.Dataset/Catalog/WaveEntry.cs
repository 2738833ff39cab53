namespace Adrn.Dataset.Catalog;

/// <summary>A wave in the store: its input file (an object) and its row counts; <see cref="Seq"/> orders waves as added.</summary>
internal sealed record WaveEntry(string Source, string Wave, long Seq, string InputObject, string InputSha256, string InputName,
    long RowsIn, long Records, long Quarantined, string? QuarantineObject);
