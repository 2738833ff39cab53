using System.Runtime.CompilerServices;
using Adrn.Linkage.Preparation;
using Adrn.Tables;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Adrn.Linkage.Output;

/// <summary>
/// Writes the <c>links</c> and <c>pairs</c> tables (schema in <c>docs/outputs.md</c>) as Arrow IPC files, a record
/// batch at a time (through the one <see cref="TableWriter"/>), so a merged table never has to fit in memory. This type
/// owns the tables' schema: every driver writes them through it.
/// </summary>
public sealed class PairTableWriter : IDisposable
{
    private const int BatchRows = 65_536;
    private readonly RecordTable _records;
    private readonly IReadOnlyList<string> _ruleNames;
    private readonly int _k;
    private readonly Schema _schema;
    private readonly TableWriter _writer;
    private readonly int[] _left = new int[BatchRows];
    private readonly int[] _right = new int[BatchRows];
    private readonly double[] _weight = new double[BatchRows];
    private readonly double[] _probability = new double[BatchRows];
    private readonly double[]? _resolved;
    private readonly sbyte[] _rule = new sbyte[BatchRows];
    private readonly sbyte[][] _gammas;
    private int _pending;

    /// <summary>Creates the file (it must not exist; callers publish it under its final name themselves) and writes its schema.</summary>
    /// <param name="path">File to create.</param>
    /// <param name="records">The job's records (for ids and source names).</param>
    /// <param name="comparisonNames">Comparison names in gamma-vector order (columns <c>gamma_&lt;name&gt;</c>).</param>
    /// <param name="ruleNames">Blocking rule names by index (column <c>match_rule</c>).</param>
    /// <param name="resolvedProbability">Whether the table has the <c>resolved_probability</c> column (runs with
    /// <c>resolution.register_posterior</c>); every <see cref="Append"/> then gives it.</param>
    public PairTableWriter(string path, RecordTable records, IReadOnlyList<string> comparisonNames, IReadOnlyList<string> ruleNames, bool resolvedProbability = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(comparisonNames);
        ArgumentNullException.ThrowIfNull(ruleNames);
        _records = records;
        _ruleNames = ruleNames;
        _k = comparisonNames.Count;
        _schema = CreateSchema(comparisonNames, resolvedProbability);
        if (resolvedProbability) _resolved = new double[BatchRows];
        _gammas = new sbyte[_k][];
        for (var c = 0; c < _k; c++) _gammas[c] = new sbyte[BatchRows];
        if (File.Exists(path)) throw new IOException($"{path} already exists");
        _writer = TableWriter.Create(path, TableFormat.Arrow, _schema, new TableWriterOptions { ArrowBatchRows = BatchRows, Atomic = false });
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>The schema of the <c>links</c>/<c>pairs</c> tables.</summary>
    /// <param name="comparisonNames">Comparison names in gamma-vector order.</param>
    /// <param name="resolvedProbability">Whether to include <c>resolved_probability</c> (after <c>match_probability</c>).</param>
    /// <returns>The schema: id_l, id_r, source_l, source_r, match_weight, match_probability, [resolved_probability,] match_key,
    /// match_rule, gamma_&lt;comparison&gt;...</returns>
    public static Schema CreateSchema(IReadOnlyList<string> comparisonNames, bool resolvedProbability = false)
    {
        ArgumentNullException.ThrowIfNull(comparisonNames);
        var builder = new Schema.Builder()
            .Field(f => f.Name("id_l").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("id_r").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("source_l").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("source_r").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("match_weight").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("match_probability").DataType(DoubleType.Default).Nullable(false));
        if (resolvedProbability) builder.Field(f => f.Name("resolved_probability").DataType(DoubleType.Default).Nullable(false));
        builder.Field(f => f.Name("match_key").DataType(Int8Type.Default).Nullable(false))
            .Field(f => f.Name("match_rule").DataType(StringType.Default).Nullable(false));
        foreach (var name in comparisonNames)
            builder.Field(f => f.Name("gamma_" + name).DataType(Int8Type.Default).Nullable(false));
        return ColumnDescriptions.Describe(builder.Build());
    }

    /// <summary>Appends one pair.</summary>
    /// <param name="left">Left record (job index).</param>
    /// <param name="right">Right record (job index).</param>
    /// <param name="weight">Match weight.</param>
    /// <param name="probability">Match probability.</param>
    /// <param name="rule">Blocking rule index.</param>
    /// <param name="gammas">Gamma vector.</param>
    /// <param name="resolvedProbability">The register posterior's probability (written when the table has the column).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(int left, int right, double weight, double probability, int rule, ReadOnlySpan<sbyte> gammas, double resolvedProbability = double.NaN)
    {
        var i = _pending;
        if (_resolved is not null)
        {
            if (double.IsNaN(resolvedProbability)) throw new ArgumentException("this table has resolved_probability: give it for every pair", nameof(resolvedProbability));
            _resolved[i] = resolvedProbability;
        }

        _left[i] = left;
        _right[i] = right;
        _weight[i] = weight;
        _probability[i] = probability;
        _rule[i] = (sbyte)rule;
        for (var c = 0; c < _k; c++) _gammas[c][i] = gammas[c];
        Rows++;
        if (++_pending == BatchRows) Flush();
    }

    /// <summary>Writes the last batch and the file footer.</summary>
    public void Complete()
    {
        if (_pending > 0) Flush();
        _writer.Complete();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void Flush()
    {
        var n = _pending;
        var ids = _records.Ids;
        var names = _records.SourceNames;
        // The text columns (ids, sources, rule names) are most of the cost: the columns are built in parallel.
        var builders = new List<Func<IArrowArray>>(9 + _k)
        {
            () => ArrowColumns.Strings(n, i => ids[_left[i]]),
            () => ArrowColumns.Strings(n, i => ids[_right[i]]),
            () => ArrowColumns.Strings(n, i => names[_records.SourceOf(_left[i])]),
            () => ArrowColumns.Strings(n, i => names[_records.SourceOf(_right[i])]),
            () => ArrowColumns.Double(_weight.AsSpan(0, n)),
            () => ArrowColumns.Double(_probability.AsSpan(0, n)),
        };
        if (_resolved is not null) builders.Add(() => ArrowColumns.Double(_resolved.AsSpan(0, n)));
        builders.Add(() => ArrowColumns.Int8(_rule.AsSpan(0, n)));
        builders.Add(() => ArrowColumns.Strings(n, i => _rule[i] >= 0 && _rule[i] < _ruleNames.Count ? _ruleNames[_rule[i]] : ""));
        for (var c = 0; c < _k; c++)
        {
            var gammas = _gammas[c];
            builders.Add(() => ArrowColumns.Int8(gammas.AsSpan(0, n)));
        }

        var arrays = new IArrowArray[builders.Count];
        Parallel.For(0, builders.Count, b => arrays[b] = builders[b]());
        using (var batch = new RecordBatch(_schema, arrays, n))
            _writer.Write(batch);
        _pending = 0;
    }
}
