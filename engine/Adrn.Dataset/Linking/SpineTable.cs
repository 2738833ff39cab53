using System.Globalization;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Panel;
using Apache.Arrow;

namespace Adrn.Dataset.Linking;

/// <summary>
/// A spine's representatives: for every entity, the one record its next link is made against — the latest record of the
/// highest-priority representative source (ties: the smaller record id). Written as an Arrow file of <c>record_key</c>
/// (source|wave|record id), <c>entity_id</c>, <c>seq</c> (the wave's place in the order of waves) and <c>priority</c>
/// (the source's place among the spine's representative sources). A representative's values are its record's, in its
/// wave's file (<see cref="RepresentativeValues"/>); each link job keeps them standardised (<see cref="PreparedSpine"/>).
/// </summary>
internal sealed class SpineTable
{
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

    /// <summary>Reads a spine file written by <see cref="Write"/> (null path: an empty spine).</summary>
    public static SpineTable Load(SpineSpec spine, string? path)
    {
        var table = new SpineTable(spine);
        if (path is null) return table;
        // The file is the store's own typed table (Write): read as it is, not as text.
        ArrowTableFile.ReadBatches(path, batch =>
        {
            var keys = ArrowTableFile.Column<StringArray>(batch, "record_key", path);
            var entities = ArrowTableFile.Column<StringArray>(batch, "entity_id", path);
            var seqs = ArrowTableFile.Column<Int32Array>(batch, "seq", path);
            var priorities = ArrowTableFile.Column<Int32Array>(batch, "priority", path);
            table._byEntity.EnsureCapacity(table._byEntity.Count + batch.Length);
            table._entityOfKey.EnsureCapacity(table._entityOfKey.Count + batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                var key = keys.GetString(i) ?? throw new InvalidDataException($"{path}: row {i + 1} has no record_key; the store is damaged.");
                var entity = entities.GetString(i) ?? throw new InvalidDataException($"{path}: row {i + 1} has no entity_id; the store is damaged.");
                table.Put(new Representative(entity, key, seqs.GetValue(i) ?? 0, priorities.GetValue(i) ?? 0));
            }
        });
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
    /// Writes the spine file, flushed to disk. No link reads it as records (each job's <see cref="PreparedSpine"/> does,
    /// in record-key order), so rows stay in the table's own order: deterministic for the same history.
    /// </summary>
    public void Write(string path)
    {
        var keys = new ColumnBuffer("record_key", VariableType.Text, nullable: false);
        var entities = new ColumnBuffer("entity_id", VariableType.Text, nullable: false);
        var seqs = new ColumnBuffer("seq", VariableType.Int32, nullable: false);
        var priorities = new ColumnBuffer("priority", VariableType.Int32, nullable: false);
        foreach (var r in _byEntity.Values)
        {
            keys.Add(r.RecordKey);
            entities.Add(r.EntityId);
            seqs.Add(checked((int)r.Seq));
            priorities.Add(r.Priority);
        }

        ArrowTableFile.Write(path, [keys, entities, seqs, priorities]);
    }

    /// <summary>The key of a record in spine files: <c>source|wave|record_id</c>.</summary>
    public static string RecordKey(string source, string wave, string recordId) => $"{source}|{wave}|{recordId}";

    /// <summary>The source, wave and record id of a record key (source names and wave labels hold no <c>|</c>).</summary>
    public static (string Source, string Wave, string RecordId) SplitKey(string recordKey)
    {
        var first = recordKey.IndexOf('|', StringComparison.Ordinal);
        var second = first < 0 ? -1 : recordKey.IndexOf('|', first + 1);
        if (second < 0) throw new InvalidDataException($"'{recordKey}' is not a spine record key (source|wave|record id).");
        return (recordKey[..first], recordKey[(first + 1)..second], recordKey[(second + 1)..]);
    }

    private void Put(Representative r)
    {
        _byEntity[r.EntityId] = r;
        _entityOfKey[r.RecordKey] = r.EntityId;
    }

    // Smaller ranks first: higher priority (smaller index), then the later wave, then the smaller record id. Records of the
    // same priority and wave share their key's "source|wave|" prefix, so comparing keys compares their record ids.
    private static int Compare(Representative a, Representative b)
    {
        if (a.Priority != b.Priority) return a.Priority.CompareTo(b.Priority);
        if (a.Seq != b.Seq) return b.Seq.CompareTo(a.Seq);
        return string.CompareOrdinal(a.RecordKey, b.RecordKey);
    }

    /// <summary>One entity's representative record (source, wave and record id are the parts of its key).</summary>
    internal sealed record Representative(string EntityId, string RecordKey, long Seq, int Priority)
    {
        public string Source => SplitKey(RecordKey).Source;

        public string Wave => SplitKey(RecordKey).Wave;

        public string RecordId => SplitKey(RecordKey).RecordId;
    }
}
