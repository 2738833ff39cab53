using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;

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

        var columns = new List<OutputColumn>
        {
            new("id_l", Strings: idl),
            new("id_r", Strings: idr),
            new("source_l", Strings: sl),
            new("source_r", Strings: sr),
            new("match_weight", Doubles: b.Weight),
            new("match_probability", Doubles: b.Probability),
        };
        if (b.Resolved is { } resolved) columns.Add(new OutputColumn("resolved_probability", Doubles: resolved));
        for (var c = 0; c < comparisons.Count; c++)
            columns.Add(new OutputColumn("gamma_" + comparisons.Configs[c].Name, Int8: b.Gammas, Int8Stride: comparisons.Count, Int8Offset: c));
        return TableWriter.Write(outDir, name, format, columns, n);
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

        return TableWriter.Write(outDir, "clusters", format,
            [new OutputColumn("id", Strings: ids), new OutputColumn("source", Strings: sources), new OutputColumn("cluster_id", Strings: cl)], order.Length);
    }
}
