namespace Adrn.Tables;

/// <summary>
/// Rows of a table held column by column in typed arrays, filled by the caller and handed to <see cref="TableWriter"/>.
/// A batch is reused: set <see cref="Count"/> back to 0 after writing. Missing values: null text; NaN in a nullable
/// double column; <see cref="MissingDate"/> in a date column; <see cref="Missing(int)"/> flags in nullable Int8, Int32,
/// Int64 and Boolean columns.
/// </summary>
public sealed class TableBatch
{
    /// <summary>The day number that marks a missing date.</summary>
    public const int MissingDate = int.MinValue;

    private readonly Array[] _values;
    private readonly bool[]?[] _missing;

    /// <summary>Allocates a batch for <paramref name="schema"/> with room for <paramref name="capacity"/> rows.</summary>
    /// <param name="schema">The table's columns.</param>
    /// <param name="capacity">Rows the batch holds.</param>
    public TableBatch(TableSchema schema, int capacity)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Schema = schema;
        Capacity = capacity;
        _values = new Array[schema.Count];
        _missing = new bool[]?[schema.Count];
        for (var c = 0; c < schema.Count; c++)
        {
            var column = schema[c];
            _values[c] = column.Type switch
            {
                TableColumnType.Text => new string?[capacity],
                TableColumnType.Int8 => new sbyte[capacity],
                TableColumnType.Int32 or TableColumnType.Date => new int[capacity],
                TableColumnType.Int64 => new long[capacity],
                TableColumnType.Double => new double[capacity],
                _ => new bool[capacity],
            };
            if (column.Nullable && column.Type is TableColumnType.Int8 or TableColumnType.Int32 or TableColumnType.Int64 or TableColumnType.Boolean) _missing[c] = new bool[capacity];
        }
    }

    private TableBatch(TableSchema schema, Array[] values, bool[]?[] missing, int count)
    {
        Schema = schema;
        _values = values;
        _missing = missing;
        Capacity = count;
        Count = count;
    }

    /// <summary>The table's columns.</summary>
    public TableSchema Schema { get; }

    /// <summary>Rows the batch holds.</summary>
    public int Capacity { get; }

    /// <summary>Rows filled (written by <see cref="TableWriter"/>: rows 0 .. Count - 1).</summary>
    public int Count { get; set; }

    /// <summary>True when no more rows fit.</summary>
    public bool IsFull => Count >= Capacity;

    /// <summary>
    /// Wraps whole-table arrays without copying: one array per column, of the type <see cref="TableBatch"/>'s accessors
    /// return (<c>string?[]</c>, <c>sbyte[]</c>, <c>int[]</c>, <c>long[]</c>, <c>double[]</c>, <c>bool[]</c>), each at
    /// least <paramref name="rows"/> long. Nullable Int8/Int32/Int64/Boolean columns have no missing values this way.
    /// </summary>
    /// <param name="schema">The columns.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">The arrays, in schema order.</param>
    /// <returns>A full batch of <paramref name="rows"/> rows.</returns>
    /// <exception cref="ArgumentException">An array has the wrong type or is too short.</exception>
    public static TableBatch Wrap(TableSchema schema, int rows, params Array[] columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length != schema.Count) throw new ArgumentException($"{columns.Length} arrays for {schema.Count} columns", nameof(columns));
        for (var c = 0; c < columns.Length; c++)
        {
            var ok = schema[c].Type switch
            {
                TableColumnType.Text => columns[c] is string?[],
                TableColumnType.Int8 => columns[c] is sbyte[],
                TableColumnType.Int32 or TableColumnType.Date => columns[c] is int[],
                TableColumnType.Int64 => columns[c] is long[],
                TableColumnType.Double => columns[c] is double[],
                _ => columns[c] is bool[],
            };
            if (!ok || columns[c].Length < rows)
                throw new ArgumentException($"column '{schema[c].Name}' ({schema[c].Type}) needs an array of at least {rows} values of its type, got {columns[c].GetType().Name}[{columns[c].Length}]", nameof(columns));
        }

        return new TableBatch(schema, columns, new bool[]?[schema.Count], rows);
    }

    /// <summary>Copies rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of another batch of the same columns behind this batch's rows.</summary>
    /// <param name="source">The rows' batch.</param>
    /// <param name="start">First row of <paramref name="source"/>.</param>
    /// <param name="count">Rows; at most the room left.</param>
    /// <exception cref="ArgumentException">Other columns, or not enough room.</exception>
    public void Append(TableBatch source, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Schema.SequenceEqual(Schema)) throw new ArgumentException("the batches' columns differ", nameof(source));
        if (count > Capacity - Count || start < 0 || start + count > source.Capacity)
            throw new ArgumentException(FormattableString.Invariant($"cannot copy rows {start}..{start + count} into {Capacity - Count} free rows"), nameof(count));
        for (var c = 0; c < _values.Length; c++)
        {
            Array.Copy(source._values[c], start, _values[c], Count, count);
            if (_missing[c] is { } missing)
            {
                if (source._missing[c] is { } from) Array.Copy(from, start, missing, Count, count);
                else Array.Clear(missing, Count, count);
            }
        }

        Count += count;
    }

    /// <summary>Text values of a column (null = missing).</summary>
    /// <param name="column">Column position.</param>
    public string?[] Text(int column) => Values<string?[]>(column, TableColumnType.Text);

    /// <summary>Int8 values of a column.</summary>
    /// <param name="column">Column position.</param>
    public sbyte[] Int8(int column) => Values<sbyte[]>(column, TableColumnType.Int8);

    /// <summary>Int32 values of a column.</summary>
    /// <param name="column">Column position.</param>
    public int[] Int32(int column) => Values<int[]>(column, TableColumnType.Int32);

    /// <summary>Int64 values of a column.</summary>
    /// <param name="column">Column position.</param>
    public long[] Int64(int column) => Values<long[]>(column, TableColumnType.Int64);

    /// <summary>Double values of a column (NaN = missing in a nullable column).</summary>
    /// <param name="column">Column position.</param>
    public double[] Double(int column) => Values<double[]>(column, TableColumnType.Double);

    /// <summary>Boolean values of a column.</summary>
    /// <param name="column">Column position.</param>
    public bool[] Boolean(int column) => Values<bool[]>(column, TableColumnType.Boolean);

    /// <summary>Day numbers of a date column (<see cref="MissingDate"/> = missing).</summary>
    /// <param name="column">Column position.</param>
    public int[] Dates(int column) => Values<int[]>(column, TableColumnType.Date);

    /// <summary>Missing flags of a nullable Int8, Int32, Int64 or Boolean column (true = missing; cleared by nobody: set each row).</summary>
    /// <param name="column">Column position.</param>
    /// <exception cref="InvalidOperationException">The column holds missing values otherwise, or is not nullable.</exception>
    public bool[] Missing(int column) => _missing[column]
        ?? throw new InvalidOperationException($"column '{Schema[column].Name}' ({Schema[column].Type}, {(Schema[column].Nullable ? "nullable" : "not nullable")}) has no missing flags");

    /// <summary>Whether a row's value is missing, by the rules of its column's type.</summary>
    /// <param name="column">Column position.</param>
    /// <param name="row">Row.</param>
    /// <returns>True when missing.</returns>
    public bool IsMissing(int column, int row)
    {
        var def = Schema[column];
        if (!def.Nullable) return false;
        return def.Type switch
        {
            TableColumnType.Text => string.IsNullOrEmpty(((string?[])_values[column])[row]),
            TableColumnType.Double => double.IsNaN(((double[])_values[column])[row]),
            TableColumnType.Date => ((int[])_values[column])[row] == MissingDate,
            _ => _missing[column]?[row] ?? false,
        };
    }

    private T Values<T>(int column, TableColumnType type)
        where T : class
    {
        var def = Schema[column];
        var isDateInt = type == TableColumnType.Int32 && def.Type == TableColumnType.Date;
        if (def.Type != type && !isDateInt) throw new InvalidOperationException($"column '{def.Name}' is {def.Type}, not {type}");
        return (T)(object)_values[column];
    }
}
