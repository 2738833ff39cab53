namespace Adrn.Linkage.Preparation;

/// <summary>
/// All records of a job (every source, one after the other) in columnar form. Record indices are dense:
/// source s holds indices <c>[SourceStart[s], SourceStart[s+1])</c>.
/// </summary>
/// <remarks>
/// NOTE: a table is either the job's (every record, with ids) or a partition slice: the records one blocking
/// partition needs, in job order, whose columns share the job's value tables (<see cref="ColumnData.WithRecords"/>)
/// and which know their place in the job (<see cref="GlobalIndex"/>, <see cref="IdRank"/>) but not their ids, so a
/// worker holding a slice never needs the job's other records.
/// </remarks>
public sealed class RecordTable
{
    private readonly string[]? _ids;
    private Dictionary<string, int>[]? _idIndex;

    internal RecordTable(string[] ids, int[] sourceStart, IReadOnlyList<string> sourceNames, IReadOnlyList<ColumnData> columns, int[] rows)
    {
        _ids = ids;
        Count = ids.Length;
        SourceStart = sourceStart;
        SourceNames = sourceNames;
        Columns = columns;
        Rows = rows;
        IdRank = RankIds(ids);
    }

    private RecordTable(int[] globalIndex, int[] idRank, int[] sourceStart, IReadOnlyList<string> sourceNames, IReadOnlyList<ColumnData> columns, int[] rows)
    {
        _ids = null;
        Count = globalIndex.Length;
        GlobalIndex = globalIndex;
        IdRank = idRank;
        SourceStart = sourceStart;
        SourceNames = sourceNames;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Number of records.</summary>
    public int Count { get; }

    /// <summary>Record id per record (the job's table only).</summary>
    /// <exception cref="InvalidOperationException">This is a partition slice, which holds no ids.</exception>
    public string[] Ids => _ids ?? throw new InvalidOperationException(
        "a partition slice holds no record ids: map its records to the job's with GlobalIndex");

    /// <summary>Whether this is a partition slice rather than the job's table.</summary>
    public bool IsSlice => _ids is null;

    /// <summary>Per record of a slice: its index in the job's table (null for the job's table itself).</summary>
    public int[]? GlobalIndex { get; }

    /// <summary>Data row (1-based) in its source file, per record.</summary>
    public int[] Rows { get; }

    /// <summary>First record index of each source, plus the total at the end.</summary>
    public int[] SourceStart { get; }

    /// <summary>Source names by source index.</summary>
    public IReadOnlyList<string> SourceNames { get; }

    /// <summary>Job columns in configuration order.</summary>
    public IReadOnlyList<ColumnData> Columns { get; }

    /// <summary>Per record: rank of (source, id) in ordinal order among the job's records; used to sort outputs deterministically.</summary>
    public int[] IdRank { get; }

    /// <summary>
    /// A slice of the job's records: the given records (ascending job indices) with columns that share this table's
    /// value tables. Scoring a partition over the slice gives the same pairs as over the job's table once mapped back
    /// through <see cref="GlobalIndex"/>.
    /// </summary>
    /// <param name="records">Job record indices, ascending, distinct.</param>
    /// <returns>The slice.</returns>
    public RecordTable Slice(ReadOnlySpan<int> records)
    {
        if (IsSlice) throw new InvalidOperationException("a slice cannot be sliced again");
        var n = records.Length;
        var global = records.ToArray();
        var rank = new int[n];
        var rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && global[i] <= global[i - 1]) throw new ArgumentException("slice records must be ascending and distinct", nameof(records));
            rank[i] = IdRank[global[i]];
            rows[i] = Rows[global[i]];
        }

        var columns = new ColumnData[Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var all = Columns[c].ValueIds;
            var ids = new int[n];
            for (var i = 0; i < n; i++) ids[i] = all[global[i]];
            columns[c] = Columns[c].WithRecords(ids);
        }

        return FromSlice(global, rank, LocalSourceStart(global, SourceStart), SourceNames, columns, rows);
    }

    /// <summary>Builds a slice from its parts (a slice read back from a prepared job's files).</summary>
    /// <param name="globalIndex">Job record index per record, ascending.</param>
    /// <param name="idRank">The job-wide id rank per record.</param>
    /// <param name="sourceStart">Local first record of each source, plus the count at the end.</param>
    /// <param name="sourceNames">Source names.</param>
    /// <param name="columns">Columns sharing the job's value tables.</param>
    /// <param name="rows">Data row per record.</param>
    /// <returns>The slice.</returns>
    internal static RecordTable FromSlice(int[] globalIndex, int[] idRank, int[] sourceStart, IReadOnlyList<string> sourceNames, IReadOnlyList<ColumnData> columns, int[] rows) =>
        new(globalIndex, idRank, sourceStart, sourceNames, columns, rows);

    /// <summary>Local source boundaries of a slice, from the job-wide ones.</summary>
    internal static int[] LocalSourceStart(ReadOnlySpan<int> globalIndex, int[] jobSourceStart)
    {
        var start = new int[jobSourceStart.Length];
        var s = 0;
        for (var i = 0; i < globalIndex.Length; i++)
            while (s + 1 < jobSourceStart.Length && globalIndex[i] >= jobSourceStart[s + 1]) start[++s] = i;
        while (++s < start.Length) start[s] = globalIndex.Length;
        return start;
    }

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
            var ids = Ids;
            for (var i = SourceStart[s]; i < SourceStart[s + 1]; i++) map.TryAdd(ids[i], i);
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
            // Sources often come sorted by id already (payroll extracts, registers): then the rank is the position.
            if (InOrdinalOrder(ids.AsSpan(from, n)))
            {
                for (var i = 0; i < n; i++) rank[from + i] = from + i;
                continue;
            }

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

    /// <summary>Whether the ids are strictly increasing in ordinal order (so also distinct), missing ids skipped.</summary>
    /// <param name="ids">Ids; null entries (rows without an id) are skipped.</param>
    /// <returns>True when each id orders after the one before it.</returns>
    internal static bool InOrdinalOrder(ReadOnlySpan<string?> ids)
    {
        string? previous = null;
        foreach (var id in ids)
        {
            if (id is null) continue;
            if (previous is not null && string.CompareOrdinal(previous, id) >= 0) return false;
            previous = id;
        }

        return true;
    }
}
