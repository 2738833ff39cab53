namespace Adrn.Dataset.Catalog;

/// <summary>
/// One version of a store, as the catalog records it: the spec, the waves added (in order), the ledger of every wave and
/// link, the models, and each spine's representative file and id counter. Versions are immutable; a change makes a new one.
/// </summary>
internal sealed record StoreState
{
    public required long Version { get; init; }

    public required string SpecObject { get; init; }

    public required IReadOnlyList<WaveEntry> Waves { get; init; }

    public required IReadOnlyList<LedgerEntry> Ledgers { get; init; }

    public required IReadOnlyList<ModelEntry> Models { get; init; }

    public required IReadOnlyList<SpineEntry> Spines { get; init; }

    /// <summary>Each link's prepared spine (the representatives standardised by its job), where one was kept.</summary>
    public IReadOnlyList<PreparedSpineEntry> PreparedSpines { get; init; } = [];

    /// <summary>Every object this version refers to.</summary>
    public IEnumerable<string> Objects()
    {
        yield return SpecObject;
        foreach (var w in Waves)
        {
            yield return w.InputObject;
            if (w.QuarantineObject is { } q) yield return q;
        }

        foreach (var l in Ledgers) yield return l.LedgerObject;
        foreach (var m in Models) yield return m.ModelObject;
        foreach (var s in Spines)
            if (s.SpineObject is { } o) yield return o;
        foreach (var p in PreparedSpines) yield return p.PreparedObject;
    }

    /// <summary>The latest model of a link and kind, or null.</summary>
    public ModelEntry? LatestModel(string source, string spine, string kind) =>
        Models.Where(m => m.Source == source && m.Spine == spine && m.Kind == kind).MaxBy(m => m.ModelVersion);
}
