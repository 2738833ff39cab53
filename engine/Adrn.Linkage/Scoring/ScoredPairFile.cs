using Adrn.Linkage.Output;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Linkage.Scoring;

/// <summary>
/// The Arrow IPC file of one scored partition, as a worker writes it and the finish stage reads it back: job record
/// indices (every node sees the same prepared records), weight, probability, the blocking rule and one gamma column per
/// comparison, sorted by (source, id) of left then right record so that partitions merge by streaming.
/// </summary>
public static class ScoredPairFile
{
    /// <summary>Rows per record batch.</summary>
    public const int BatchRows = 65_536;

    private const int FixedColumns = 5;

    /// <summary>The file's schema for <paramref name="comparisonCount"/> comparisons.</summary>
    /// <param name="comparisonCount">Gamma vector length.</param>
    /// <returns>The schema.</returns>
    public static Schema CreateSchema(int comparisonCount)
    {
        var builder = new Schema.Builder()
            .Field(f => f.Name("left").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("right").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("match_weight").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("match_probability").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("match_key").DataType(Int8Type.Default).Nullable(false));
        for (var c = 0; c < comparisonCount; c++)
        {
            var index = c;
            builder.Field(f => f.Name("gamma_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)).DataType(Int8Type.Default).Nullable(false));
        }

        return builder.Build();
    }

    /// <summary>Writes a batch already in merge order (<see cref="ScoredPairBatch.ToMergeOrder"/>).</summary>
    /// <param name="path">File to create.</param>
    /// <param name="batch">The pairs, sorted, indexed in the job's table.</param>
    public static void Write(string path, ScoredPairBatch batch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(batch);
        var n = batch.Count;
        var k = batch.ComparisonCount;
        var schema = CreateSchema(k);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new ArrowFileWriter(stream, schema);
        var column = new sbyte[Math.Min(BatchRows, Math.Max(n, 1))];
        for (var start = 0; start < n || start == 0; start += BatchRows)
        {
            var length = Math.Min(BatchRows, n - start);
            var arrays = new List<IArrowArray>(FixedColumns + k)
            {
                ArrowColumns.Int32(batch.Left.AsSpan(start, length)),
                ArrowColumns.Int32(batch.Right.AsSpan(start, length)),
                ArrowColumns.Double(batch.Weight.AsSpan(start, length)),
                ArrowColumns.Double(batch.Probability.AsSpan(start, length)),
                ArrowColumns.Int8(batch.Rules.AsSpan(start, length)),
            };
            for (var c = 0; c < k; c++)
            {
                for (var i = 0; i < length; i++) column[i] = batch.Gammas[((start + i) * k) + c];
                arrays.Add(ArrowColumns.Int8(column.AsSpan(0, length)));
            }

            using var recordBatch = new RecordBatch(schema, arrays, length);
            writer.WriteRecordBatch(recordBatch);
            if (n == 0) break;
        }

        writer.WriteEnd();
    }

    /// <summary>Opens a written file as a run, one record batch in memory at a time.</summary>
    /// <param name="path">The file.</param>
    /// <param name="comparisonCount">The job's gamma vector length.</param>
    /// <returns>The run.</returns>
    /// <exception cref="InvalidDataException">The file does not have the job's columns.</exception>
    public static IScoredPairRun Open(string path, int comparisonCount) => new Reader(path, comparisonCount);

    private sealed class Reader : IScoredPairRun
    {
        private readonly FileStream _stream;
        private readonly ArrowFileReader _reader;
        private readonly int _k;
        private readonly sbyte[] _gammas;
        private RecordBatch? _batch;
        private int _row;
        private int _length;
        private int[] _left = [];
        private int[] _right = [];
        private double[] _weight = [];
        private double[] _probability = [];
        private sbyte[] _rule = [];
        private sbyte[][] _gammaColumns;

        public Reader(string path, int comparisonCount)
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            _reader = new ArrowFileReader(_stream);
            _k = comparisonCount;
            _gammas = new sbyte[comparisonCount];
            _gammaColumns = new sbyte[comparisonCount][];
            var fields = _reader.Schema.FieldsList.Count;
            if (fields != FixedColumns + comparisonCount)
                throw new InvalidDataException($"{path} holds {fields - FixedColumns} gamma columns but the job has {comparisonCount} comparisons; delete it and resume the job to score the partition again.");
        }

        public int Left => _left[_row];

        public int Right => _right[_row];

        public double Weight => _weight[_row];

        public double Probability => _probability[_row];

        public int Rule => _rule[_row];

        public ReadOnlySpan<sbyte> Gammas => _gammas;

        public bool MoveNext()
        {
            while (++_row >= _length)
            {
                if (!NextBatch()) return false;
            }

            for (var c = 0; c < _k; c++) _gammas[c] = _gammaColumns[c][_row];
            return true;
        }

        private bool NextBatch()
        {
            _batch?.Dispose();
            _batch = _reader.ReadNextRecordBatch();
            if (_batch is null) return false;
            // NOTE: the columns are copied out once per batch; the merge then reads plain arrays per row.
            _length = _batch.Length;
            _row = -1;
            _left = ((Int32Array)_batch.Column(0)).Values.ToArray();
            _right = ((Int32Array)_batch.Column(1)).Values.ToArray();
            _weight = ((DoubleArray)_batch.Column(2)).Values.ToArray();
            _probability = ((DoubleArray)_batch.Column(3)).Values.ToArray();
            _rule = ((Int8Array)_batch.Column(4)).Values.ToArray();
            for (var c = 0; c < _k; c++) _gammaColumns[c] = ((Int8Array)_batch.Column(FixedColumns + c)).Values.ToArray();
            return true;
        }

        public void Dispose()
        {
            _batch?.Dispose();
            _reader.Dispose();
            _stream.Dispose();
        }
    }
}
