using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// Reads one scored partition file a record batch at a time, so a merge over P partitions holds
/// P batches in memory, not P partitions.
/// </summary>
internal sealed class ScoredPairCursor : IDisposable
{
    private readonly FileStream _stream;
    private readonly ArrowFileReader _reader;
    private readonly int _comparisonCount;
    private RecordBatch? _batch;
    private int _row;

    public ScoredPairCursor(string path, int comparisonCount)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        _reader = new ArrowFileReader(_stream);
        _comparisonCount = comparisonCount;
        Gammas = new sbyte[comparisonCount];
    }

    public int Left { get; private set; }

    public int Right { get; private set; }

    public ulong Key { get; private set; }

    public double Weight { get; private set; }

    public double Probability { get; private set; }

    /// <summary>Gammas of the current row (overwritten by <see cref="MoveNext"/>).</summary>
    public sbyte[] Gammas { get; }

    public bool MoveNext()
    {
        while (_batch is null || _row >= _batch.Length)
        {
            _batch?.Dispose();
            _batch = _reader.ReadNextRecordBatch();
            _row = 0;
            if (_batch is null)
            {
                return false;
            }
        }

        Left = ((Int32Array)_batch.Column(0)).GetValue(_row)!.Value;
        Right = ((Int32Array)_batch.Column(1)).GetValue(_row)!.Value;
        Key = ((UInt64Array)_batch.Column(2)).GetValue(_row)!.Value;
        Weight = ((DoubleArray)_batch.Column(3)).GetValue(_row)!.Value;
        Probability = ((DoubleArray)_batch.Column(4)).GetValue(_row)!.Value;
        for (var c = 0; c < _comparisonCount; c++)
        {
            Gammas[c] = ((Int8Array)_batch.Column(5 + c)).GetValue(_row)!.Value;
        }

        _row++;
        return true;
    }

    public void Dispose()
    {
        _batch?.Dispose();
        _reader.Dispose();
        _stream.Dispose();
    }
}
