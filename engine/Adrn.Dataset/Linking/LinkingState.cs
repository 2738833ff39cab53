using Adrn.Dataset.Catalog;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Store;

namespace Adrn.Dataset.Linking;

/// <summary>
/// What linking the next wave needs and changes: the spec, each spine's representatives and id minter, the models (all
/// versions; the latest of a link and kind is used) and each link's prepared spine (<see cref="PreparedSpines"/>, read from
/// <see cref="StoredPreparedSpines"/> when a link first needs it). <see cref="Retrain"/> lists the link models to train
/// afresh at their next run.
/// </summary>
internal sealed class LinkingState(DatasetSpec spec, Dictionary<string, SpineTable> spines, Dictionary<string, EntityIdMinter> minters, List<ModelEntry> models,
    RepresentativeValues representativeValues, IReadOnlyList<PreparedSpineEntry>? storedPreparedSpines = null)
{
    public const string LinkModel = "link";
    public const string DedupeModel = "dedupe";

    public DatasetSpec Spec { get; } = spec;

    public Dictionary<string, SpineTable> Spines { get; } = spines;

    public Dictionary<string, EntityIdMinter> Minters { get; } = minters;

    public List<ModelEntry> Models { get; } = models;

    public HashSet<(string Source, string Spine, string Kind)> Retrain { get; } = [];

    /// <summary>The raw values of representatives, from the waves' files.</summary>
    public RepresentativeValues RepresentativeValues { get; } = representativeValues;

    /// <summary>The prepared spines of the version the state was read from.</summary>
    public IReadOnlyList<PreparedSpineEntry> StoredPreparedSpines { get; } = storedPreparedSpines ?? [];

    /// <summary>The prepared spines linking has used (and may have changed), by link.</summary>
    public Dictionary<(string Source, string Spine), PreparedSpine> PreparedSpines { get; } = [];

    public ModelEntry? LatestModel(string source, string spine, string kind) =>
        Models.Where(m => m.Source == source && m.Spine == spine && m.Kind == kind).MaxBy(m => m.ModelVersion);

    /// <summary>
    /// The prepared spine of a link for the job of <paramref name="wave"/>: the one in use, else the stored one, else a new,
    /// empty one (another job's values are never used).
    /// </summary>
    public PreparedSpine PreparedSpineFor(string source, string spine, PreparedWave wave, ObjectStore objects)
    {
        if (PreparedSpines.TryGetValue((source, spine), out var prepared) && prepared.JobSha256 == wave.JobSha256) return prepared;
        var columns = wave.Config.Columns.Select(c => c.Name).ToList();
        var stored = StoredPreparedSpines.FirstOrDefault(e => e.Source == source && e.Spine == spine && e.JobSha256 == wave.JobSha256);
        prepared = stored is null ? new PreparedSpine(wave.JobSha256, columns) : PreparedSpine.Read(objects.PathOf(stored.PreparedObject), wave.JobSha256, columns);
        PreparedSpines[(source, spine)] = prepared;
        return prepared;
    }
}
