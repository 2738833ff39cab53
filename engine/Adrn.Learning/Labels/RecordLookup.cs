using Adrn.Linkage.Preparation;

namespace Adrn.Learning.Labels;

/// <summary>
/// Finds records by id for the two sides of a pair: for link_only jobs <c>id_l</c> is looked up in the first source and
/// <c>id_r</c> in the second; otherwise both in any source (first match). Pairs are normalised to the order the blocking
/// stage produces (left index below right index for dedupe jobs).
/// </summary>
public sealed class RecordLookup
{
    private readonly bool _cross;

    /// <summary>Looks records of a prepared job up by id (through <see cref="RecordTable.Find"/>, a hash lookup).</summary>
    /// <param name="prepared">Prepared records.</param>
    public RecordLookup(PreparedLinkage prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        Prepared = prepared;
        _cross = prepared.IsCrossSourceOnly;
    }

    /// <summary>The prepared job.</summary>
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

    private int Find(int source, string id) => Prepared.Records.Find(source, id);

    private int FindAny(string id)
    {
        for (var s = 0; s < Prepared.Records.SourceNames.Count; s++)
        {
            var i = Prepared.Records.Find(s, id);
            if (i >= 0) return i;
        }

        return -1;
    }
}
