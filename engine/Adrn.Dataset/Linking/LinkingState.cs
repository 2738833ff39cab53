using Adrn.Dataset.Catalog;
using Adrn.Dataset.Spec;

namespace Adrn.Dataset.Linking;

/// <summary>
/// What linking the next wave needs and changes: the spec, each spine's representatives and id minter, and the models
/// (all versions; the latest of a link and kind is used). <see cref="Retrain"/> lists the link models to train afresh at
/// their next run.
/// </summary>
internal sealed class LinkingState(DatasetSpec spec, Dictionary<string, SpineTable> spines, Dictionary<string, EntityIdMinter> minters, List<ModelEntry> models)
{
    public const string LinkModel = "link";
    public const string DedupeModel = "dedupe";

    public DatasetSpec Spec { get; } = spec;

    public Dictionary<string, SpineTable> Spines { get; } = spines;

    public Dictionary<string, EntityIdMinter> Minters { get; } = minters;

    public List<ModelEntry> Models { get; } = models;

    public HashSet<(string Source, string Spine, string Kind)> Retrain { get; } = [];

    public ModelEntry? LatestModel(string source, string spine, string kind) =>
        Models.Where(m => m.Source == source && m.Spine == spine && m.Kind == kind).MaxBy(m => m.ModelVersion);
}
