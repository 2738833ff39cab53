using Adrn.Linkage.Preparation;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// Writes scored pairs as the documented <c>pairs</c>/<c>links</c> Arrow table (id_l, id_r,
/// source_l, source_r, match_weight, match_probability, gamma_&lt;comparison&gt;), a record batch at
/// a time, so the merged output never has to fit in memory.
/// </summary>
internal sealed class PairsOutputWriter : IDisposable
{
    private readonly RecordTable _records;
    private readonly int _k;
    private readonly Schema _schema;
    private readonly FileStream _stream;
    private readonly ArrowFileWriter _writer;
    private StringArray.Builder _idLeft = new();
    private StringArray.Builder _idRight = new();
    private StringArray.Builder _sourceLeft = new();
    private StringArray.Builder _sourceRight = new();
    private DoubleArray.Builder _weight = new();
    private DoubleArray.Builder _probability = new();
    private Int8Array.Builder[] _gammas;
    private DoubleArray.Builder? _resolved;
    private int _pending;
    private bool _wroteAny;

    /// <param name="path">File to create.</param>
    /// <param name="records">The records pairs refer to.</param>
    /// <param name="comparisonNames">Comparison names (gamma columns).</param>
    /// <param name="resolved">Whether to write the <c>resolved_probability</c> column (register posterior).</param>
    public PairsOutputWriter(string path, RecordTable records, IReadOnlyList<string> comparisonNames, bool resolved = false)
    {
        _records = records;
        _k = comparisonNames.Count;
        var builder = new Schema.Builder()
            .Field(f => f.Name("id_l").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("id_r").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("source_l").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("source_r").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("match_weight").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("match_probability").DataType(DoubleType.Default).Nullable(false));
        if (resolved)
        {
            builder.Field(f => f.Name("resolved_probability").DataType(DoubleType.Default).Nullable(false));
            _resolved = new();
        }

        foreach (var name in comparisonNames)
        {
            builder.Field(f => f.Name("gamma_" + name).DataType(Int8Type.Default).Nullable(false));
        }

        _schema = builder.Build();
        _gammas = NewGammaBuilders();
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _writer = new ArrowFileWriter(_stream, _schema);
    }

    public long Rows { get; private set; }

    public void Append(int left, int right, double weight, double probability, ReadOnlySpan<sbyte> gammas, double? resolved = null)
    {
        _idLeft.Append(_records.Ids[left]);
        _idRight.Append(_records.Ids[right]);
        _sourceLeft.Append(_records.SourceNames[_records.SourceOf(left)]);
        _sourceRight.Append(_records.SourceNames[_records.SourceOf(right)]);
        _weight.Append(weight);
        _probability.Append(probability);
        _resolved?.Append(resolved ?? probability);
        for (var c = 0; c < _k; c++)
        {
            _gammas[c].Append(gammas[c]);
        }

        Rows++;
        if (++_pending == ScoredPairFile.BatchRows)
        {
            Flush();
        }
    }

    /// <summary>Writes the last batch and the file footer.</summary>
    public void Complete()
    {
        if (_pending > 0 || !_wroteAny)
        {
            Flush();
        }

        _writer.WriteEnd();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    private void Flush()
    {
        var arrays = new List<IArrowArray>
        {
            _idLeft.Build(), _idRight.Build(), _sourceLeft.Build(), _sourceRight.Build(), _weight.Build(), _probability.Build(),
        };
        if (_resolved is not null)
        {
            arrays.Add(_resolved.Build());
            _resolved = new();
        }

        arrays.AddRange(_gammas.Select(g => (IArrowArray)g.Build()));
        using (var batch = new RecordBatch(_schema, arrays, _pending))
        {
            _writer.WriteRecordBatch(batch);
        }

        _wroteAny = true;
        _pending = 0;
        _idLeft = new();
        _idRight = new();
        _sourceLeft = new();
        _sourceRight = new();
        _weight = new();
        _probability = new();
        _gammas = NewGammaBuilders();
    }

    private Int8Array.Builder[] NewGammaBuilders()
    {
        var builders = new Int8Array.Builder[_k];
        for (var c = 0; c < _k; c++)
        {
            builders[c] = new Int8Array.Builder();
        }

        return builders;
    }
}
