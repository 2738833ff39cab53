using System.Runtime.CompilerServices;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;
using Adrn.Tables;

namespace Adrn.Linkage.Preparation;

/// <summary>
/// One source read for preparation in a single pass over its cursor: the id of every row as a string, and every other
/// wanted column coded by its distinct raw value (code = index into the column's distinct values in order of first
/// occurrence, -1 = missing). A repeated value costs one lookup by span and no string; no per-row string array is
/// built for coded columns.
/// </summary>
internal sealed class CodedSource
{
    private readonly Dictionary<string, CodedColumn> _columns;

    private CodedSource(TextTable rows, string?[] ids, Dictionary<string, CodedColumn> columns)
    {
        Rows = rows;
        Ids = ids;
        _columns = columns;
    }

    /// <summary>Row count and record numbers (with the malformed records set aside), as a table without columns.</summary>
    public TextTable Rows { get; }

    /// <summary>The id of each row (null when empty).</summary>
    public string?[] Ids { get; }

    /// <summary>A coded column.</summary>
    /// <param name="fileColumn">File column name (one that was read).</param>
    /// <returns>The column.</returns>
    public CodedColumn Column(string fileColumn) => _columns[fileColumn];

    /// <summary>The values of a coded column per row (null when missing): for the few columns needed as text.</summary>
    /// <param name="fileColumn">File column name.</param>
    /// <returns>One value per row.</returns>
    public string?[] Strings(string fileColumn)
    {
        var column = _columns[fileColumn];
        var values = new string?[column.Codes.Length];
        for (var i = 0; i < values.Length; i++) values[i] = column.Codes[i] < 0 ? null : column.Distinct[column.Codes[i]];
        return values;
    }

    /// <summary>Reads the id column and <paramref name="columns"/> of a source.</summary>
    /// <param name="source">The source.</param>
    /// <param name="columns">File columns to code (the id column among them is read as ids, and coded too if a job column reads it).</param>
    /// <param name="codeIds">Whether the id column is also wanted coded.</param>
    /// <returns>The source's rows.</returns>
    /// <exception cref="TableFormatException">A column is missing (file and column named).</exception>
    public static CodedSource Read(SourceConfig source, IReadOnlyList<string> columns, bool codeIds)
    {
        var coded = columns.Where(c => c != source.IdColumn || codeIds).Distinct(StringComparer.Ordinal).ToArray();
        using var cursor = SourceReader.OpenCursor(source, [source.IdColumn, .. coded]);
        var format = source.Format.ToTableFormat();
        var idField = TableReader.ColumnIndex(cursor, source.IdColumn, format);
        var fields = coded.Select(c => TableReader.ColumnIndex(cursor, c, format)).ToArray();
        var builders = coded.Select(_ => new ColumnCoder()).ToArray();
        var ids = new List<string?>();
        while (cursor.MoveNext())
        {
            var id = cursor[idField];
            ids.Add(id.IsEmpty ? null : id.ToString());
            for (var c = 0; c < fields.Length; c++) builders[c].Add(cursor[fields[c]]);
        }

        var table = new TextTable(cursor.File, [], [], ids.Count, [.. cursor.MalformedRecords]);
        var map = new Dictionary<string, CodedColumn>(StringComparer.Ordinal);
        for (var c = 0; c < coded.Length; c++) map[coded[c]] = builders[c].Build();
        return new CodedSource(table, [.. ids], map);
    }

    /// <summary>Codes one column's values as they are read.</summary>
    private sealed class ColumnCoder
    {
        private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<string> _distinct = [];
        private int[] _codes = new int[1 << 16];
        private int _count;

        public ColumnCoder() => _lookup = _codeOf.GetAlternateLookup<ReadOnlySpan<char>>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ReadOnlySpan<char> value)
        {
            if (_count == _codes.Length) Array.Resize(ref _codes, _codes.Length * 2);
            if (value.IsEmpty)
            {
                _codes[_count++] = -1;
                return;
            }

            if (!_lookup.TryGetValue(value, out var code))
            {
                var text = value.ToString();
                code = _distinct.Count;
                _distinct.Add(text);
                _codeOf.Add(text, code);
            }

            _codes[_count++] = code;
        }

        public CodedColumn Build()
        {
            Array.Resize(ref _codes, _count);
            return new CodedColumn([.. _distinct], _codes);
        }
    }
}

/// <summary>A column coded by distinct raw value.</summary>
/// <param name="Distinct">Distinct raw values in order of first occurrence.</param>
/// <param name="Codes">Per row: index into <paramref name="Distinct"/>, or -1 when missing.</param>
internal sealed record CodedColumn(string[] Distinct, int[] Codes);
