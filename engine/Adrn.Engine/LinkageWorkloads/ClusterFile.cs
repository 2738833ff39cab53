using Adrn.Linkage.Preparation;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>Writes the documented <c>clusters</c> table (id, source, cluster_id) in id-rank order.</summary>
internal static class ClusterFile
{
    public static void Write(string path, RecordTable records, string[] clusters)
    {
        var order = Enumerable.Range(0, records.Count).OrderBy(i => records.IdRank[i]).ToArray();
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("source").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("cluster_id").DataType(StringType.Default).Nullable(false))
            .Build();
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new ArrowFileWriter(stream, schema);
        for (var start = 0; start < order.Length || start == 0; start += ScoredPairFile.BatchRows)
        {
            var length = Math.Min(ScoredPairFile.BatchRows, order.Length - start);
            var ids = new StringArray.Builder();
            var sources = new StringArray.Builder();
            var clusterIds = new StringArray.Builder();
            for (var i = start; i < start + length; i++)
            {
                var record = order[i];
                ids.Append(records.Ids[record]);
                sources.Append(records.SourceNames[records.SourceOf(record)]);
                clusterIds.Append(clusters[record]);
            }

            using var batch = new RecordBatch(schema, [ids.Build(), sources.Build(), clusterIds.Build()], length);
            writer.WriteRecordBatch(batch);
            if (order.Length == 0)
            {
                break;
            }
        }

        writer.WriteEnd();
    }
}
