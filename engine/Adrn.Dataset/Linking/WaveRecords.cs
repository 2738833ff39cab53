using Adrn.Tables;
using Adrn.Linkage.Input;
using Adrn.Linkage.Preparation;

namespace Adrn.Dataset.Linking;

/// <summary>
/// The records of one wave file: their ids in file order and the values of the columns the store needs. A row with no id,
/// or with an id seen earlier in the same file, is not a record: it is quarantined with its reason — the same rule the
/// linkage pipeline applies, which the store checks against every run's quarantine.
/// </summary>
internal sealed class WaveRecords
{
    private readonly TextTable? _table;
    private readonly int[] _rows;
    private readonly Dictionary<string, int> _index;

    private WaveRecords(string path, TextTable? table, int rowsIn, int[] rows, string[] ids, IReadOnlyList<QuarantineEntry> quarantine)
    {
        Path = path;
        _table = table;
        RowsIn = rowsIn;
        _rows = rows;
        Ids = ids;
        Quarantine = quarantine;
        _index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++) _index[ids[i]] = i;
    }

    public string Path { get; }

    /// <summary>Record ids in file order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Data rows read.</summary>
    public int RowsIn { get; }

    /// <summary>Rows set aside, in row order.</summary>
    public IReadOnlyList<QuarantineEntry> Quarantine { get; }

    /// <summary>1-based data rows of the quarantined rows.</summary>
    public IReadOnlySet<int> QuarantinedRows => Quarantine.Select(q => q.Row).ToHashSet();

    /// <summary>Reads the id column and <paramref name="columns"/> of a wave file (CSV, Arrow or Parquet by extension).</summary>
    /// <exception cref="InvalidDataException">The file lacks a column (the message names file and column).</exception>
    public static WaveRecords Read(string path, string idColumn, IEnumerable<string> columns)
    {
        var wanted = new[] { idColumn }.Concat(columns).Distinct(StringComparer.Ordinal).ToList();
        var table = SourceReader.Read(path, SourceReader.FormatOf(path), wanted);
        var idValues = table.Column(idColumn);
        var seen = new Dictionary<string, int>(table.RowCount, StringComparer.Ordinal);
        var rows = new List<int>(table.RowCount);
        var ids = new List<string>(table.RowCount);
        var quarantine = new List<QuarantineEntry>();
        for (var row = 0; row < table.RowCount; row++)
        {
            var id = idValues[row];
            if (id is null)
            {
                quarantine.Add(new QuarantineEntry(path, row + 1, idColumn, "", "missing id"));
            }
            else if (seen.TryGetValue(id, out var first))
            {
                quarantine.Add(new QuarantineEntry(path, row + 1, idColumn, id, $"duplicate id (first seen in row {first + 1})"));
            }
            else
            {
                seen[id] = row;
                rows.Add(row);
                ids.Add(id);
            }
        }

        return new WaveRecords(path, table, table.RowCount, [.. rows], [.. ids], quarantine);
    }

    /// <summary>
    /// The records a link job's preparation of the wave found (a one-source preparation of the file): the same ids, in the
    /// same order, and the same quarantine, by the same rule; without column values (<see cref="Value"/> is not available).
    /// </summary>
    public static WaveRecords FromPrepared(string path, PreparedLinkage prepared)
    {
        var records = prepared.Records;
        var rows = new int[records.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = records.Rows[i] - 1;
        return new WaveRecords(path, null, prepared.Sources[0].RowsRead, rows, records.Ids, prepared.Quarantine);
    }

    private TextTable Table => _table ?? throw new InvalidOperationException($"{Path}: the records were taken from a linkage preparation and hold no column values.");

    /// <summary>The index of a record id, or -1.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;

    /// <summary>The value of a column for record <paramref name="record"/> (null when empty).</summary>
    public string? Value(int record, string column) => Table.Column(column)[_rows[record]];

    /// <summary>The values of a column for every record, in record order.</summary>
    public string?[] Values(string column)
    {
        var all = Table.Column(column);
        var values = new string?[_rows.Length];
        for (var i = 0; i < _rows.Length; i++) values[i] = all[_rows[i]];
        return values;
    }
}
