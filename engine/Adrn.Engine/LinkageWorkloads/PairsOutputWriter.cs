using Adrn.Linkage.Preparation;
using Adrn.Tables;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// Writes scored pairs as the documented <c>pairs</c>/<c>links</c> Arrow table (id_l, id_r,
/// source_l, source_r, match_weight, match_probability, gamma_&lt;comparison&gt;), a record batch at
/// a time through the table writer, so the merged output never has to fit in memory.
/// </summary>
internal sealed class PairsOutputWriter : IDisposable
{
    private readonly RecordTable _records;
    private readonly int _k;
    private readonly TableWriter _writer;
    private readonly TableBatch _batch;
    private readonly string?[] _idLeft;
    private readonly string?[] _idRight;
    private readonly string?[] _sourceLeft;
    private readonly string?[] _sourceRight;
    private readonly double[] _weight;
    private readonly double[] _probability;
    private readonly sbyte[][] _gammas;

    public PairsOutputWriter(string path, RecordTable records, IReadOnlyList<string> comparisonNames)
    {
        _records = records;
        _k = comparisonNames.Count;
        var columns = new List<TableColumn>
        {
            new("id_l", TableColumnType.Text, Nullable: false), new("id_r", TableColumnType.Text, Nullable: false),
            new("source_l", TableColumnType.Text, Nullable: false), new("source_r", TableColumnType.Text, Nullable: false),
            new("match_weight", TableColumnType.Double, Nullable: false), new("match_probability", TableColumnType.Double, Nullable: false),
        };
        columns.AddRange(comparisonNames.Select(name => new TableColumn("gamma_" + name, TableColumnType.Int8, Nullable: false)));
        var schema = new TableSchema(columns);
        _batch = new TableBatch(schema, ScoredPairFile.BatchRows);
        (_idLeft, _idRight, _sourceLeft, _sourceRight) = (_batch.Text(0), _batch.Text(1), _batch.Text(2), _batch.Text(3));
        (_weight, _probability) = (_batch.Double(4), _batch.Double(5));
        _gammas = Enumerable.Range(0, _k).Select(c => _batch.Int8(6 + c)).ToArray();
        // The caller writes to a temporary name and publishes it; this writer only fills that file.
        _writer = TableWriter.Create(path, TableFormat.Arrow, schema, new TableWriterOptions { ArrowBatchRows = ScoredPairFile.BatchRows, Atomic = false });
    }

    public long Rows { get; private set; }

    public void Append(int left, int right, double weight, double probability, ReadOnlySpan<sbyte> gammas)
    {
        var i = _batch.Count;
        _idLeft[i] = _records.Ids[left];
        _idRight[i] = _records.Ids[right];
        _sourceLeft[i] = _records.SourceNames[_records.SourceOf(left)];
        _sourceRight[i] = _records.SourceNames[_records.SourceOf(right)];
        _weight[i] = weight;
        _probability[i] = probability;
        for (var c = 0; c < _k; c++)
        {
            _gammas[c][i] = gammas[c];
        }

        Rows++;
        if (++_batch.Count == ScoredPairFile.BatchRows)
        {
            Flush();
        }
    }

    /// <summary>Writes the last batch and the file footer.</summary>
    public void Complete()
    {
        Flush();
        _writer.Complete();
    }

    public void Dispose() => _writer.Dispose();

    private void Flush()
    {
        _writer.Write(_batch);
        _batch.Count = 0;
    }
}
