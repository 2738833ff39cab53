using System.Collections;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Adrn.Tables;

/// <summary>The ordered, uniquely named columns of a table: defined once per table and shared by every format it is written in.</summary>
public sealed class TableSchema : IReadOnlyList<TableColumn>
{
    private readonly TableColumn[] _columns;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema.</summary>
    /// <param name="columns">The columns, in order.</param>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public TableSchema(IEnumerable<TableColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        _index = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (string.IsNullOrEmpty(_columns[i].Name)) throw new ArgumentException($"column {i + 1} has no name", nameof(columns));
            if (!_index.TryAdd(_columns[i].Name, i)) throw new ArgumentException($"column '{_columns[i].Name}' appears twice", nameof(columns));
        }
    }

    /// <summary>The Arrow field metadata key of a column's description, and the prefix of the Parquet key–value metadata keys.</summary>
    public const string DescriptionKey = "description";

    /// <summary>The schema of an Arrow table: utf8, int8, int32, int64, float64, bool and date64 fields, nullability as declared, descriptions from the fields' metadata.</summary>
    /// <param name="schema">The Arrow schema.</param>
    /// <returns>The table schema.</returns>
    /// <exception cref="NotSupportedException">A field of another Arrow type (the message names it).</exception>
    public static TableSchema FromArrow(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new TableSchema(schema.FieldsList.Select(f => new TableColumn(f.Name, f.DataType switch
        {
            StringType => TableColumnType.Text,
            Int8Type => TableColumnType.Int8,
            Int32Type => TableColumnType.Int32,
            Int64Type => TableColumnType.Int64,
            DoubleType => TableColumnType.Double,
            BooleanType => TableColumnType.Boolean,
            Date64Type => TableColumnType.Date,
            _ => throw new NotSupportedException($"column '{f.Name}' has Arrow type {f.DataType.Name}; tables hold utf8, int8, int32, int64, float64, bool and date64 columns"),
        }, f.IsNullable, f.HasMetadata && f.Metadata.TryGetValue(DescriptionKey, out var d) ? d : null)));
    }

    /// <inheritdoc />
    public int Count => _columns.Length;

    /// <inheritdoc />
    public TableColumn this[int index] => _columns[index];

    /// <summary>The position of a column, or -1.</summary>
    /// <param name="name">The name.</param>
    /// <returns>0-based position or -1.</returns>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out var i) ? i : -1;
    }

    /// <inheritdoc />
    public IEnumerator<TableColumn> GetEnumerator() => ((IEnumerable<TableColumn>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _columns.GetEnumerator();
}
