using Adrn.Dataset.Tables;
using Apache.Arrow;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Preparation;

namespace Adrn.Dataset.Linking;

/// <summary>
/// A spine's representatives as one link job's spine side prepares them: per representative record (by record key), the
/// standardised value of every job column. Kept in the store between waves (an Arrow table: <c>record_key</c>, then one
/// text column per job column), so a link never reads or standardises earlier waves again: before a run it is brought to
/// the spine's current representatives (<see cref="Synchronise"/>: only representatives it does not hold yet are
/// standardised, usually none, because a wave's own records become representatives with the values the run standardised
/// for them), then joined with the prepared wave (<see cref="ToStandardised"/>, <see cref="PreparedComposition.Combine"/>).
/// </summary>
internal sealed class PreparedSpine
{
    private const string KeyColumn = "record_key";
    private readonly Dictionary<string, string?[]> _rows = new(StringComparer.Ordinal);
    private string[]? _sortedKeys;

    public PreparedSpine(string jobSha256, IReadOnlyList<string> columns)
    {
        JobSha256 = jobSha256;
        Columns = columns;
    }

    /// <summary>SHA-256 of the job text the values were standardised by; another job's values are never used.</summary>
    public string JobSha256 { get; }

    /// <summary>Job column names, in job order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of representative records held.</summary>
    public int Count => _rows.Count;

    /// <summary>Whether it changed since it was read (new ones count as changed).</summary>
    public bool Changed { get; private set; } = true;

    /// <summary>Reads a table written by <see cref="Write"/> for the same job.</summary>
    /// <remarks>
    /// NOTE: read as the typed Arrow table it is, straight into rows (no text cursor, no intermediate columns); a column's
    /// repeated values (names, postcodes, years) share one string, looked up by their characters.
    /// </remarks>
    public static PreparedSpine Read(string path, string jobSha256, IReadOnlyList<string> columns)
    {
        var spine = new PreparedSpine(jobSha256, columns);
        var pools = columns.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        var lookups = pools.Select(p => p.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        var chars = new char[256];
        // As the store's text reader reads a value (SourceReader: trimmed, empty as missing), so the rows are the same.
        string? Value(StringArray column, int row, int c)
        {
            if (column.IsNull(row)) return null;
            var bytes = column.GetBytes(row);
            if (bytes.Length > chars.Length / 3)
            {
                var text = column.GetString(row).Trim();
                return text.Length == 0 ? null : text;
            }

            var span = chars.AsSpan(0, System.Text.Encoding.UTF8.GetChars(bytes, chars)).Trim();
            if (span.IsEmpty) return null;
            if (lookups[c].TryGetValue(span, out var value)) return value;
            value = span.ToString();
            pools[c][value] = value;
            return value;
        }

        ArrowTableFile.ReadBatches(path, batch =>
        {
            var keys = ArrowTableFile.Column<StringArray>(batch, KeyColumn, path);
            var values = columns.Select(c => ArrowTableFile.Column<StringArray>(batch, c, path)).ToArray();
            spine._rows.EnsureCapacity(spine._rows.Count + batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                var row = new string?[values.Length];
                for (var c = 0; c < row.Length; c++) row[c] = Value(values[c], i, c);
                spine._rows[keys.GetString(i) ?? throw new InvalidDataException($"{path}: a row has no {KeyColumn}; the store is damaged.")] = row;
            }
        });
        spine.Changed = false;
        return spine;
    }

    /// <summary>Writes the table, flushed to disk (rows in the table's own order, deterministic for the same history; runs sort them).</summary>
    public void Write(string path)
    {
        var key = new ColumnBuffer(KeyColumn, VariableType.Text, nullable: false);
        var columns = Columns.Select(c => new ColumnBuffer(c, VariableType.Text)).ToArray();
        foreach (var (k, row) in _rows)
        {
            key.Add(k);
            for (var c = 0; c < columns.Length; c++) columns[c].Add(row[c]);
        }

        ArrowTableFile.Write(path, [key, .. columns]);
    }

    /// <summary>
    /// Brings the table to the spine's representatives: rows of records that represent no entity any more go; each
    /// representative it lacks takes its values from <paramref name="known"/> (values standardised by this job's wave side
    /// in the same run, or alike by another link's job) or else from <paramref name="standardise"/> (the job's spine side,
    /// called once with all of them).
    /// </summary>
    /// <param name="spine">The spine.</param>
    /// <param name="known">Values known for a record without standardising it, or null.</param>
    /// <param name="standardise">The job's spine side.</param>
    /// <param name="reused">How many representatives <paramref name="known"/> gave.</param>
    /// <returns>How many representatives <paramref name="standardise"/> prepared.</returns>
    public int Synchronise(SpineTable spine, Func<string, string?[]?>? known, Func<IReadOnlyList<SpineTable.Representative>, IReadOnlyList<string?[]>> standardise,
        out int reused)
    {
        var stale = _rows.Keys.Where(k => !spine.IsRepresentative(k)).ToList();
        foreach (var k in stale) _rows.Remove(k);
        var missing = new List<SpineTable.Representative>();
        reused = 0;
        foreach (var r in spine.Representatives)
        {
            if (_rows.ContainsKey(r.RecordKey)) continue;
            if (known?.Invoke(r.RecordKey) is { } values)
            {
                _rows[r.RecordKey] = values;
                reused++;
            }
            else
            {
                missing.Add(r);
            }
        }

        if (missing.Count > 0)
        {
            var prepared = standardise(missing);
            for (var i = 0; i < missing.Count; i++) _rows[missing[i].RecordKey] = prepared[i];
        }

        if (stale.Count > 0 || reused > 0 || missing.Count > 0)
        {
            Changed = true;
            _sortedKeys = null;
        }

        return missing.Count;
    }

    /// <summary>The values held for a record (by key), in job column order, or null.</summary>
    public string?[]? ValuesOf(string recordKey) => _rows.TryGetValue(recordKey, out var row) ? row : null;

    /// <summary>The records as the job's spine source holds them, standardised (rows in record-key order, as a spine file has them).</summary>
    public StandardisedRecords ToStandardised()
    {
        var keys = SortedKeys();
        var columns = new string?[Columns.Count][];
        for (var c = 0; c < columns.Length; c++) columns[c] = new string?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var row = _rows[keys[i]];
            for (var c = 0; c < columns.Length; c++) columns[c][i] = row[c];
        }

        return new StandardisedRecords(keys, columns);
    }

    // Sorted once per change (a run may ask twice: the link, then the within-wave links of another job).
    private string[] SortedKeys()
    {
        if (_sortedKeys is not null) return _sortedKeys;
        var keys = _rows.Keys.ToArray();
        System.Array.Sort(keys, StringComparer.Ordinal);
        return _sortedKeys = keys;
    }
}
