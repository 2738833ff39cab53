using Adrn.Tables;
using Apache.Arrow;

namespace Adrn.Linkage.Output;

/// <summary>
/// One sentence per column of the linkage outputs (<c>links</c>, <c>pairs</c>, <c>clusters</c>), written into the files
/// themselves: as each field's <c>description</c> metadata in Arrow IPC, and as the file's
/// key–value metadata in Parquet (one key <c>description:&lt;column&gt;</c> per column), so a table opened in pyarrow,
/// polars, R's arrow or DuckDB explains itself. The same text is in docs/outputs.md. (A linked panel's columns are
/// described by its definition, <see cref="Panel.LinkedPanelDefinition"/>, whose labels the builder writes the same way.)
/// </summary>
public static class ColumnDescriptions
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        // links / pairs
        ["id_l"] = "Id of the left record (first source for link_only; the record with the smaller index for dedupe).",
        ["id_r"] = "Id of the right record.",
        ["source_l"] = "Source name of the left record.",
        ["source_r"] = "Source name of the right record.",
        ["match_weight"] = "log2 prior odds + sum of level weights log2(m/u) + term-frequency adjustments.",
        ["match_probability"] = "Match probability 2^w / (1 + 2^w) of the match weight w.",
        ["resolved_probability"] = "Register posterior: probability that the left record's match is this right record, all its candidates competing.",
        ["match_key"] = "0-based index (in blocking_rules order) of the blocking rule that first produced the pair.",
        ["match_rule"] = "Name of the blocking rule that first produced the pair.",
        // clusters
        ["id"] = "Record id.",
        ["source"] = "Source name of the record.",
        ["cluster_id"] = "Id of the cluster (the component's record that sorts first by source and id); stable.",
    };

    /// <summary>The description of a column, or null for a column this catalogue does not know (a requested attribute).</summary>
    /// <param name="column">Column name.</param>
    /// <returns>The description, or null.</returns>
    public static string? Of(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Known.TryGetValue(column, out var d)) return d;
        if (column.StartsWith("gamma_", StringComparison.Ordinal))
            return $"Comparison level reached on comparison '{column["gamma_".Length..]}': -1 null, 0 else, 1..n levels (n = best; labels in model.json).";
        return null;
    }

    /// <summary>The schema with each known column's description as its field metadata (<see cref="TableSchema.DescriptionKey"/>); other metadata kept.</summary>
    /// <param name="schema">A schema.</param>
    /// <returns>The described schema.</returns>
    public static Schema Describe(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var builder = new Schema.Builder();
        foreach (var field in schema.FieldsList)
        {
            var metadata = field.HasMetadata ? new Dictionary<string, string>(field.Metadata) : [];
            if (Of(field.Name) is { } description) metadata[TableSchema.DescriptionKey] = description;
            builder.Field(new Field(field.Name, field.DataType, field.IsNullable, metadata.Count == 0 ? null : metadata));
        }

        if (schema.HasMetadata) builder.Metadata(schema.Metadata);
        return builder.Build();
    }

    /// <summary>The table schema with each known column's description (a description already given is kept).</summary>
    /// <param name="schema">A table schema.</param>
    /// <returns>The described schema.</returns>
    public static TableSchema Describe(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new TableSchema(schema.Select(c => c.Description is null && Of(c.Name) is { } d ? c with { Description = d } : c));
    }
}
