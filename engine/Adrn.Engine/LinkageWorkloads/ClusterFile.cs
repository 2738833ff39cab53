using Adrn.Linkage.Preparation;
using Adrn.Tables;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>Writes the documented <c>clusters</c> table (id, source, cluster_id) in id-rank order.</summary>
internal static class ClusterFile
{
    public static void Write(string path, RecordTable records, string[] clusters)
    {
        var order = Enumerable.Range(0, records.Count).OrderBy(i => records.IdRank[i]).ToArray();
        var ids = new string?[order.Length];
        var sources = new string?[order.Length];
        var clusterIds = new string?[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var record = order[i];
            ids[i] = records.Ids[record];
            sources[i] = records.SourceNames[records.SourceOf(record)];
            clusterIds[i] = clusters[record];
        }

        var schema = new TableSchema(
        [
            new("id", TableColumnType.Text, Nullable: false), new("source", TableColumnType.Text, Nullable: false), new("cluster_id", TableColumnType.Text, Nullable: false),
        ]);
        // The caller writes to a temporary name and publishes it.
        using var writer = TableWriter.Create(path, TableFormat.Arrow, schema, new TableWriterOptions { ArrowBatchRows = ScoredPairFile.BatchRows, Atomic = false });
        writer.Write(TableBatch.Wrap(schema, order.Length, ids, sources, clusterIds));
        writer.Complete();
    }
}
