using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Tables;

namespace Adrn.Linkage.Output;

/// <summary>Writes the <c>clusters</c> table (schema in <c>docs/outputs.md</c>): one row per record, sorted by (source, id).</summary>
public static class ClusterTableWriter
{
    /// <summary>The table's columns: id, source, cluster_id (text), with their descriptions.</summary>
    public static TableSchema Schema { get; } = ColumnDescriptions.Describe(new TableSchema(
        [new TableColumn("id", TableColumnType.Text), new TableColumn("source", TableColumnType.Text), new TableColumn("cluster_id", TableColumnType.Text)]));

    /// <summary>Writes the table in one format.</summary>
    /// <param name="outDir">Output folder.</param>
    /// <param name="format">File format.</param>
    /// <param name="records">The job's records.</param>
    /// <param name="clusters">Cluster id per record index.</param>
    /// <returns>The path written.</returns>
    public static string Write(string outDir, SourceFormat format, RecordTable records, string[] clusters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(clusters);
        var order = new int[records.Count];
        for (var i = 0; i < order.Length; i++) order[records.IdRank[i]] = i;
        var ids = new string?[order.Length];
        var sources = new string?[order.Length];
        var cl = new string?[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ids[i] = records.Ids[order[i]];
            sources[i] = records.SourceNames[records.SourceOf(order[i])];
            cl[i] = clusters[order[i]];
        }

        return TableWriter.WriteTable(outDir, "clusters", format.ToTableFormat(), TableBatch.Wrap(Schema, order.Length, ids, sources, cl));
    }
}
