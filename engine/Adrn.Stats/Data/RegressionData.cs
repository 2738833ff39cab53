using Adrn.Tables;
using Apache.Arrow;
using Microsoft.Data.Analysis;

namespace Adrn.Stats.Data;

/// <summary>
/// The standard <see cref="IRegressionData"/>: a set of named columns from Arrow record batches,
/// a CSV or Parquet file, a DataFrame or plain arrays. Arrow and DataFrame sources are wrapped,
/// not copied; the regression reads only the columns its formula names.
/// </summary>
public sealed class RegressionData : IRegressionData
{
    private readonly Dictionary<string, RegressionColumn> _columns;
    private readonly List<string> _names;

    private RegressionData(IEnumerable<RegressionColumn> columns)
    {
        _columns = new Dictionary<string, RegressionColumn>(StringComparer.Ordinal);
        _names = [];
        var rows = -1;
        foreach (var column in columns)
        {
            if (rows >= 0 && column.Length != rows)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows but earlier columns have {rows}.", nameof(columns));
            rows = column.Length;
            if (!_columns.TryAdd(column.Name, column))
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            _names.Add(column.Name);
        }

        RowCount = Math.Max(rows, 0);
    }

    /// <inheritdoc />
    public int RowCount { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ColumnNames => _names;

    /// <inheritdoc />
    public RegressionColumn GetColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _columns.TryGetValue(name, out var column)
            ? column
            : throw new KeyNotFoundException($"No column '{name}'. Available columns: {string.Join(", ", _names)}.");
    }

    /// <summary>Wraps caller-supplied columns (for example <see cref="FromArrays"/> results merged by hand).</summary>
    /// <param name="columns">Columns of equal length with distinct names.</param>
    public static RegressionData FromColumns(IEnumerable<RegressionColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new RegressionData(columns);
    }

    /// <summary>
    /// Builds a table from in-memory arrays without copying them: <c>double[]</c> (NaN = missing),
    /// <c>int[]</c>/<c>long[]</c> (converted), <c>bool[]</c> and <c>string?[]</c> (null or empty = missing).
    /// </summary>
    /// <param name="columns">Column name to array.</param>
    public static RegressionData FromArrays(IEnumerable<KeyValuePair<string, System.Array>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = new List<RegressionColumn>();
        foreach (var (name, array) in columns)
        {
            list.Add(array switch
            {
                double[] d => new NumericArrayColumn(name, d),
                int[] a => new NumericArrayColumn(name, System.Array.ConvertAll(a, v => (double)v)),
                long[] a => new NumericArrayColumn(name, System.Array.ConvertAll(a, v => (double)v)),
                bool[] a => new NumericArrayColumn(name, System.Array.ConvertAll(a, v => v ? 1.0 : 0.0), ColumnKind.Boolean),
                string?[] s => new TextArrayColumn(name, s),
                _ => throw new ArgumentException($"Column '{name}' is a {array.GetType().Name}; use double[], int[], long[], bool[] or string[].", nameof(columns)),
            });
        }

        return new RegressionData(list);
    }

    /// <summary>Wraps one Arrow record batch (no copy).</summary>
    /// <param name="batch">The batch; it must stay alive while the data is used.</param>
    public static RegressionData FromArrow(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return FromArrow([batch]);
    }

    /// <summary>Wraps a sequence of Arrow record batches with the same schema as one table (no copy).</summary>
    /// <param name="batches">The batches, in row order; at least one.</param>
    public static RegressionData FromArrow(IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0) throw new ArgumentException("At least one record batch is required.", nameof(batches));
        var schema = batches[0].Schema;
        var columns = new List<RegressionColumn>(schema.FieldsList.Count);
        for (var f = 0; f < schema.FieldsList.Count; f++)
        {
            var chunks = new IArrowArray[batches.Count];
            for (var b = 0; b < batches.Count; b++) chunks[b] = batches[b].Column(f);
            columns.Add(ArrowColumn.Create(schema.FieldsList[f].Name, chunks));
        }

        return new RegressionData(columns);
    }

    /// <summary>Wraps a Microsoft.Data.Analysis DataFrame (no copy; values are read through the columns).</summary>
    /// <param name="frame">The data frame.</param>
    public static RegressionData FromDataFrame(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new RegressionData(frame.Columns.Select(c => (RegressionColumn)new DataFrameColumnSource(c)));
    }

    /// <summary>Reads an Arrow IPC file (file format, <c>.arrow</c>/<c>.feather</c>).</summary>
    /// <param name="path">The file path.</param>
    public static RegressionData ReadArrowFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // The batches stay alive: the columns wrap them without copying.
        var table = TableReader.ReadArrow(path, TableFormat.Arrow);
        if (table.Batches.Count == 0) throw new InvalidDataException($"{path}: the Arrow file holds no record batches.");
        return FromArrow(table.Batches);
    }

    /// <summary>Reads a CSV file (RFC 4180, header row, comma, UTF-8; empty or <c>NA</c> = missing); a malformed record is an error naming its line.</summary>
    /// <param name="path">The file path.</param>
    public static RegressionData ReadCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new RegressionData(CsvRegressionColumns.Read(path));
    }

    /// <summary>Reads the flat columns of a Parquet file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<RegressionData> ReadParquetAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Read as Arrow batches (one per row group) and wrapped like an Arrow file; the batches stay alive.
        var table = await Task.Run(() => TableReader.ReadArrow(path, TableFormat.Parquet), cancellationToken).ConfigureAwait(false);
        if (table.Batches.Count == 0) throw new InvalidDataException($"{path}: the Parquet file holds no row groups.");
        return FromArrow(table.Batches);
    }

    /// <summary>Reads a file by its extension: <c>.arrow</c>/<c>.feather</c>/<c>.ipc</c>, <c>.csv</c> or <c>.parquet</c>.</summary>
    /// <param name="path">The file path.</param>
    /// <exception cref="ArgumentException">The extension is not one of those.</exception>
    public static RegressionData Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var ext = Path.GetExtension(path).ToUpperInvariant();
        return ext switch
        {
            ".ARROW" or ".FEATHER" or ".IPC" => ReadArrowFile(path),
            ".CSV" => ReadCsv(path),
            ".PARQUET" => ReadParquetAsync(path).GetAwaiter().GetResult(),
            _ => throw new ArgumentException($"{path}: unknown data file extension '{ext}'; use .arrow, .csv or .parquet.", nameof(path)),
        };
    }
}
