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
    /// Values the other sources' link jobs to <paramref name="spine"/> prepared for its representatives, as this job's spine
    /// side would standardise them: from each such link whose current job's spine side reads every column of this job from
    /// the same spine column with the same column settings (type, standardiser, no synonyms of its own) and date formats,
    /// its prepared spine in use or stored for that job. A record's values never change, so any one such table is right.
    /// Read on the first call only; safe beside links of other spines.
    /// </summary>
    /// <returns>Per record key, the values in this job's column order, or null where no such table holds the record.</returns>
    public Func<string, string?[]?> PreparedByOtherLinks(string source, string spine, Adrn.Linkage.Configuration.LinkageJobConfig job, string wavePath,
        string workDirectory, ObjectStore objects)
    {
        List<(PreparedSpine Table, int[] Columns)>? tables = null;
        return key =>
        {
            tables ??= OtherTables(source, spine, job, wavePath, workDirectory, objects);
            foreach (var (table, columns) in tables)
            {
                if (table.ValuesOf(key) is not { } row) continue;
                var values = new string?[columns.Length];
                for (var c = 0; c < values.Length; c++) values[c] = row[columns[c]];
                return values;
            }

            return null;
        };
    }

    private List<(PreparedSpine Table, int[] Columns)> OtherTables(string source, string spine, Adrn.Linkage.Configuration.LinkageJobConfig job, string wavePath,
        string workDirectory, ObjectStore objects)
    {
        var result = new List<(PreparedSpine, int[])>();
        foreach (var other in Spec.Sources.Where(s => s.Name != source))
        foreach (var link in other.Links.Where(l => l.Spine == spine))
        {
            var otherJob = LinkJobRules.Load(link.JobJson, wavePath, wavePath, workDirectory);
            if (ColumnsAlike(job, otherJob) is not { } columns) continue;
            var sha = WaveLinker.ObjectSha(link.JobJson);
            PreparedSpine? table;
            lock (PreparedSpines)
            {
                table = PreparedSpines.TryGetValue((other.Name, spine), out var inUse) && inUse.JobSha256 == sha ? inUse : null;
            }

            table ??= ReadStoredPreparedSpine(StoredPreparedSpines, other.Name, spine, sha, otherJob.Columns.Select(c => c.Name).ToList(), objects);
            if (table is not null) result.Add((table, columns));
        }

        return result;
    }

    /// <summary>Per column of <paramref name="job"/>, the index of the column of <paramref name="other"/> whose spine side standardises it alike, or null when one has none.</summary>
    private static int[]? ColumnsAlike(Adrn.Linkage.Configuration.LinkageJobConfig job, Adrn.Linkage.Configuration.LinkageJobConfig other)
    {
        var (side, otherSide) = (job.Sources[1], other.Sources[1]);
        var columns = new int[job.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var column = job.Columns[c];
            var o = other.Columns.ToList().FindIndex(x => x.Name == column.Name);
            if (o < 0) return null;
            var match = other.Columns[o];
            if (match.Type != column.Type || match.Standardiser != column.Standardiser || column.Synonyms is not null || match.Synonyms is not null) return null;
            if (side.FileColumn(column.Name) != otherSide.FileColumn(match.Name)) return null;
            if (column.Type == Adrn.Linkage.Configuration.ColumnType.Date && !side.DateFormats.SequenceEqual(otherSide.DateFormats, StringComparer.Ordinal)) return null;
            columns[c] = o;
        }

        return columns;
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
