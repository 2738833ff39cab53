using Adrn.Linkage.Scoring;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// The Arrow IPC file of one scored partition: record indices (stable, because every node prepares
/// the same job identically), the sort key, weight, probability and one gamma column per
/// comparison, sorted by (id rank left, id rank right) so partitions merge by streaming.
/// </summary>
internal static class ScoredPairFile
{
    /// <summary>Rows per record batch, in files written here and in the merged outputs.</summary>
    public const int BatchRows = 16_384;

    public static Schema CreateSchema(int comparisonCount)
    {
        var builder = new Schema.Builder()
            .Field(f => f.Name("left").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("right").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("sort_key").DataType(UInt64Type.Default).Nullable(false))
            .Field(f => f.Name("match_weight").DataType(DoubleType.Default).Nullable(false))
            .Field(f => f.Name("match_probability").DataType(DoubleType.Default).Nullable(false));
        for (var c = 0; c < comparisonCount; c++)
        {
            var index = c;
            builder.Field(f => f.Name("gamma_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)).DataType(Int8Type.Default).Nullable(false));
        }

        return builder.Build();
    }

    /// <summary>The merge key of a pair: id rank of the left record in the high half, of the right in the low half.</summary>
    public static ulong SortKey(int[] idRank, int left, int right) => ((ulong)(uint)idRank[left] << 32) | (uint)idRank[right];

    /// <summary>Writes <paramref name="batch"/> sorted by <see cref="SortKey"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, ScoredPairBatch batch, int[] idRank)
    {
        var n = batch.Count;
        var k = batch.ComparisonCount;
        var keys = new ulong[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = SortKey(idRank, batch.Left[i], batch.Right[i]);
            order[i] = i;
        }

        System.Array.Sort(keys, order);
        var schema = CreateSchema(k);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new ArrowFileWriter(stream, schema);
        for (var start = 0; start < n || (start == 0 && n == 0); start += BatchRows)
        {
            var length = Math.Min(BatchRows, n - start);
            var left = new Int32Array.Builder().Reserve(length);
            var right = new Int32Array.Builder().Reserve(length);
            var key = new UInt64Array.Builder().Reserve(length);
            var weight = new DoubleArray.Builder().Reserve(length);
            var probability = new DoubleArray.Builder().Reserve(length);
            var gammas = new Int8Array.Builder[k];
            for (var c = 0; c < k; c++)
            {
                gammas[c] = new Int8Array.Builder().Reserve(length);
            }

            for (var i = start; i < start + length; i++)
            {
                var row = order[i];
                left.Append(batch.Left[row]);
                right.Append(batch.Right[row]);
                key.Append(keys[i]);
                weight.Append(batch.Weight[row]);
                probability.Append(batch.Probability[row]);
                for (var c = 0; c < k; c++)
                {
                    gammas[c].Append(batch.Gammas[((long)row * k) + c]);
                }
            }

            var arrays = new List<IArrowArray> { left.Build(), right.Build(), key.Build(), weight.Build(), probability.Build() };
            arrays.AddRange(gammas.Select(g => (IArrowArray)g.Build()));
            using var recordBatch = new RecordBatch(schema, arrays, length);
            writer.WriteRecordBatch(recordBatch);
            if (n == 0)
            {
                break;
            }
        }

        writer.WriteEnd();
    }
}
