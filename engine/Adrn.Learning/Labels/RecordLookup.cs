using Adrn.Linkage.Preparation;

namespace Adrn.Learning.Labels;

/// <summary>
/// Finds records by id for the two sides of a pair: for link_only jobs <c>id_l</c> is looked up in the first source and
/// <c>id_r</c> in the second; otherwise both in any source (first match). Pairs are normalised to the order the blocking
/// stage produces (left index below right index for dedupe jobs).
/// </summary>
public sealed class RecordLookup
{
    private readonly Dictionary<string, int>[] _bySource;
    private readonly bool _cross;

    /// <summary>Indexes the records of a prepared job.</summary>
    /// <param name="prepared">Prepared records.</param>
    public RecordLookup(PreparedLinkage prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        Prepared = prepared;
        var records = prepared.Records;
        _cross = prepared.IsCrossSourceOnly;
        _bySource = new Dictionary<string, int>[records.SourceNames.Count];
        for (var s = 0; s < _bySource.Length; s++)
        {
            var map = new Dictionary<string, int>(records.SourceStart[s + 1] - records.SourceStart[s], StringComparer.Ordinal);
            for (var i = records.SourceStart[s]; i < records.SourceStart[s + 1]; i++) map.TryAdd(records.Ids[i], i);
            _bySource[s] = map;
        }
    }

    /// <summary>The prepared records.</summary>
    public PreparedLinkage Prepared { get; }

    /// <summary>Name of the source(s) a left id is looked up in, for messages.</summary>
    public string LeftSourceName => _cross ? Prepared.Records.SourceNames[0] : string.Join("/", Prepared.Records.SourceNames);

    /// <summary>Name of the source(s) a right id is looked up in, for messages.</summary>
    public string RightSourceName => _cross ? Prepared.Records.SourceNames[1] : string.Join("/", Prepared.Records.SourceNames);

    /// <summary>Finds the record of a left id.</summary>
    /// <param name="id">Record id.</param>
    /// <returns>Record index, or -1.</returns>
    public int FindLeft(string id) => _cross ? Find(0, id) : FindAny(id);

    /// <summary>Finds the record of a right id.</summary>
    /// <param name="id">Record id.</param>
    /// <returns>Record index, or -1.</returns>
    public int FindRight(string id) => _cross ? Find(1, id) : FindAny(id);

    /// <summary>Orders a pair as blocking produces it (dedupe: smaller index first).</summary>
    /// <param name="left">One record.</param>
    /// <param name="right">The other.</param>
    /// <returns>The ordered pair.</returns>
    public (int Left, int Right) Normalise(int left, int right) => _cross || left < right ? (left, right) : (right, left);

    private int Find(int source, string id) => _bySource[source].TryGetValue(id, out var i) ? i : -1;

    private int FindAny(string id)
    {
        for (var s = 0; s < _bySource.Length; s++)
            if (_bySource[s].TryGetValue(id, out var i)) return i;
        return -1;
    }
}
