namespace Adrn.Dataset.Linking;

/// <summary>What one pipeline run on a wave found.</summary>
/// <param name="Links">Per wave record: the record it was linked to (a spine record key, or another wave record), with probability and rule.</param>
/// <param name="Clusters">Per wave record, its within-wave cluster (dedupe runs only).</param>
/// <param name="ModelPath">The model the run used (written by the run; a new one when <paramref name="Trained"/>).</param>
/// <param name="Trained">Whether the run trained its model (there was none stored, or a retrain was asked for).</param>
/// <param name="Work">What the run worked on, and its seconds.</param>
internal sealed record WaveLinkRun(
    IReadOnlyDictionary<string, LinkedPair> Links,
    IReadOnlyDictionary<string, string>? Clusters,
    string ModelPath,
    bool Trained,
    WaveLinkWork Work);
