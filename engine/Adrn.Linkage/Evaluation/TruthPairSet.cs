using Adrn.Linkage.Input;

namespace Adrn.Linkage.Evaluation;

/// <summary>A set of true pairs of record ids (unordered).</summary>
public sealed class TruthPairSet
{
    private readonly HashSet<(string, string)> _pairs = [];

    /// <summary>The pairs, each ordered (smaller id first, ordinal).</summary>
    public IEnumerable<(string A, string B)> Pairs => _pairs;

    /// <summary>Number of distinct true pairs.</summary>
    public int Count => _pairs.Count;

    /// <summary>Adds a true pair (order does not matter; a pair of a record with itself is ignored).</summary>
    /// <param name="a">One id.</param>
    /// <param name="b">The other id.</param>
    public void Add(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = string.CompareOrdinal(a, b);
        if (c == 0) return;
        _pairs.Add(c < 0 ? (a, b) : (b, a));
    }

    /// <summary>Whether a pair is true.</summary>
    /// <param name="a">One id.</param>
    /// <param name="b">The other id.</param>
    /// <returns>True when the pair is in the set.</returns>
    public bool Contains(string a, string b) => string.CompareOrdinal(a, b) < 0 ? _pairs.Contains((a, b)) : _pairs.Contains((b, a));

    /// <summary>Reads a truth file (CSV, Arrow or Parquet): its first two columns are the ids of a true pair.</summary>
    /// <param name="path">Path.</param>
    /// <returns>The set.</returns>
    public static TruthPairSet Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"truth file '{path}' does not exist", path);
        var format = SourceReader.FormatOf(path);
        var header = SourceReader.ReadHeader(path, format);
        if (header.Count < 2) throw new InvalidDataException($"{path}: a truth file needs two id columns, found {header.Count}");
        var table = SourceReader.Read(path, format, [header[0], header[1]]);
        var set = new TruthPairSet();
        var a = table.Columns[0];
        var b = table.Columns[1];
        for (var i = 0; i < table.RowCount; i++)
            if (a[i] is { } x && b[i] is { } y) set.Add(x, y);
        return set;
    }

    /// <summary>All pairs of records sharing a true entity id (per record, null = unknown).</summary>
    /// <param name="ids">Record ids.</param>
    /// <param name="clusters">Entity id per record.</param>
    /// <param name="allowed">Which record pairs count (e.g. only across sources for link_only).</param>
    /// <returns>The set.</returns>
    public static TruthPairSet FromClusters(IReadOnlyList<string> ids, IReadOnlyList<string?> clusters, Func<int, int, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(allowed);
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Count; i++)
        {
            if (clusters[i] is not { } c) continue;
            if (!groups.TryGetValue(c, out var list)) groups[c] = list = [];
            list.Add(i);
        }

        var set = new TruthPairSet();
        foreach (var list in groups.Values)
            for (var a = 0; a < list.Count; a++)
                for (var b = a + 1; b < list.Count; b++)
                    if (allowed(list[a], list[b])) set.Add(ids[list[a]], ids[list[b]]);
        return set;
    }
}
