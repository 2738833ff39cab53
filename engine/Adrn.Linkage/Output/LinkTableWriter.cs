using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Tables;

namespace Adrn.Linkage.Output;

/// <summary>Writes the <c>links</c>, <c>pairs</c> and <c>clusters</c> tables in Arrow IPC, CSV or Parquet.</summary>
public static class LinkTableWriter
{
    /// <summary>Writes scored pairs as a <c>links</c>/<c>pairs</c> table (schema in <c>docs/outputs.md</c>).</summary>
    /// <param name="outDir">Output folder.</param>
    /// <param name="name">Table name, e.g. <c>links</c> (the extension follows the format).</param>
    /// <param name="format">File format.</param>
    /// <param name="prepared">The records the pairs refer to.</param>
    /// <param name="comparisons">The comparisons (for the gamma column names).</param>
    /// <param name="b">The pairs, in the order to write.</param>
    /// <returns>The path written.</returns>
    public static string WritePairs(string outDir, string name, SourceFormat format, PreparedLinkage prepared, ComparisonSet comparisons, ScoredPairBatch b)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(b);
        var records = prepared.Records;
        var n = b.Count;
        var idl = new string?[n];
        var idr = new string?[n];
        var sl = new string?[n];
        var sr = new string?[n];
        for (var i = 0; i < n; i++)
        {
            idl[i] = records.Ids[b.Left[i]];
            idr[i] = records.Ids[b.Right[i]];
            sl[i] = records.SourceNames[records.SourceOf(b.Left[i])];
            sr[i] = records.SourceNames[records.SourceOf(b.Right[i])];
        }

        var k = comparisons.Count;
        var columns = new List<TableColumn>
        {
            new("id_l", TableColumnType.Text), new("id_r", TableColumnType.Text), new("source_l", TableColumnType.Text), new("source_r", TableColumnType.Text),
            new("match_weight", TableColumnType.Double, Nullable: false), new("match_probability", TableColumnType.Double, Nullable: false),
        };
        var arrays = new List<Array> { idl, idr, sl, sr, b.Weight, b.Probability };
        for (var c = 0; c < k; c++)
        {
            columns.Add(new TableColumn("gamma_" + comparisons.Configs[c].Name, TableColumnType.Int8, Nullable: false));
            var gamma = new sbyte[n];
            for (var i = 0; i < n; i++) gamma[i] = b.Gammas[((long)i * k) + c];
            arrays.Add(gamma);
        }

        return TableWriter.WriteTable(outDir, name, format.ToTableFormat(), TableBatch.Wrap(new TableSchema(columns), n, [.. arrays]));
    }

    /// <summary>Writes the <c>clusters</c> table: one row per record, sorted by (source, id).</summary>
    /// <param name="outDir">Output folder.</param>
    /// <param name="format">File format.</param>
    /// <param name="prepared">The records.</param>
    /// <param name="clusters">Cluster id per record index.</param>
    /// <returns>The path written.</returns>
    public static string WriteClusters(string outDir, SourceFormat format, PreparedLinkage prepared, string[] clusters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(clusters);
        var records = prepared.Records;
        var order = Enumerable.Range(0, records.Count).OrderBy(i => records.IdRank[i]).ToArray();
        var ids = new string?[order.Length];
        var sources = new string?[order.Length];
        var cl = new string?[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ids[i] = records.Ids[order[i]];
            sources[i] = records.SourceNames[records.SourceOf(order[i])];
            cl[i] = clusters[order[i]];
        }

        var schema = new TableSchema([new("id", TableColumnType.Text), new("source", TableColumnType.Text), new("cluster_id", TableColumnType.Text)]);
        return TableWriter.WriteTable(outDir, "clusters", format.ToTableFormat(), TableBatch.Wrap(schema, order.Length, ids, sources, cl));
    }
}
