namespace Adrn.Synthetic.Output;

/// <summary>
/// A reusable columnar batch of rows: one typed array per column, so millions of rows stream
/// to CSV, Arrow and Parquet without per-row objects.
/// </summary>
internal sealed class TableBatch
{
    /// <summary>Day number that marks a missing date.</summary>
    public const int MissingDate = int.MinValue;

    private readonly string?[]?[] _text;
    private readonly int[]?[] _ints;
    private readonly double[]?[] _doubles;

    /// <summary>Allocates a batch for the columns with room for <paramref name="capacity"/> rows.</summary>
    public TableBatch(IReadOnlyList<TableColumn> columns, int capacity)
    {
        Columns = columns;
        Capacity = capacity;
        _text = new string?[]?[columns.Count];
        _ints = new int[]?[columns.Count];
        _doubles = new double[]?[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            switch (columns[c].Kind)
            {
                case ColumnKind.Text:
                    _text[c] = new string?[capacity];
                    break;
                case ColumnKind.Double:
                    _doubles[c] = new double[capacity];
                    break;
                default:
                    _ints[c] = new int[capacity];
                    break;
            }
        }
    }

    /// <summary>The table's columns.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>Rows filled so far.</summary>
    public int Count { get; set; }

    /// <summary>True when no more rows fit.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>Text values of a column.</summary>
    public string?[] Text(int column) => _text[column] ?? throw new InvalidOperationException($"Column {Columns[column].Name} is not text.");

    /// <summary>Integer or date values of a column.</summary>
    public int[] Ints(int column) => _ints[column] ?? throw new InvalidOperationException($"Column {Columns[column].Name} is not integer or date.");

    /// <summary>Double values of a column.</summary>
    public double[] Doubles(int column) => _doubles[column] ?? throw new InvalidOperationException($"Column {Columns[column].Name} is not double.");
}
