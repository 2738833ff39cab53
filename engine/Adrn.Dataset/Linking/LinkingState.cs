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

    /// <summary>The prepared spine of a link stored in a version (its <paramref name="storedPreparedSpines"/>), for this job (by its SHA-256), or null. Reads only: safe beside other work.</summary>
    public static PreparedSpine? ReadStoredPreparedSpine(IReadOnlyList<PreparedSpineEntry> storedPreparedSpines, string source, string spine, string jobSha256,
        IReadOnlyList<string> columns, ObjectStore objects)
    {
        var stored = storedPreparedSpines.FirstOrDefault(e => e.Source == source && e.Spine == spine && e.JobSha256 == jobSha256);
        return stored is null ? null : PreparedSpine.Read(objects.PathOf(stored.PreparedObject), jobSha256, columns);
    }

    /// <summary>
    /// The prepared spine a link uses for its job: the one in use (an earlier wave of a relink made it), else the stored one
    /// read with <see cref="ReadStoredPreparedSpine"/>, else a new, empty one (another job's values are never used).
    /// </summary>
    /// <remarks>Safe beside links of other spines (a wave's links of different spines run side by side).</remarks>
    public PreparedSpine PreparedSpineFor(string source, string spine, string jobSha256, IReadOnlyList<string> columns, PreparedSpine? stored)
    {
        lock (PreparedSpines)
        {
            if (PreparedSpines.TryGetValue((source, spine), out var prepared) && prepared.JobSha256 == jobSha256) return prepared;
            prepared = stored is not null && stored.JobSha256 == jobSha256 ? stored : new PreparedSpine(jobSha256, columns);
            PreparedSpines[(source, spine)] = prepared;
            return prepared;
        }
    }
}
