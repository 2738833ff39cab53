namespace Adrn.Linkage.Preparation;

/// <summary>
/// All records of a job (every source, one after the other) in columnar form. Record indices are dense:
/// source s holds indices <c>[SourceStart[s], SourceStart[s+1])</c>.
/// </summary>
public sealed class RecordTable
{
    private Dictionary<string, int>[]? _idIndex;

    internal RecordTable(string[] ids, int[] sourceStart, IReadOnlyList<string> sourceNames, IReadOnlyList<ColumnData> columns, int[] rows)
    {
        Ids = ids;
        SourceStart = sourceStart;
        SourceNames = sourceNames;
        Columns = columns;
        Rows = rows;
        IdRank = RankIds(ids);
    }

    /// <summary>Number of records.</summary>
    public int Count => Ids.Length;

    /// <summary>Record id per record.</summary>
    public string[] Ids { get; }

    /// <summary>Data row (1-based) in its source file, per record.</summary>
    public int[] Rows { get; }

    /// <summary>First record index of each source, plus the total at the end.</summary>
    public int[] SourceStart { get; }

    /// <summary>Source names by source index.</summary>
    public IReadOnlyList<string> SourceNames { get; }

    /// <summary>Job columns in configuration order.</summary>
    public IReadOnlyList<ColumnData> Columns { get; }

    /// <summary>Per record: rank of (source, id) in ordinal order; used to sort outputs deterministically.</summary>
    public int[] IdRank { get; }

    /// <summary>Source index of a record.</summary>
    /// <param name="record">Record index.</param>
    /// <returns>The source index.</returns>
    public int SourceOf(int record)
    {
        var s = 0;
        while (record >= SourceStart[s + 1]) s++;
        return s;
    }

    /// <summary>Column by name.</summary>
    /// <param name="name">Job column name.</param>
    /// <returns>The column.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ColumnData Column(string name)
    {
        foreach (var c in Columns)
            if (c.Name == name) return c;
        throw new KeyNotFoundException($"job column '{name}' does not exist");
    }

    /// <summary>Finds a record by source and id (a hash lookup; the index per source is built on first use).</summary>
    /// <param name="source">Source index.</param>
    /// <param name="id">Record id.</param>
    /// <returns>The record index, or -1.</returns>
    public int Find(int source, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(source, SourceStart.Length - 1);
        var index = LazyInitializer.EnsureInitialized(ref _idIndex, BuildIdIndex);
        return index[source].TryGetValue(id, out var i) ? i : -1;
    }

    private Dictionary<string, int>[] BuildIdIndex()
    {
        var index = new Dictionary<string, int>[SourceStart.Length - 1];
        for (var s = 0; s < index.Length; s++)
        {
            var map = new Dictionary<string, int>(SourceStart[s + 1] - SourceStart[s], StringComparer.Ordinal);
            // Ids are unique within a source (duplicates are quarantined); TryAdd keeps the first all the same.
            for (var i = SourceStart[s]; i < SourceStart[s + 1]; i++) map.TryAdd(Ids[i], i);
            index[s] = map;
        }

        return index;
    }

    private int[] RankIds(string[] ids)
    {
        // Records are grouped by source already; rank by (source, id) so the output order is a function of the
        // ids only. Sorting a string key array with the ordinal comparer avoids a delegate call per comparison.
        var rank = new int[ids.Length];
        for (var s = 0; s + 1 < SourceStart.Length; s++)
        {
            var from = SourceStart[s];
            var n = SourceStart[s + 1] - from;
            var keys = new string[n];
            var order = new int[n];
            for (var i = 0; i < n; i++)
            {
                keys[i] = ids[from + i];
                order[i] = from + i;
            }

            Array.Sort(keys, order, StringComparer.Ordinal);
            for (var i = 0; i < n; i++) rank[order[i]] = from + i;
        }

        return rank;
    }
}
