using System.Globalization;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Linking;

/// <summary>
/// A spine's representatives: for every entity, the one record its next link is made against — the latest record of the
/// highest-priority representative source (ties: the smaller record id). Written as the Arrow file a link job reads as its
/// <c>spine</c> source: <c>record_key</c> (source|wave|record id), <c>entity_id</c>, provenance, then the spine's columns.
/// </summary>
internal sealed class SpineTable
{
    private static readonly string[] Provenance = ["record_key", "entity_id", "source", "wave", "seq", "record_id", "priority"];
    private readonly Dictionary<string, Representative> _byEntity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _entityOfKey = new(StringComparer.Ordinal);

    public SpineTable(SpineSpec spine) => Spine = spine;

    public SpineSpec Spine { get; }

    /// <summary>Number of entities.</summary>
    public int Count => _byEntity.Count;

    /// <summary>Every entity id.</summary>
    public IEnumerable<string> Entities => _byEntity.Keys;

    /// <summary>Every entity's representative record.</summary>
    public IEnumerable<Representative> Representatives => _byEntity.Values;

    /// <summary>Whether a record (by key) is the representative of an entity.</summary>
    public bool IsRepresentative(string recordKey) => _entityOfKey.ContainsKey(recordKey);

    /// <summary>Reads a spine file written by <see cref="Write(string)"/> (null path: an empty spine).</summary>
    public static SpineTable Load(SpineSpec spine, string? path)
    {
        var table = new SpineTable(spine);
        if (path is null) return table;
        var raw = ArrowTableFile.Read(path, [.. Provenance, .. spine.Columns]);
        var columns = spine.Columns.Select(raw.Column).ToArray();
        var keys = raw.Column("record_key");
        var entities = raw.Column("entity_id");
        var sources = raw.Column("source");
        var waves = raw.Column("wave");
        var seqs = raw.Column("seq");
        var ids = raw.Column("record_id");
        var priorities = raw.Column("priority");
        for (var i = 0; i < raw.RowCount; i++)
        {
            var values = new string?[columns.Length];
            for (var c = 0; c < columns.Length; c++) values[c] = columns[c][i];
            table.Put(new Representative(entities[i]!, keys[i]!, sources[i]!, waves[i]!, long.Parse(seqs[i]!, CultureInfo.InvariantCulture),
                ids[i]!, int.Parse(priorities[i]!, CultureInfo.InvariantCulture), values));
        }

        return table;
    }

    /// <summary>The entity a spine record key represents.</summary>
    /// <exception cref="KeyNotFoundException">The key is not in the spine.</exception>
    public string EntityOfKey(string recordKey) =>
        _entityOfKey.TryGetValue(recordKey, out var e) ? e : throw new KeyNotFoundException($"record key '{recordKey}' is not in spine '{Spine.Name}'");

    /// <summary>Whether a representative changed since the spine was read (a new spine counts as unchanged until it gets one).</summary>
    public bool Changed { get; private set; }

    /// <summary>Makes <paramref name="candidate"/> its entity's representative if it ranks before the current one.</summary>
    public void Offer(Representative candidate)
    {
        if (_byEntity.TryGetValue(candidate.EntityId, out var current) && Compare(current, candidate) <= 0) return;
        if (current is not null) _entityOfKey.Remove(current.RecordKey);
        Put(candidate);
        Changed = true;
    }

    /// <summary>Renames every entity (relink: provisional ids to final ones).</summary>
    public SpineTable Renamed(IReadOnlyDictionary<string, string> map)
    {
        var renamed = new SpineTable(Spine);
        foreach (var r in _byEntity.Values) renamed.Put(r with { EntityId = map[r.EntityId] });
        return renamed;
    }

    /// <summary>
    /// Writes the spine file, flushed to disk. Rows are in record-key order, so the file a link job reads does not depend
    /// on the entity ids (a relink replays history with provisional ids and must link exactly as the first time).
    /// </summary>
    public void Write(string path) => Write(path, _byEntity.Values);

    /// <summary>Writes some representatives as a spine file (in record-key order), for example those a link job prepares.</summary>
    public void Write(string path, IEnumerable<Representative> representatives)
    {
        var provenance = Provenance.Select(n => new ColumnBuffer(n, VariableType.Text, nullable: false)).ToArray();
        var columns = Spine.Columns.Select(n => new ColumnBuffer(n, VariableType.Text)).ToArray();
        foreach (var r in representatives.OrderBy(r => r.RecordKey, StringComparer.Ordinal))
        {
            provenance[0].Add(r.RecordKey);
            provenance[1].Add(r.EntityId);
            provenance[2].Add(r.Source);
            provenance[3].Add(r.Wave);
            provenance[4].Add(r.Seq.ToString(CultureInfo.InvariantCulture));
            provenance[5].Add(r.RecordId);
            provenance[6].Add(r.Priority.ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < columns.Length; c++) columns[c].Add(r.Values[c]);
        }

        ArrowTableFile.Write(path, [.. provenance, .. columns]);
    }

    /// <summary>The key of a record in spine files: <c>source|wave|record_id</c>.</summary>
    public static string RecordKey(string source, string wave, string recordId) => $"{source}|{wave}|{recordId}";

    private void Put(Representative r)
    {
        _byEntity[r.EntityId] = r;
        _entityOfKey[r.RecordKey] = r.EntityId;
    }

    // Smaller ranks first: higher priority (smaller index), then the later wave, then the smaller record id.
    private static int Compare(Representative a, Representative b)
    {
        if (a.Priority != b.Priority) return a.Priority.CompareTo(b.Priority);
        if (a.Seq != b.Seq) return b.Seq.CompareTo(a.Seq);
        return string.CompareOrdinal(a.RecordId, b.RecordId);
    }

    /// <summary>One entity's representative record.</summary>
    internal sealed record Representative(string EntityId, string RecordKey, string Source, string Wave, long Seq, string RecordId, int Priority, string?[] Values);
}
