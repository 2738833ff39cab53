namespace Adrn.Dataset.Linking;

/// <summary>A wave to link: its source, label, place in the order of waves, and file.</summary>
internal sealed record WaveInput(string Source, string Wave, long Seq, string Path);
